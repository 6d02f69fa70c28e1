// What the cashier is told when quick pay refuses before anything is sent (zh-CN and English; the
// renderer shows its own words by error code, these are the message for logs and the harness).
export const NOT_A_PAYMENT_CODE_TEXT =
  '这不是微信付款码（以 10–15 开头的 18 位数字），未发起收款。 That is not a WeChat payment code (18 digits starting 10-15); nothing was sent to WeChat Pay.';
export const QUICK_PAY_IN_PROGRESS_TEXT =
  '还有一笔付款码收款正在进行，请等待完成或取消后再扫码。 A quick pay is still in progress on this till: wait for it or cancel it before scanning another code.';
