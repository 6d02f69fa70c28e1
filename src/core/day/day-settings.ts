// The day's settings (issue 13): business-day cut-off hour, 抹零 for cash, and the cash difference a
// cashier may accept alone. Stored as plain settings rows; a change needs a manager (checked by the caller).
import type Database from 'better-sqlite3';
import type { DaySettings } from '../../common/day';
import { MAX_FEN } from '../../common/money';
import { getSetting, setSetting } from '../store';

export const DEFAULT_DAY_SETTINGS: DaySettings = { cutoffHour: 4, roundCashToJiao: false, diffLimitFen: 1000 };

const KEYS = { cutoffHour: 'day.cutoff_hour', roundCashToJiao: 'day.round_cash_to_jiao', diffLimitFen: 'day.diff_limit_fen' } as const;

function readInt(db: Database.Database, key: string, fallback: number, max: number): number {
  const v = getSetting(db, key);
  const n = v === null ? NaN : Number(v);
  return Number.isSafeInteger(n) && n >= 0 && n <= max ? n : fallback;
}

export function readDaySettings(db: Database.Database): DaySettings {
  return {
    cutoffHour: readInt(db, KEYS.cutoffHour, DEFAULT_DAY_SETTINGS.cutoffHour, 23),
    roundCashToJiao: getSetting(db, KEYS.roundCashToJiao) === '1',
    diffLimitFen: readInt(db, KEYS.diffLimitFen, DEFAULT_DAY_SETTINGS.diffLimitFen, MAX_FEN),
  };
}

export function isValidDaySettings(s: DaySettings): boolean {
  return (
    Number.isSafeInteger(s.cutoffHour) && s.cutoffHour >= 0 && s.cutoffHour <= 23 &&
    Number.isSafeInteger(s.diffLimitFen) && s.diffLimitFen >= 0 && s.diffLimitFen <= MAX_FEN
  );
}

export function writeDaySettings(db: Database.Database, s: DaySettings): void {
  setSetting(db, KEYS.cutoffHour, String(s.cutoffHour));
  setSetting(db, KEYS.roundCashToJiao, s.roundCashToJiao ? '1' : '0');
  setSetting(db, KEYS.diffLimitFen, String(s.diffLimitFen));
}

/** 抹零: the fen below the jiao are taken off (never rounded up: the customer never pays more). */
export function roundToJiao(totalFen: number): { dueFen: number; roundingFen: number } {
  const roundingFen = totalFen % 10;
  return { dueFen: totalFen - roundingFen, roundingFen };
}
