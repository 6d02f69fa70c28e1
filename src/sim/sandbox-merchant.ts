// TEST-ONLY merchant credentials. They are WeChat's published documentation example key plus
// made-up ids; no real merchant owns them. The simulator, sandbox mode and tests use them.
import type { SimMerchant } from './sim-types';

/** The default sandbox merchant (its test certificates: resources/test-certs/merchant-1900000109.*). */
export const SANDBOX_MERCHANT: SimMerchant = {
  appid: 'wx2421b1c4370ec43b',
  mchId: '1900000109',
  key: '192006250b4c09247ec02edce69f6a2d',
  name: '模拟商户-测试店',
};

/** A second merchant for multi-merchant tests (certificates: merchant-1900000110.*). */
export const SECOND_MERCHANT: SimMerchant = {
  appid: 'wx2421b1c4370ec43c',
  mchId: '1900000110',
  key: '7a4b1c9d2e3f40516273849a5b6c7d8e',
  name: '模拟商户-第二店',
};
