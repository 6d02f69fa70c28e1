// Public surface of the WeChat Pay V2 gateway simulator (test/sandbox only).
export { startSimulator, type Simulator } from './server';
export { createSimulator, type SimulatorCore } from './simulator';
export { idCounterStartAt } from './ids';
export { SIM_TOKEN_HEADER } from './control-api';
export { SANDBOX_MERCHANT, SECOND_MERCHANT } from './sandbox-merchant';
export { findTestCertsDir, testCertPaths, type TestCertPaths } from './test-certs';
export type { SimPhone, PhoneOutcome, PhoneFailReason, PhoneRefusal, MintOptions, AuthCodeThen } from './phone';
export type { SimFaults } from './faults';
export type { SimOrderView, SimRefundView } from './views';
export type { FinalRefundStatus } from './sim-context';
export {
  SIM_ENDPOINTS,
  FAULT_KINDS,
  type SimOptions,
  type SimMerchant,
  type SimEndpoint,
  type SimRequest,
  type SimResult,
  type SimPeer,
  type FaultKind,
  type FaultSpec,
  type FaultRule,
  type JournalEntry,
  type HttpsMaterial,
} from './sim-types';
