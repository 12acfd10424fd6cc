import { describe, expect, it } from 'vitest';
import {
  isAllowedPrintRequest,
  isAllowedRendererRequest,
  platformOriginFrom,
} from '../../../electron/main/request-policy';

const platform = { platformOrigin: 'https://platform.hebei.gov.cn' };
const none = { platformOrigin: null };

describe('platform origin from settings', () => {
  it('takes an https origin, or http on loopback, and drops path and query', () => {
    expect(platformOriginFrom('https://platform.hebei.gov.cn/api/v1?x=1')).toBe(
      'https://platform.hebei.gov.cn',
    );
    expect(platformOriginFrom('https://platform.hebei.gov.cn:8443/')).toBe(
      'https://platform.hebei.gov.cn:8443',
    );
    expect(platformOriginFrom('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
  });

  it('refuses plain http to a remote host, credentials, other schemes and junk', () => {
    expect(platformOriginFrom('http://platform.hebei.gov.cn/')).toBeNull();
    expect(platformOriginFrom('https://user:pw@platform.hebei.gov.cn/')).toBeNull();
    expect(platformOriginFrom('file:///etc/passwd')).toBeNull();
    expect(platformOriginFrom("https://a.cn'; script-src *")).toBeNull();
    expect(platformOriginFrom('not a url')).toBeNull();
    expect(platformOriginFrom('')).toBeNull();
    expect(platformOriginFrom(undefined)).toBeNull();
  });
});

describe('renderer requests', () => {
  it('allows the app, inline data and blobs, and loopback', () => {
    for (const url of [
      'app://kiosk/assets/index.js',
      'data:image/png;base64,AAAA',
      'blob:app://kiosk/8d1c6c2e-0000-4000-8000-000000000000',
      'http://127.0.0.1:8787/v1/catalogue',
      'http://localhost:5173/@vite/client',
      'ws://localhost:5173/',
      'http://[::1]:8787/',
    ]) {
      expect(isAllowedRendererRequest(url, none), url).toBe(true);
    }
  });

  it('allows the configured platform and nothing else on the network', () => {
    expect(isAllowedRendererRequest('https://platform.hebei.gov.cn/v1/push', platform)).toBe(true);
    expect(isAllowedRendererRequest('https://platform.hebei.gov.cn/v1/push', none)).toBe(false);
    for (const url of [
      'https://platform.hebei.gov.cn.evil.example/v1/push',
      'https://platform.hebei.gov.cn:444/v1/push',
      'http://platform.hebei.gov.cn/v1/push',
      'https://example.com/',
      'http://192.168.1.10/',
      'http://127.0.0.2/',
      'file:///C:/Windows/win.ini',
      'ftp://example.com/',
      'app://other/index.html',
      'chrome://gpu',
      'not a url',
    ]) {
      expect(isAllowedRendererRequest(url, platform), url).toBe(false);
    }
  });
});

describe('print window requests', () => {
  it('keeps the PDF viewer inside the machine', () => {
    expect(isAllowedPrintRequest('data:application/pdf;base64,JVBERi0=')).toBe(true);
    expect(isAllowedPrintRequest('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')).toBe(
      true,
    );
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1/',
      'file:///etc/passwd',
      'wss://example.com/',
      'app://kiosk/index.html',
      '::',
    ]) {
      expect(isAllowedPrintRequest(url), url).toBe(false);
    }
  });
});
