// Shared fixtures for the settings tests: a temporary store, the test certificates, a file picker.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../../../src/common/clock';
import type { CertFile } from '../../../src/core/settings/certificate';
import { TEST_SCRYPT, createManagerPin } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { createSettingsService } from '../../../src/core/settings/settings-service';
import { memoryLogger } from '../../../src/core/logger';
import { openStore, type Store } from '../../../src/core/store';

export const CERTS = fileURLToPath(new URL('../../../resources/test-certs', import.meta.url));
export const SANDBOX = { appid: 'wx2421b1c4370ec43b', mchId: '1900000109', key: '192006250b4c09247ec02edce69f6a2d' };
export const OTHER_MCH = '1900000110';
/** A manager's approval for protected settings; settingsRig({ withPin: true }) sets this PIN. */
export const MGR = { approver: 'Manager Li', managerPin: '2468' } as const;

export function certBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CERTS, name)));
}
export function p12File(name: string): CertFile {
  return { format: 'p12', fileName: name, bytes: certBytes(name) };
}
export function pemFile(...names: string[]): CertFile {
  return { format: 'pem', fileName: names.join('+'), text: names.map((n) => readFileSync(join(CERTS, n), 'utf8')).join('\n') };
}

/** A picker that hands out whatever the test queued next (null = dialog cancelled). */
export function queuedPicker(): { pickCertificate(format: 'p12' | 'pem'): Promise<CertFile | null>; next: (CertFile | null)[] } {
  const next: (CertFile | null)[] = [];
  return { next, pickCertificate: async () => next.shift() ?? null };
}

export interface Rig {
  dir: string;
  clock: VirtualClock;
  store: Store;
  box: MemorySecretBox;
  picker: ReturnType<typeof queuedPicker>;
  openWork: { n: number };
  settings: ReturnType<typeof createSettingsService>;
  pin: ReturnType<typeof createManagerPin>;
  logger: ReturnType<typeof memoryLogger>;
  cleanup(): void;
}

export function settingsRig(opts: { weak?: boolean; clock?: VirtualClock; withPin?: boolean } = {}): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'settings-'));
  const clock = opts.clock ?? new VirtualClock(Date.now());
  const store = openStore(join(dir, 'pos.sqlite'), { clock });
  const box = new MemorySecretBox({ weak: opts.weak ?? false });
  const picker = queuedPicker();
  const openWork = { n: 0 };
  const pin = createManagerPin({ storage: store.kv, clock, scrypt: TEST_SCRYPT });
  if (opts.withPin && !pin.setPin(null, MGR.managerPin).ok) throw new Error('could not set the test PIN');
  const logger = memoryLogger();
  const settings = createSettingsService({
    storage: store.kv,
    box,
    clock,
    files: picker,
    pin,
    openWork: () => openWork.n,
    logger,
    allowTestMaterialInLive: true, // LIVE against the simulator's test merchant and test-CA certificates (issue 11 point 7)
  });
  return {
    dir,
    clock,
    store,
    box,
    picker,
    openWork,
    settings,
    pin,
    logger,
    cleanup() {
      if (store.db.open) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
