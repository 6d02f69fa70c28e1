// `wxpay-pos verify --key KEY [--type MD5|HMAC-SHA256]`: reads a signed message (XML or JSON) on stdin and
// says whether its sign is valid; if not, why (see doctor-diagnose.ts). Exit 0 valid, 1 invalid, 2 bad input.
import { inferSignType, sign, stringToSign } from '../core/wxpay/sign';
import type { SignType } from '../core/wxpay/sign';
import { diagnose } from './doctor-diagnose';
import { keyWarning, maskedSignTemp, withDoctorInput } from './doctor-input';
import type { CliIo, DoctorInput } from './doctor-input';

const USAGE = 'usage: wxpay-pos verify --key KEY [--type MD5|HMAC-SHA256] < message.xml|message.json';

export async function run(argv: string[], io: CliIo): Promise<number> {
  return withDoctorInput(argv, io, USAGE, (input) => verifyInput(input, io));
}

function verifyInput(input: DoctorInput, io: CliIo): number {
  const { params, options: opts } = input;
  const received = params.sign;
  if (received === undefined || received === '') {
    io.stderr('the message has no sign field (return_code=FAIL responses and refund notifications are unsigned)');
    return 2;
  }
  // Which algorithm to verify with, and why: the caller, else the message, else the sign's length.
  let type: SignType;
  let source: string;
  if (opts.type !== null) {
    type = opts.type;
    source = '--type';
  } else if (input.ownType !== null) {
    type = input.ownType;
    source = 'sign_type in the message';
  } else {
    const inferred = inferSignType(received);
    type = inferred ?? 'MD5';
    source = inferred ? `inferred from the ${received.length}-character sign` : 'default MD5';
  }
  const warning = keyWarning(opts.key);
  if (warning) io.stderr(warning);

  const result = diagnose(params, opts.key, type, source);
  const lines = [
    result.valid ? `valid: ${type} sign matches` : `invalid: the sign does not verify as ${type} (${source})`,
    `string-to-sign: ${maskedSignTemp(stringToSign(params))}`,
  ];
  if (!result.valid) {
    lines.push(`expected sign: ${sign(params, opts.key, type)}`, `received sign: ${received}`);
    for (const f of result.findings) lines.push(`diagnosis: ${f}`);
  }
  io.stdout(lines.join('\n'));
  return result.valid ? 0 : 1;
}
