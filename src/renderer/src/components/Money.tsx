import { money } from '../lib/money';

/** Every amount on screen renders through money() (lib/money.ts). */
export function Money({ fen, className, testId }: { fen: number; className?: string; testId?: string }) {
  return (
    <span className={className ? `money ${className}` : 'money'} data-testid={testId}>
      {money(fen)}
    </span>
  );
}
