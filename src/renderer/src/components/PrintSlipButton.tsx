// Issues 13 + 14: print the shift-close slip or the X/Z report shown on screen. Queues the slip and says
// so (or why not, in core's plain words); printing runs in the background.
import { useState } from 'react';
import type { Result } from '../../../common/result';
import type { PrintJobView } from '../../../common/printing';
import { call } from '../bridge';
import { useI18n } from '../i18n/i18n-context';

export function PrintSlipButton({ print, testId }: { print: () => Promise<Result<PrintJobView>>; testId: string }) {
  const { t } = useI18n();
  const [note, setNote] = useState<string | null>(null);
  const run = async (): Promise<void> => {
    const r = await call(print);
    setNote(r.ok ? t('printer.reprintQueued') : r.message);
  };
  return (
    <span className="reprint">
      <button type="button" className="btn btn-small" data-testid={testId} onClick={() => void run()}>
        {t('printer.printSlip')}
      </button>
      {note ? <span className="hint" data-testid={`${testId}-note`}> {note}</span> : null}
    </span>
  );
}
