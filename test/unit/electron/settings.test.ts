import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../electron/main/settings';

describe('host settings', () => {
  it('are the safe defaults without a file or environment', () => {
    expect(resolveSettings(null, {})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(DEFAULT_SETTINGS.platformOrigin).toBeNull();
  });

  it('read the platform, printer and hang grace from the file', () => {
    const text = JSON.stringify({
      platformUrl: 'https://platform.hebei.gov.cn/api',
      printer: 'HP LaserJet 1020',
      hangGraceSeconds: 30,
    });
    expect(resolveSettings(text, {})).toEqual({
      settings: {
        platformOrigin: 'https://platform.hebei.gov.cn',
        printer: 'HP LaserJet 1020',
        hangGraceMs: 30_000,
        kioskUnlock: null,
        idCardReader: null,
      },
      problems: [],
    });
  });

  it('let the environment override the file', () => {
    const text = JSON.stringify({ platformUrl: 'https://a.gov.cn', printer: 'A' });
    const { settings } = resolveSettings(text, {
      KIOSK_PLATFORM_URL: 'http://127.0.0.1:8787',
      KIOSK_PRINTER: ' B ',
    });
    expect(settings.platformOrigin).toBe('http://127.0.0.1:8787');
    expect(settings.printer).toBe('B');
  });

  it('fall back to defaults and name the problem for a broken file or an unfit URL', () => {
    expect(resolveSettings('{not json', {})).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: ['settings-unreadable'],
    });
    expect(resolveSettings(JSON.stringify({ printer: 'x', extra: true }), {}).problems).toEqual([
      'settings-invalid',
    ]);
    expect(resolveSettings(JSON.stringify({ hangGraceSeconds: 1 }), {}).problems).toEqual([
      'settings-invalid',
    ]);
    const remoteHttp = resolveSettings(JSON.stringify({ platformUrl: 'http://a.gov.cn' }), {});
    expect(remoteHttp.settings.platformOrigin).toBeNull();
    expect(remoteHttp.problems).toEqual(['platform-url-refused']);
    expect(resolveSettings(null, { KIOSK_PRINTER: 'p'.repeat(300) }).settings.printer).toBeNull();
  });

  it('read the maintenance PIN record, and refuse the file when it is malformed', () => {
    const record = { salt: 'c2FsdHNhbHRzYWx0c2FsdA==', hash: 'aGFzaA==', iterations: 310000 };
    expect(
      resolveSettings(JSON.stringify({ kioskUnlock: record }), {}).settings.kioskUnlock,
    ).toEqual(record);
    const bad = resolveSettings(JSON.stringify({ kioskUnlock: { ...record, iterations: 10 } }), {});
    expect(bad.settings.kioskUnlock).toBeNull();
    expect(bad.problems).toEqual(['settings-invalid']);
  });
});
