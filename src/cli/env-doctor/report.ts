// The doctor's report: each line in zh-CN then English, the fix under a failing one, and a last verdict on
// what can run. Exit code 0 only when the app and every test suite can run here.
import type { CheckLine } from './checks';

export function renderReport(lines: readonly CheckLine[]): { text: string; exitCode: 0 | 1 } {
  const out: string[] = ['wxpay-pos doctor：本机能否运行收银程序和全部测试 / can this machine run the app and all the tests?', ''];
  for (const l of lines) {
    out.push(`${l.ok ? '[ok]  ' : '[FAIL]'} ${l.zh}`);
    out.push(`       ${l.en}`);
    if (!l.ok && l.fix) {
      out.push(`       修复：${l.fix.zh}`);
      out.push(`       fix:  ${l.fix.en}`);
    }
  }
  const failing = lines.filter((l) => !l.ok);
  const appBlocked = failing.some((l) => l.needed !== 'tests');
  const testsBlocked = failing.length > 0;
  out.push('');
  if (failing.length === 0) {
    out.push('结论：收银程序（npm start）和全部测试（npm test）都可以在本机运行。');
    out.push('Verdict: the app (npm start) and all the tests (npm test) can run on this machine.');
  } else {
    out.push(`结论：${appBlocked ? '收银程序（npm start）无法在本机运行' : '收银程序（npm start）可以运行'}；${testsBlocked ? '部分测试无法运行或会跳过' : ''}。请按上面的“修复”处理 ${failing.length} 项。`);
    out.push(`Verdict: ${appBlocked ? 'the app (npm start) cannot run here' : 'the app (npm start) can run'}; some tests cannot run or will skip. Fix the ${failing.length} line(s) marked FAIL above.`);
  }
  return { text: out.join('\n'), exitCode: failing.length === 0 ? 0 : 1 };
}
