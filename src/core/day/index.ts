// The shop's day (issue 13): shifts, cash tender, X/Z reports. createDay composes the parts over one
// set of deps; the bridge (core/api.ts) calls these and guards every way of taking money with
// requireOpenShift.
import type { DaySettings } from '../../common/day';
import { err, ok, type Result } from '../../common/result';
import { createCashTill, type CashTill } from './cash-sale';
import type { DayDeps } from './day-deps';
import { isValidDaySettings, readDaySettings, writeDaySettings } from './day-settings';
import { dayText } from './day-texts';
import { createShifts, type Shifts } from './shifts';
import { createZReports, type ZCrashPoint, type ZReports } from './z-reports';
import { createSplitCash, type SplitCash } from './split-cash'; // issue 13.1 split tender

export type { DayDeps } from './day-deps';
export type { Shifts, OpenShiftRef } from './shifts';
export type { CashTill } from './cash-sale';
export type { ZReports, ZCrashPoint } from './z-reports';
export { dayReportCsv } from './report-csv';
export { buildDayReport } from './day-report';
export { DEFAULT_DAY_SETTINGS, readDaySettings, roundToJiao } from './day-settings';

export interface Day {
  readonly shifts: Shifts;
  readonly cash: CashTill;
  readonly z: ZReports;
  settings(): DaySettings;
  saveSettings(s: DaySettings & { readonly approver: string; readonly managerPin: string }): Result<DaySettings>;
  /** issue 13.1: split tender's void cash parts owed back to customers. */
  readonly split: SplitCash;
}

export function createDay(deps: DayDeps, crash?: (p: ZCrashPoint) => void): Day {
  const baseShifts = createShifts(deps);
  const z = createZReports(deps, crash);
  // A day whose Z is closed takes no new shift (its sales would fall outside every report).
  const shifts: Shifts = {
    ...baseShifts,
    open: (input) => (z.todayClosed() ? err('Z_ALREADY_CLOSED', dayText.zDone('')) : baseShifts.open(input)),
  };
  return {
    shifts,
    cash: createCashTill(deps, shifts),
    z,
    split: createSplitCash(deps),
    settings: () => readDaySettings(deps.store.db),
    saveSettings({ approver, managerPin, ...s }) {
      if (!isValidDaySettings(s)) return err('INVALID_PAYLOAD', dayText.badSettings);
      const v = deps.verifyManagerPin(approver, managerPin, 'day.settings');
      if (!v.ok) return v;
      deps.store.transaction(() => {
        writeDaySettings(deps.store.db, s);
        deps.store.audit.append({ actor: approver, action: 'day.settings', subject: 'day', detail: JSON.stringify(s) });
      });
      return ok(readDaySettings(deps.store.db));
    },
  };
}
