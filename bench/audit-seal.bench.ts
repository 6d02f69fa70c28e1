// Issue 11 point 4: the keyed audit chain's full background check (SHA-256 chain + HMAC chain + seal) on
// N rows (default 1,000,000), in slices of 2,000 as startCore runs it after every start and daily, plus
// the start-up check (seal + rows since the checked mark). Rows are written directly (hash and MAC
// computed as append() does) so building the file takes seconds, not an hour of appends.
//   npx tsx bench/audit-seal.bench.ts        AUDIT_BENCH_N=200000 for a quicker run
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../src/common/clock';
import { rowMac } from '../src/core/audit/audit-mac';
import { AUDIT_KEY_SECRET } from '../src/core/audit/security-state';
import { MemorySecretBox } from '../src/core/settings/secret-box';
import { canonicalRow, chainHash, openStore } from '../src/core/store';
import { emitMetrics } from './lib/report';

const N = Number(process.env.AUDIT_BENCH_N ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'audit-seal-bench-'));
const file = join(dir, 'pos.sqlite');
const box = new MemorySecretBox();
const clock = new VirtualClock(1_800_000_000_000);
try {
  const t0 = performance.now();
  const s = openStore(file, { clock, secretBox: box });
  const key = box.decrypt(s.kv.getSecret(AUDIT_KEY_SECRET)!);
  const a = s.db.prepare('SELECT head_seq, head_hash, head_mac FROM audit_anchor').get() as { head_seq: number; head_hash: string; head_mac: string };
  const ins = s.db.prepare('INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let seq = a.head_seq;
  let prev = a.head_hash;
  let mac = a.head_mac;
  const batch = 50_000;
  for (let done = 0; done < N; done += batch) {
    s.db.transaction(() => {
      for (let i = 0; i < Math.min(batch, N - done); i++) {
        const row = { seq: ++seq, at: 1_800_000_000_000 + seq, actor: 'amy', action: 'charge', subject: `P${seq}`, detail: `{"totalFen":${seq % 9999}}` };
        const hash = chainHash(prev, canonicalRow(row));
        mac = rowMac(key, mac, hash);
        ins.run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, prev, hash, mac);
        prev = hash;
      }
    })();
  }
  s.db.prepare('UPDATE audit_anchor SET head_seq = ?, head_hash = ?, head_mac = ? WHERE id = 1').run(seq, prev, mac);
  s.audit.reseal();
  s.close();
  const built = performance.now() - t0;

  const t1 = performance.now();
  const again = openStore(file, { clock, secretBox: box });
  const startMs = performance.now() - t1;
  let longest = 0;
  let last = performance.now();
  const t2 = performance.now();
  const full = await again.audit.verifyFullInSlices({
    pause: () =>
      new Promise<void>((r) =>
        setImmediate(() => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          r();
        }),
      ),
  });
  const fullMs = performance.now() - t2;
  again.close();
  // The usual start-up: the previous start (and the background check) advanced the checked mark.
  const t3 = performance.now();
  const usual = openStore(file, { clock, secretBox: box });
  const usualMs = performance.now() - t3;
  const usualOk = usual.startup.audit.ok;
  usual.close();
  console.log(`keyed audit chain, ${seq.toLocaleString('en')} rows (built in ${(built / 1000).toFixed(0)} s); load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`first start-up over rows never checked (openStore incl. seal check and all ${seq.toLocaleString('en')} rows since the checked mark): ${startMs.toFixed(0)} ms, ok=${again.startup.audit.ok}`);
  console.log(`usual start-up (checked mark at the head): ${usualMs.toFixed(0)} ms, ok=${usualOk}`);
  console.log(`full background check in slices of 2,000: ${fullMs.toFixed(0)} ms, longest slice ${longest.toFixed(0)} ms, ok=${full.ok}`);
  if (!again.startup.audit.ok || !usualOk || !full.ok) {
    console.log('FAILED: an intact chain did not verify');
    process.exitCode = 1;
  }
  emitMetrics({ full_check_ms: Math.round(fullMs), longest_slice_ms: Math.round(longest), first_startup_ms: Math.round(startMs), usual_startup_ms: Math.round(usualMs) });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
