// Child process for the Z kill -9 test (z-crash.test.ts): on the store file DB, for each of DAYS business
// days that has no Z yet, opens a shift, takes a cash sale, closes the shift, and at 05:00 the next
// morning closes that day's Z. Z_CRASH_POINT / Z_CRASH_NTH SIGKILL this process at that moment of the
// nth Z close. Prints one JSON line per Z written.
import { err, ok } from '../../../src/common/result';
import { fixedSession } from '../../../src/core/auth/staff-session';
import { createDay, type ZCrashPoint } from '../../../src/core/day';
import { createIdSource } from '../../../src/core/ids';
import { openStore } from '../../../src/core/store';
import { formatBeijingDate } from '../../../src/common/beijing-time';

const DAY = 86_400_000;
const T0 = Number(process.env.T0);
const DAYS = Number(process.env.DAYS);
const point = process.env.Z_CRASH_POINT as ZCrashPoint | undefined;
let nth = Number(process.env.Z_CRASH_NTH ?? '0');

let now = T0;
const clock = { now: () => now, sleep: async () => {} };
const store = openStore(process.env.DB!, { clock });
const day = createDay(
  {
    store,
    clock,
    ids: createIdSource({ tillId: () => 'T01', clock }),
    session: fixedSession({ staffId: 'st_amy', name: 'amy', role: 'cashier' }),
    tillId: () => 'T01',
    mode: () => 'LIVE',
    verifyManagerPin: (a, p) => (p === '1234' ? ok(null) : err('PIN_WRONG', 'wrong')),
    openWork: () => 0,
  },
  (p) => {
    if (p === point && --nth === 0) process.kill(process.pid, 'SIGKILL');
  },
);

const closedDays = new Set(day.z.list().map((z) => z.businessDay));
for (let d = 0; d < DAYS; d++) {
  const noon = T0 + d * DAY; // T0 is 12:00 Beijing
  const key = formatBeijingDate(noon);
  if (closedDays.has(key)) continue;
  now = noon;
  if (!day.shifts.state().open) day.shifts.open({ floatFen: 10_000 });
  const sale = day.cash.sale({ lines: [{ name: 'Tea', quantity: 1 + d, unitFen: 1250 }], tenderedFen: 100_000 });
  if (!sale.ok) throw new Error(sale.message);
  const expected = day.shifts.state().open!.expectedFen;
  const closed = day.shifts.close({ counts: [{ denominationFen: 10, pieces: expected / 10 }] });
  if (!closed.ok) throw new Error(closed.message);
  now = noon + 17 * 3_600_000; // 05:00 next morning, after the 04:00 cut-off
  const z = day.z.close({ day: key });
  if (!z.ok) throw new Error(`${z.code} ${z.message}`);
  console.log(JSON.stringify({ seq: z.value.seq, day: key, netFen: z.value.total.netFen }));
}
store.close();
