// Checklist #13 (navigation), #14 (new windows), #12 (<webview>), #5 (permissions) and the request filter.
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenWebContents, mayNavigate } from '../../../src/main/navigation';
import { denyAllPermissions } from '../../../src/main/permissions';
import { blockForeignRequests, mayRequest } from '../../../src/main/requests';
import { FakeWebContents, frame, memoryLog, navEvent } from './fakes';

describe('mayNavigate', () => {
  it('allows only app://pos/...', () => {
    expect(mayNavigate('app://pos/index.html')).toBe(true);
    expect(mayNavigate('app://pos/index.html#/history')).toBe(true);
  });
  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://pos.evil/index.html',
    'app://pos@evil/index.html',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses %s', (url) => {
    expect(mayNavigate(url)).toBe(false);
  });
});

describe('hardenWebContents', () => {
  const setup = () => {
    const contents = new FakeWebContents(frame('app://pos/index.html'));
    const log = memoryLog();
    hardenWebContents(contents as unknown as WebContents, log);
    return { contents, log };
  };

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: prevents leaving the app, lets in-app moves through', (name) => {
    const { contents, log } = setup();
    const away = navEvent('https://evil.example/phish');
    contents.emit(name, away);
    expect(away.prevented).toBe(true);
    const inside = navEvent('app://pos/index.html#/settings');
    contents.emit(name, inside);
    expect(inside.prevented).toBe(false);
    expect(log.lines.some((l) => l.includes(`blocked ${name}`) && l.includes('evil.example'))).toBe(true);
  });

  it('denies every new window, including ones to the app itself', () => {
    const { contents } = setup();
    expect(contents.openHandler).not.toBeNull();
    for (const url of ['https://evil.example/', 'app://pos/index.html', 'about:blank']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = setup();
    const event = navEvent('app://pos/index.html');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('denies every permission request, check and device request', () => {
    const installed: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (installed['request'] = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (installed['check'] = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (installed['device'] = h),
    };
    denyAllPermissions(session as unknown as Session);
    const answers: boolean[] = [];
    const request = installed['request'] as unknown as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'openExternal']) {
      request({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual(new Array(7).fill(false));
    expect((installed['check'] as unknown as (...a: unknown[]) => boolean)({}, 'media', 'app://pos', {})).toBe(false);
    expect((installed['device'] as unknown as (...a: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });
});

describe('blockForeignRequests', () => {
  it('lets through only the app’s own files, data: images and DevTools; cancels the rest', () => {
    expect(mayRequest('app://pos/assets/index-abc.js')).toBe(true);
    expect(mayRequest('data:image/png;base64,iVBOR')).toBe(true);
    expect(mayRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of ['https://api.mch.weixin.qq.com/pay/orderquery', 'http://127.0.0.1:8080/', 'wss://x.example/', 'ftp://x.example/f', 'file:///etc/passwd', 'app://evil/x.js', 'blob:app://pos/123']) {
      expect(mayRequest(url), url).toBe(false);
    }
  });

  it('installs one listener for every request and answers cancel for foreign ones', () => {
    let listener: ((d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | null = null;
    const session = { webRequest: { onBeforeRequest: (l: typeof listener) => (listener = l) } };
    const log = memoryLog();
    blockForeignRequests(session as unknown as Session, log);
    const answer = (url: string) => {
      let got: { cancel?: boolean } | null = null;
      listener!({ url }, (r) => (got = r));
      return got;
    };
    expect(answer('https://api.mch.weixin.qq.com/pay/orderquery')).toEqual({ cancel: true });
    expect(answer('app://pos/index.html')).toEqual({});
    expect(log.lines.filter((l) => l.includes('blocked'))).toHaveLength(1);
  });
});
