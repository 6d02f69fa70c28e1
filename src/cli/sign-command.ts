// `wxpay-pos sign --key KEY [--type MD5|HMAC-SHA256]`: reads a request (XML or JSON) on stdin and prints
// the string-to-sign (key masked) and the sign, so an integrator can compare with what their code built.
import { sign, stringToSign } from '../core/wxpay/sign';
import type { SignType } from '../core/wxpay/sign';
import { keyWarning, maskedSignTemp, withDoctorInput } from './doctor-input';
import type { CliIo, DoctorInput } from './doctor-input';

const USAGE = 'usage: wxpay-pos sign --key KEY [--type MD5|HMAC-SHA256] < request.xml|request.json';

export async function run(argv: string[], io: CliIo): Promise<number> {
  return withDoctorInput(argv, io, USAGE, (input) => signInput(input, io));
}

function signInput(input: DoctorInput, io: CliIo): number {
  const { key } = input.options;
  const type: SignType = input.options.type ?? input.ownType ?? 'MD5';
  const warning = keyWarning(key);
  if (warning) io.stderr(warning);
  if (input.ownType !== null && input.ownType !== type) {
    io.stderr(`warning: the message says sign_type=${input.ownType} but --type is ${type}; WeChat verifies with sign_type`);
  }
  if (input.ownType === null && type === 'HMAC-SHA256') {
    io.stderr('note: without sign_type=HMAC-SHA256 in the request WeChat verifies it as MD5');
  }
  const { params } = input;
  const stringA = stringToSign(params);
  const signature = sign(params, key, type);
  const lines = [`string-to-sign: ${maskedSignTemp(stringA)}`, `sign_type: ${type}`, `sign: ${signature}`];
  if (params.sign !== undefined && params.sign !== '') {
    lines.push(params.sign === signature ? 'the sign in the input matches' : `the sign in the input differs: ${params.sign}`);
  }
  io.stdout(lines.join('\n'));
  return 0;
}
