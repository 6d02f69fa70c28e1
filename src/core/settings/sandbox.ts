// Sandbox mode (issue 5 point 7): with no merchant credentials the till runs against the gateway
// simulator and its test merchant, and the UI can act as the customer's phone on the QR shown.
import type { PhoneAction } from '../../common/api';
import type { Result } from '../../common/result';
import type { GatewayTarget } from './gateway';
import type { SignType } from '../wxpay/types';

/** How long "pay slowly" keeps the customer busy on the phone (password entry, a slow network). */
export const PAY_SLOWLY_MS = 8_000;

export interface SandboxMerchant {
  readonly appid: string;
  readonly mchId: string;
  readonly key: string;
  readonly signType: SignType;
}

/** A running sandbox gateway: where it is, who the merchant is, and the customer's phone. */
export interface SandboxRuntime {
  readonly target: GatewayTarget;
  readonly merchant: SandboxMerchant;
  /** The sandbox merchant's client certificate (PEM) when the simulator speaks HTTPS with mTLS. */
  readonly cert: { readonly certPem: string; readonly keyPem: string } | null;
  /** The in-process simulator object, or null when an external one is used. */
  readonly simulator: unknown;
  phone(action: PhoneAction, codeUrl: string): Promise<Result<null>>;
  close(): Promise<void>;
}
