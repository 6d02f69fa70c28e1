// `wxpay-pos sign --key KEY [--type MD5|HMAC-SHA256]`: reads a request (XML or JSON) on stdin and prints
// the string-to-sign (key masked) and the sign, so an integrator can compare with what their code built.
import { sign, stringToSign } from '../core/wxpay/sign';
import type { SignType } from '../core/wxpay/sign';
import { keyWarning, maskedSignTemp, messageSignType, parseOptions, readMessage } from './doctor-input';
import type { CliIo } from './doctor-input';

const USAGE = 'usage: wxpay-pos sign --key KEY [--type MD5|HMAC-SHA256] < request.xml|request.json';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv);
  if (!opts.ok) {
    io.stderr(`${opts.message}\n${USAGE}`);
    return 2;
  }
  const msg = readMessage(io.stdin);
  if (!msg.ok) {
    io.stderr(msg.message);
    return 2;
  }
  const own = messageSignType(msg.value.params);
  if (!own.ok) {
    io.stderr(own.message);
    return 2;
  }
  const { key } = opts.value;
  const type: SignType = opts.value.type ?? own.value ?? 'MD5';
  const warning = keyWarning(key);
  if (warning) io.stderr(warning);
  if (own.value !== null && own.value !== type) {
    io.stderr(`warning: the message says sign_type=${own.value} but --type is ${type}; WeChat verifies with sign_type`);
  }
  if (own.value === null && type === 'HMAC-SHA256') {
    io.stderr('note: without sign_type=HMAC-SHA256 in the request WeChat verifies it as MD5');
  }
  const params = msg.value.params;
  const stringA = stringToSign(params);
  const signature = sign(params, key, type);
  const lines = [`string-to-sign: ${maskedSignTemp(stringA)}`, `sign_type: ${type}`, `sign: ${signature}`];
  if (params.sign !== undefined && params.sign !== '') {
    lines.push(params.sign === signature ? 'the sign in the input matches' : `the sign in the input differs: ${params.sign}`);
  }
  io.stdout(lines.join('\n'));
  return 0;
}
