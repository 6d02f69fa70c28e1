// `wxpay-pos <command>`: dispatches to one module per command, loaded only when used.

const USAGE = `usage: wxpay-pos <command> [options]

commands:
  sign    --key KEY [--type MD5|HMAC-SHA256]   read a request (XML or JSON) on stdin, print the string-to-sign and the sign
  verify  --key KEY [--type MD5|HMAC-SHA256]   read a signed message on stdin, say whether its sign is valid and why not
  sim     [--port N] [--https] [--merchant APPID:MCH_ID:KEY]   run the WeChat Pay V2 gateway simulator
  doctor                                       can this machine run the app and the tests? (Node, Electron, binding, Chromium, certs)
  setup-code --data-dir DIR [--recover]        one-time code to create the till's first owner (or a new one after damage)
  hq      [serve|code|revoke|migrate] [--local-pg] ...   the head-office service on PostgreSQL (DATABASE_URL); see docs/hq.md
`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  const errOut = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
  switch (command) {
    case 'sign': {
      const { run } = await import('./sign-command');
      return run([...rest], { stdin: await readStdin(), stdout: out, stderr: errOut });
    }
    case 'verify': {
      const { run } = await import('./verify-command');
      return run([...rest], { stdin: await readStdin(), stdout: out, stderr: errOut });
    }
    case 'sim': {
      const { run } = await import('./sim-command');
      return run([...rest], { stdout: out, stderr: errOut });
    }
    case 'doctor': {
      const { run } = await import('./env-doctor/command');
      return run([...rest], { stdout: out, stderr: errOut });
    }
    case 'setup-code': {
      // issue 11 point 3 (i11-staff)
      const { run } = await import('./setup-code-command');
      return run([...rest], { stdout: out, stderr: errOut });
    }
    // --- issue 16 head office
    case 'hq': {
      const { run } = await import('./hq-command');
      return run([...rest], { stdout: out, stderr: errOut });
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      errOut(`unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}
