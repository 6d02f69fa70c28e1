// A scan while the payment screen is up (issue 12 point 1): never a second charge. While a payment is
// open the scan is refused with the reason; once it has ended, the cashier is told to start a new sale.
import { useState } from 'react';
import { useScanner } from '../hooks/useScanner';
import { ErrorLine, localError, type UiError } from './ErrorLine';

interface Props {
  /** The payment on screen is still open (not final): a quick pay or a QR in flight. */
  readonly open: boolean;
  /** The open payment is a quick pay (付款码). */
  readonly quick: boolean;
}

export function PaymentScanGuard({ open, quick }: Props) {
  const [error, setError] = useState<UiError | null>(null);
  useScanner<null>({
    enabled: true,
    capture: () => null,
    restore: () => undefined, // the payment screen has no field a burst could type into
    onScan: () => setError(localError(!open ? 'scan.newSaleFirst' : quick ? 'scan.busy' : 'scan.paymentOpen')),
  });
  return <ErrorLine error={error} />;
}
