// `wxpay-pos doctor`: can this machine run the app and the tests? (Not the signature doctor: that is
// `sign`/`verify`, src/cli/doctor-*.ts.) Facts are injected so tests can fake a complete machine.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from './checks';
import { gatherFacts, type DoctorFacts } from './facts';
import { renderReport } from './report';

export interface DoctorIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** The project root: the nearest folder above this file whose package.json is wxpay-pos's (else the cwd). */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url)), cwd: string = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"wxpay-pos"/.test(readFileSync(pkg, 'utf8'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

const USAGE = 'usage: wxpay-pos doctor   (checks Node/npm, Electron, the Electron database library, Chromium, the data folder and the test certificates)';

export async function run(argv: readonly string[], io: DoctorIo, gather: () => Promise<DoctorFacts> = () => gatherFacts(projectRoot())): Promise<number> {
  if (argv.length > 0) {
    io.stderr(argv.includes('--help') || argv.includes('-h') ? USAGE : `doctor 不接受参数 / doctor takes no arguments: ${argv.join(' ')}\n${USAGE}`);
    return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  const { text, exitCode } = renderReport(runChecks(await gather()));
  io.stdout(text);
  return exitCode;
}
