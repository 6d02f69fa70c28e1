// Sandbox only (issue 12): the simulated customer shows a payment code and the till "scans" it, so quick
// pay can be tried without a scanner. The code takes the same path as a scanned one.
import { useEffect, useState } from 'react';
import type { SandboxCustomer } from '../../../common/api';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/i18n';
import { ErrorLine, type UiError } from './ErrorLine';

const CUSTOMERS: readonly { customer: SandboxCustomer; key: MessageKey }[] = [
  { customer: 'auto', key: 'quick.phone.auto' },
  { customer: 'password', key: 'quick.phone.password' },
  { customer: 'notenough', key: 'quick.phone.notenough' },
  { customer: 'payerror', key: 'quick.phone.payerror' },
];

export function SandboxCodePanel({ onCode }: { onCode: (authCode: string) => void }) {
  const { t } = useI18n();
  const [sandbox, setSandbox] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    void call(() => pos.getShellInfo()).then((r) => setSandbox(r.ok && r.value.mode === 'SANDBOX'));
  }, []);
  if (!sandbox) return null;
  const show = async (customer: SandboxCustomer): Promise<void> => {
    const r = await call(() => pos.sandboxPaymentCode({ customer }));
    if (!r.ok) return setError(r);
    setError(null);
    onCode(r.value.authCode);
  };
  return (
    <div className="phone phone-quick" data-testid="phone-code-panel">
      <h3>{t('quick.phone.title')}</h3>
      {CUSTOMERS.map((c) => (
        <button key={c.customer} type="button" className="btn btn-small" data-testid={`phone-code-${c.customer}`} onClick={() => void show(c.customer)}>
          {t(c.key)}
        </button>
      ))}
      <ErrorLine error={error} />
    </div>
  );
}
