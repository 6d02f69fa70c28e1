// Issue 14 point 2: reprint a sale's receipt (History, the paid screen). Queues the slip and says so;
// the slip prints in the background and never holds up the till.
import { useState } from 'react';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';

export function ReprintButton({ saleId }: { saleId: string }) {
  const { t } = useI18n();
  const [note, setNote] = useState<string | null>(null);
  const reprint = async (): Promise<void> => {
    const r = await call(() => pos.printReceipt({ saleId }));
    setNote(r.ok ? t('printer.reprintQueued') : r.message);
  };
  return (
    <span className="reprint">
      <button type="button" className="btn btn-small" data-testid="reprint" onClick={() => void reprint()}>
        {t('printer.reprint')}
      </button>
      {note ? <span className="hint" data-testid="reprint-note"> {note}</span> : null}
    </span>
  );
}
