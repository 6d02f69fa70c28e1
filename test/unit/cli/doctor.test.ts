// Signature doctor CLI: run() is called directly with stdin fixtures; each diagnosis has a fixture whose
// sign was made by a deliberately broken signer written out by hand here (not by our own signer).
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { run as signRun } from '../../../src/cli/sign-command';
import { run as verifyRun } from '../../../src/cli/verify-command';

const KEY = '192006250b4c09247ec02edce69f6a2d';
const md5 = (s: string | Buffer): string => createHash('md5').update(s).digest('hex').toUpperCase();
const hmac = (s: string, k = KEY): string => createHmac('sha256', k).update(s).digest('hex').toUpperCase();

async function call(
  run: typeof signRun,
  argv: string[],
  stdin: string,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdin, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const officialXml = (sign: string, extra = ''): string =>
  '<xml><appid>wxd930ea5d5a258f4f</appid><mch_id>10000100</mch_id><device_info>1000</device_info>' +
  `<body>test</body><nonce_str>ibuaiVcKdpRxkhJA</nonce_str>${extra}<sign>${sign}</sign></xml>`;
const OFFICIAL_A = 'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA';

describe('wxpay-pos verify', () => {
  it('valid MD5 (official example, XML) -> 0 and the key is masked', async () => {
    const r = await call(verifyRun, ['--key', KEY], officialXml('9A0A8659F005D6984697E2CA0A9CF3B7'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid: MD5');
    expect(r.out).toContain(`string-to-sign: ${OFFICIAL_A}&key=***`);
    expect(r.out + r.err).not.toContain(KEY);
  });

  it('valid HMAC-SHA256 from JSON, type inferred from the 64-char sign', async () => {
    const sign = '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6';
    const json = JSON.stringify({ appid: 'wxd930ea5d5a258f4f', mch_id: 10000100, device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA', sign });
    const r = await call(verifyRun, [`--key=${KEY}`], json);
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid: HMAC-SHA256');
  });

  it('diagnoses GBK hashing (section 2.2 vector; GBK digest starts 3E4D98 per the spec)', async () => {
    const xml =
      '<xml><appid>wxa5b511bc130a4d9e</appid><device_info>WEB</device_info><err_code>INVALID_REQUEST</err_code>' +
      '<err_code_des><![CDATA[201 商户订单号重复]]></err_code_des><mch_id>110605603</mch_id>' +
      '<nonce_str>zg9vizP9FSWKP9ku</nonce_str><result_code>FAIL</result_code><return_code>SUCCESS</return_code>' +
      '<return_msg>OK</return_msg><sub_mch_id>345923236</sub_mch_id><sign>3E4D985BD9B40C0880E5D2905EC984A3</sign></xml>';
    const key = '2ab9071b06b9f739b950ddb41db2690d';
    const r = await call(verifyRun, ['--key', key], xml);
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: hashed as GBK instead of UTF-8');
    expect(r.out).toContain('expected sign: E06AFA945146A138D7F7C3CF4C13234F');
    // And the UTF-8 sign of the same message is valid.
    const good = await call(verifyRun, ['--key', key], xml.replace('3E4D985BD9B40C0880E5D2905EC984A3', 'E06AFA945146A138D7F7C3CF4C13234F'));
    expect(good.code).toBe(0);
  });

  it('diagnoses sign_type mismatch: HMAC sign verified as MD5 via --type', async () => {
    const r = await call(verifyRun, ['--key', KEY, '--type', 'MD5'], officialXml(hmac(`${OFFICIAL_A}&key=${KEY}`)));
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: sign_type mismatch: the sign is HMAC-SHA256 but the message is verified as MD5 (--type)');
  });

  it('diagnoses sign_type mismatch: message says HMAC-SHA256 but was MD5-signed', async () => {
    const a = `${OFFICIAL_A}&sign_type=HMAC-SHA256`;
    const r = await call(verifyRun, ['--key', KEY], officialXml(md5(`${a}&key=${KEY}`), '<sign_type>HMAC-SHA256</sign_type>'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('sign_type mismatch: the sign is MD5');
    expect(r.out).toContain('sign_type in the message');
  });

  it('diagnoses an empty value included in the string-to-sign', async () => {
    const buggy = `appid=wxd930ea5d5a258f4f&attach=&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=${KEY}`;
    const r = await call(verifyRun, ['--key', KEY], officialXml(md5(buggy), '<attach></attach>'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: empty value included: attach is empty');
  });

  it('diagnoses whitespace trimmed by the signer', async () => {
    const xml = officialXml(md5(`${OFFICIAL_A}&key=${KEY}`)).replace('<body>test</body>', '<body><![CDATA[ test ]]></body>');
    const r = await call(verifyRun, ['--key', KEY], xml);
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: whitespace trimmed: the signer trimmed body');
  });

  it('diagnoses URL-encoded values', async () => {
    const xml = officialXml(md5(`${OFFICIAL_A.replace('body=test', 'body=a%20b')}&key=${KEY}`)).replace('<body>test</body>', '<body>a b</body>');
    const r = await call(verifyRun, ['--key', KEY], xml);
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: values URL-encoded before signing');
  });

  it('diagnoses lowercase hex', async () => {
    const r = await call(verifyRun, ['--key', KEY], officialXml('9a0a8659f005d6984697e2ca0a9cf3b7'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: lowercase hex');
  });

  it('combines deviations: GBK and HMAC at once', async () => {
    // body 测试 in GBK is B2 E2 CA D4; the whole string is ASCII otherwise.
    const a = OFFICIAL_A.replace('body=test', 'body=测试');
    const gbkBytes = Buffer.concat([Buffer.from(a.split('测试')[0] as string), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from(`${a.split('测试')[1] as string}&key=${KEY}`)]);
    const sign = createHmac('sha256', KEY).update(gbkBytes).digest('hex').toUpperCase();
    const xml = officialXml(sign).replace('<body>test</body>', '<body>测试</body>');
    const r = await call(verifyRun, ['--key', KEY, '--type', 'MD5'], xml);
    expect(r.code).toBe(1);
    expect(r.out).toContain('sign_type mismatch');
    expect(r.out).toContain('hashed as GBK');
  });

  it('wrong key: nothing matches', async () => {
    const r = await call(verifyRun, ['--key', 'ffffffffffffffffffffffffffffffff'], officialXml('9A0A8659F005D6984697E2CA0A9CF3B7'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('diagnosis: wrong key');
    expect(r.out).not.toContain('ffffffffffffffffffffffffffffffff');
  });

  it('malformed sign is invalid and says so', async () => {
    const r = await call(verifyRun, ['--key', KEY], officialXml('NOTASIGN'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('malformed sign: 8 characters');
  });

  it.each([
    ['no key', [], officialXml('9A0A8659F005D6984697E2CA0A9CF3B7')],
    ['bad type', ['--key', KEY, '--type', 'SHA1'], officialXml('9A0A8659F005D6984697E2CA0A9CF3B7')],
    ['unknown option', ['--key', KEY, '--verbose'], officialXml('9A0A8659F005D6984697E2CA0A9CF3B7')],
    ['empty stdin', ['--key', KEY], '  '],
    ['not xml or json', ['--key', KEY], 'appid=1&sign=2'],
    ['bad json', ['--key', KEY], '{"a":'],
    ['json array', ['--key', KEY], '[1,2]'],
    ['json nested', ['--key', KEY], '{"detail":{"a":1},"sign":"x"}'],
    ['json proto', ['--key', KEY], '{"__proto__":"x","sign":"x"}'],
    ['hostile xml', ['--key', KEY], '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>'],
    ['no sign', ['--key', KEY], '<xml><return_code>FAIL</return_code><return_msg>签名错误</return_msg></xml>'],
    ['bad sign_type', ['--key', KEY], officialXml('9A0A8659F005D6984697E2CA0A9CF3B7', '<sign_type>SHA1</sign_type>')],
  ])('bad input (%s) -> exit 2 with a message', async (_name, argv, stdin) => {
    const r = await call(verifyRun, argv, stdin);
    expect(r.code).toBe(2);
    expect(r.err.length).toBeGreaterThan(0);
    expect(r.out).toBe('');
    expect(r.err).not.toContain(KEY);
  });
});

describe('wxpay-pos sign', () => {
  it('prints the masked string-to-sign and the MD5 sign (official example)', async () => {
    const r = await call(signRun, ['--key', KEY], officialXml('x').replace('<sign>x</sign>', ''));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`string-to-sign: ${OFFICIAL_A}&key=***`);
    expect(r.out).toContain('sign: 9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(r.out + r.err).not.toContain(KEY);
  });

  it('HMAC-SHA256 from JSON with --type, and notes a missing sign_type', async () => {
    const json = '{"appid":"wxd930ea5d5a258f4f","mch_id":"10000100","device_info":1000,"body":"test","nonce_str":"ibuaiVcKdpRxkhJA","attach":null}';
    const r = await call(signRun, ['--key', KEY, '--type', 'hmac-sha256'], json);
    expect(r.code).toBe(0);
    expect(r.out).toContain('sign: 6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
    expect(r.err).toContain('WeChat verifies it as MD5');
  });

  it('uses the message sign_type, compares an existing sign and warns on a short key', async () => {
    const a = `${OFFICIAL_A}&sign_type=HMAC-SHA256`;
    const key = 'short';
    const r = await call(signRun, ['--key', key], officialXml(hmac(`${a}&key=${key}`, key), '<sign_type>HMAC-SHA256</sign_type>'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('sign_type: HMAC-SHA256');
    expect(r.out).toContain('the sign in the input matches');
    expect(r.err).toContain('API key has 5 characters');
  });

  it('bad input -> 2', async () => {
    expect((await call(signRun, ['--key', KEY], 'hello')).code).toBe(2);
    expect((await call(signRun, ['--type', 'MD5'], '<xml/>')).code).toBe(2);
    expect((await call(signRun, ['--key', KEY], '<xml><a>1</a><a>2</a></xml>')).code).toBe(2);
  });
});
