// The host's SandboxPort: one start at a time, a failed start is logged and may be retried, close
// stops what was started (also one still starting), and core sees only target/merchant/cert.
import { describe, expect, it } from 'vitest';
import { ok } from '../../../src/common/result';
import { memoryLogger } from '../../../src/core/logger';
import { createSandboxPort } from '../../../src/host/sandbox-port';
import type { SandboxRuntime } from '../../../src/host/sandbox-runtime';

function runtime(log: string[], name: string): SandboxRuntime {
  return {
    target: { baseUrl: `http://127.0.0.1:9/${name}` },
    merchant: { appid: 'wx0', mchId: '1', key: 'k'.repeat(32), signType: 'MD5' },
    cert: null,
    simulator: null,
    phone: async (action, codeUrl) => {
      log.push(`${name} phone ${action} ${codeUrl}`);
      return ok(null);
    },
    close: async () => {
      log.push(`${name} closed`);
    },
  };
}

/** A start the test finishes by hand: resolve(name) or reject(). */
function manualStart(log: string[]) {
  const pending: { resolve: (rt: SandboxRuntime) => void; reject: (e: Error) => void }[] = [];
  const start = () =>
    new Promise<SandboxRuntime>((resolve, reject) => {
      log.push('start');
      pending.push({ resolve, reject });
    });
  return { start, finish: (name: string) => pending.shift()!.resolve(runtime(log, name)), fail: () => pending.shift()!.reject(new Error('port in use')) };
}

describe('createSandboxPort', () => {
  it('starts once for concurrent ensure() calls and tells the host when it serves', async () => {
    const log: string[] = [];
    const m = manualStart(log);
    const port = createSandboxPort({ start: m.start, logger: memoryLogger(), onStarted: () => log.push('started') });
    expect(port.current()).toBeNull();
    expect(await port.phone('pay', 'weixin://x')).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    const a = port.ensure();
    const b = port.ensure();
    m.finish('one');
    expect(await a).toMatchObject({ ok: true, value: { target: { baseUrl: 'http://127.0.0.1:9/one' } } });
    expect(await b).toMatchObject({ ok: true });
    expect(await port.ensure()).toMatchObject({ ok: true });
    expect(port.current()?.merchant.mchId).toBe('1');
    expect(await port.phone('fail', 'weixin://x')).toEqual({ ok: true, value: null });
    await port.close();
    expect(log).toEqual(['start', 'started', 'one phone fail weixin://x', 'one closed']);
    expect(port.current()).toBeNull();
  });

  it('a failed start is logged, answered CONFIG_ERROR, and the next ensure() tries again', async () => {
    const log: string[] = [];
    const m = manualStart(log);
    const logger = memoryLogger();
    const port = createSandboxPort({ start: m.start, logger });
    const first = port.ensure();
    m.fail();
    expect(await first).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    expect(logger.lines.join('\n')).toContain('sandbox simulator did not start');
    const second = port.ensure();
    m.finish('two');
    expect(await second).toMatchObject({ ok: true });
    expect(log).toEqual(['start', 'start']);
    await port.close();
  });

  it('close() waits for a start in flight and stops it', async () => {
    const log: string[] = [];
    const m = manualStart(log);
    const port = createSandboxPort({ start: m.start, logger: memoryLogger() });
    const starting = port.ensure();
    const closing = port.close();
    m.finish('three');
    await Promise.all([starting, closing]);
    expect(log).toEqual(['start', 'three closed']);
  });
});
