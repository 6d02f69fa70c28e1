// The head-office page: one static HTML document and one script, served by HQ (no inline script, strict
// CSP). It asks for the owner key, then reads the owner API: tills and their sync state, history across
// tills with tail search, day totals per till and tender, Z reports, reconciliation results, refusals.
// Runs in a browser: imports nothing.
export const HQ_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export function hqPageHtml(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>总部 Head office — wxpay-pos</title>
<style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}section{margin-bottom:1.5rem}.err{color:#b00}</style>
</head><body>
<h1>总部 Head office</h1>
<form id="login"><label>店主密钥 Owner key <input id="key" type="password" autocomplete="off"></label> <button>进入 Open</button></form>
<p id="error" class="err" role="alert"></p>
<main id="main" hidden>
<section><h2>收银机 Tills</h2><table id="tills"></table>
<form id="enrol"><label>新收银机名称 New till name <input id="tillName"></label> <button>生成登记码 Make enrolment code</button></form>
<p id="code"></p></section>
<section><h2>流水 History</h2><form id="search"><label>单号尾号 Order number tail <input id="q"></label> <button>搜索 Search</button></form><table id="history"></table></section>
<section><h2>日汇总 Day totals</h2><form id="dayForm"><label>日期 Day <input id="day" type="date"></label> <button>查看 Show</button></form><table id="totals"></table></section>
<section><h2>Z 报表 Z reports</h2><table id="z"></table></section>
<section><h2>对账结果 Reconciliation</h2><table id="reconcile"></table></section>
<section><h2>被拒的批次 Refused batches</h2><table id="refusals"></table></section>
</main>
<script src="/hq.js"></script>
</body></html>`;
}

export const HQ_PAGE_JS = `'use strict';
let key = '';
const $ = (id) => document.getElementById(id);
const yuan = (fen) => (fen / 100).toFixed(2);
async function api(path, body) {
  const r = await fetch(path, body === undefined ? { headers: { authorization: 'Bearer ' + key } }
    : { method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  if (!r.ok) throw new Error(j.message || r.status);
  return j;
}
function table(el, head, rows) {
  el.replaceChildren();
  const tr = document.createElement('tr');
  for (const h of head) { const th = document.createElement('th'); th.textContent = h; tr.append(th); }
  el.append(tr);
  for (const row of rows) {
    const r = document.createElement('tr');
    for (const c of row) { const td = document.createElement('td'); if (c instanceof Node) td.append(c); else td.textContent = String(c); r.append(td); }
    el.append(r);
  }
}
async function loadTills() {
  const tills = await api('/api/owner/tills');
  table($('tills'), ['名称 Name', '编号 Id', '已同步 Acked seq', '最近联系 Last seen', '时钟偏差 Clock skew (s)', '状态 State', ''],
    tills.map((t) => {
      const b = document.createElement('button'); b.textContent = '停用 Revoke'; b.disabled = t.revoked;
      b.onclick = async () => { await api('/api/owner/tills/' + encodeURIComponent(t.id) + '/revoke', {}); await loadTills(); };
      return [t.name, t.id, t.ackedSeq, t.lastSeenAt || '-', t.clockSkewMs === null ? '-' : Math.round(t.clockSkewMs / 1000), t.revoked ? '已停用 revoked' : '正常 active', b];
    }));
}
async function loadHistory() {
  const rows = await api('/api/owner/history?q=' + encodeURIComponent($('q').value));
  table($('history'), ['收银机 Till', '单号 Order', '方式 Tender', '金额 Amount', '已退 Refunded', '时间 Paid at'],
    rows.map((r) => [r.tillName, r.outTradeNo, r.tender, yuan(r.totalFen), yuan(r.refundedFen), new Date(r.paidAt).toISOString()]));
}
async function loadTotals() {
  const day = $('day').value || new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
  const rows = await api('/api/owner/day-totals?day=' + day);
  table($('totals'), ['收银机 Till', '方式 Tender', '笔数 Count', '收款 Paid', '退款 Refunded'], rows.map((r) => [r.tillName, r.tender, r.count, yuan(r.paidFen), yuan(r.refundedFen)]));
}
async function loadRows(kind, el) {
  const rows = await api('/api/owner/rows?kind=' + kind);
  table(el, ['收银机 Till', '编号 Ref', '内容 Content'], rows.map((r) => [r.tillName, r.ref, JSON.stringify(r.payload)]));
}
async function loadRefusals() {
  const rows = await api('/api/owner/refusals');
  table($('refusals'), ['收银机 Till', '原因 Reason', '说明 Detail', '时间 At'], rows.map((r) => [r.tillId || '-', r.reason, r.detail, r.at]));
}
async function loadAll() {
  await Promise.all([loadTills(), loadHistory(), loadTotals(), loadRows('z_report', $('z')), loadRows('reconcile_result', $('reconcile')), loadRefusals()]);
}
const guard = (f) => async (e) => { e.preventDefault(); $('error').textContent = ''; try { await f(); } catch (x) { $('error').textContent = x.message; } };
$('login').onsubmit = guard(async () => { key = $('key').value; await loadAll(); $('main').hidden = false; $('login').hidden = true; });
$('search').onsubmit = guard(loadHistory);
$('dayForm').onsubmit = guard(loadTotals);
$('enrol').onsubmit = guard(async () => {
  const r = await api('/api/owner/codes', { tillName: $('tillName').value });
  $('code').textContent = '登记码 Code: ' + r.code + ' — 证书指纹 Certificate fingerprint: ' + r.fingerprint;
});
`;
