// WeChat Pay's V2 gateways (wxpay-v2.md §1): where LIVE mode and the settings preflight go unless
// configured otherwise.

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
/** The backup domain the client fails over to (before a request is sent only). */
export const DEFAULT_BACKUP_URL = 'https://api2.mch.weixin.qq.com';
