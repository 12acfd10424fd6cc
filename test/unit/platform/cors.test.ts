import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originAllowed } from '../../platform/cors';
import { startPlatform, type TestPlatform } from './helpers';

/** The app's pages call the platform from their own origin: only the device exchanges open to them. */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform({ allowOrigins: 'loopback' });
});
afterAll(() => platform.stop());

const preflight = (path: string, origin: string) =>
  fetch(`${platform.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' },
  });

describe('cross-origin access to the reference platform', () => {
  it('answers a loopback page’s preflight for an exchange, with the token header allowed', async () => {
    const response = await preflight('/v1/push', 'http://127.0.0.1:4173');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-expose-headers')).toBe('retry-after');
  });

  it('opens neither the admin routes nor any exchange to other origins', async () => {
    const admin = await preflight('/admin/state', 'http://127.0.0.1:4173');
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
    const foreign = await preflight('/v1/push', 'https://example.org');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('tells loopback and app origins from look-alikes', () => {
    for (const ok of ['http://127.0.0.1:4173', 'http://localhost:5173', 'app://kiosk']) {
      expect(originAllowed(ok, 'loopback'), ok).toBe(true);
    }
    for (const bad of [
      'http://127.0.0.1.example.org',
      'https://localhost',
      'null',
      'http://10.0.0.1',
    ]) {
      expect(originAllowed(bad, 'loopback'), bad).toBe(false);
    }
  });
});
