// Sandbox mode (issue 5 point 7) as core sees it: with no merchant credentials the till runs against a
// gateway simulator and its test merchant, and the UI can act as the customer's phone on the QR shown.
// Core only knows this port; the host starts and stops the simulator behind it (core never imports sim).
import type { PasswordAction, PhoneAction, SandboxCustomer } from '../../common/api';
import { err, type Result } from '../../common/result';
import type { SignType } from '../wxpay/types';
import type { GatewayTarget } from './gateway';

export interface SandboxMerchant {
  readonly appid: string;
  readonly mchId: string;
  readonly key: string;
  readonly signType: SignType;
}

/** A running sandbox gateway: where it is, who the merchant is, and its client certificate. */
export interface SandboxGateway {
  readonly target: GatewayTarget;
  readonly merchant: SandboxMerchant;
  /** The sandbox merchant's client certificate (PEM) when the simulator speaks HTTPS with mTLS. */
  readonly cert: { readonly certPem: string; readonly keyPem: string } | null;
}

export interface SandboxPort {
  /** Starts the sandbox gateway unless it runs. A failure is logged by the port and answered CONFIG_ERROR. */
  ensure(): Promise<Result<SandboxGateway>>;
  /** The running sandbox gateway, or null while none runs (LIVE mode, or it failed to start). */
  current(): SandboxGateway | null;
  /** The customer's phone acting on the QR `codeUrl`; only meaningful while current() is not null. */
  phone(action: PhoneAction, codeUrl: string): Promise<Result<null>>;
  /** Stops the gateway the port started (waits for one still starting). */
  close(): Promise<void>;
  // --- issue 12 quick pay (i12-engine); absent: this sandbox has no quick-pay phone (CONFIG_ERROR) ---
  /** The customer's phone shows a fresh payment code. */
  paymentCode?(customer: SandboxCustomer): Promise<Result<{ readonly authCode: string }>>;
  /** The customer enters or abandons the password the quick pay with this code waits for. */
  password?(authCode: string, action: PasswordAction): Promise<Result<null>>;
}

/** The port when no sandbox exists at all (tests of core alone). */
export const noSandbox: SandboxPort = {
  ensure: async () => err('CONFIG_ERROR', 'This till has no sandbox simulator.'),
  current: () => null,
  phone: async () => err('CONFIG_ERROR', 'The sandbox simulator is not running.'),
  close: async () => {},
};
