import 'fake-indexeddb/auto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDeviceIdentity } from '../../../../renderer/device/identity';
import { PlatformClient } from '../../../../renderer/platform/client';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import { isTransient } from '../../../../renderer/platform/failure';
import { parseRetryAfter } from '../../../../renderer/platform/retry-after';
import { loadTrustedKeys } from '../../../../renderer/platform/trust';
import { KioskDb } from '../../../../renderer/store/db';
import { DEMO_HALL } from '../../../platform/seed';
import { startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { clientFor, enrolAppDevice, storeName } from './harness';
import type { AppDevice } from './harness';
import { testDataKeys } from '../../../support/data-keys';

let platform: TestPlatform;
let device: AppDevice;

beforeAll(async () => {
  platform = await startPlatform();
  device = await enrolAppDevice(platform);
});
afterAll(() => platform.stop());
beforeEach(() => {
  platform.server.setFaults(null);
});

const check = { idType: 'uscc', identifier: '91130100MA01111107' } as const;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('Retry-After', () => {
  const now = new Date('2026-03-15T01:00:00Z');
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 15 Mar 2026 01:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Sun, 15 Mar 2026 00:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('2026-03-15T01:00:30Z', now)).toBeNull();
    expect(parseRetryAfter('99999999', now)).toBe(86_400);
  });
});

describe('PlatformClient failures are typed results', () => {
  it('answers a valid exchange with the parsed message and the raw body', async () => {
    const client = clientFor(platform, device.identity);
    const answer = await client.creditCheck(check);
    expect(answer).toMatchObject({ ok: true, value: { status: 'none' } });
  });

  it('network: nothing listening', async () => {
    const client = new PlatformClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const answer = await client.forDevice('d', 'x'.repeat(40)).creditCheck(check);
    expect(answer).toEqual({ ok: false, failure: { kind: 'network' } });
  });

  it('network: connection reset by the platform', async () => {
    platform.server.setFaults({ seed: 1, schedule: { '1': 'reset' } });
    const answer = await clientFor(platform, device.identity).creditCheck(check);
    expect(answer).toEqual({ ok: false, failure: { kind: 'network' } });
  });

  it('timeout: the platform does not answer in time', async () => {
    platform.server.setFaults({ seed: 1, schedule: { '1': 'hang' }, hangMs: 400 });
    const client = clientFor(platform, device.identity, { timeoutMs: 100 });
    expect(await client.creditCheck(check)).toEqual({ ok: false, failure: { kind: 'timeout' } });
  });

  it('retry-after: 429 and 503 carry the seconds to wait', async () => {
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'rate-limit', '2': 'status-503' },
      retryAfterSeconds: 9,
    });
    const client = clientFor(platform, device.identity);
    expect(await client.creditCheck(check)).toEqual({
      ok: false,
      failure: { kind: 'retry-after', status: 429, code: 'rate-limited', seconds: 9 },
    });
    expect(await client.creditCheck(check)).toEqual({
      ok: false,
      failure: { kind: 'retry-after', status: 503, code: 'unavailable', seconds: 9 },
    });
  });

  it('http: status and the platform error code', async () => {
    platform.server.setFaults({ seed: 1, schedule: { '1': 'status-500' } });
    const answer = await clientFor(platform, device.identity).creditCheck(check);
    expect(answer).toEqual({
      ok: false,
      failure: { kind: 'http', status: 500, code: 'internal', issues: [] },
    });
    expect(!answer.ok && isTransient(answer.failure)).toBe(true);
  });

  it('unauthorised: a wrong token', async () => {
    const client = new PlatformClient({ baseUrl: platform.url }).forDevice(
      device.identity.deviceId,
      'w'.repeat(40),
    );
    const answer = await client.creditCheck(check);
    expect(answer).toMatchObject({ ok: false, failure: { kind: 'unauthorised', status: 401 } });
    expect(!answer.ok && isTransient(answer.failure)).toBe(false);
  });

  it('version-mismatch: the platform speaks another interface version', async () => {
    const newer: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        body: String(init?.body).replace('"interfaceVersion":1', '"interfaceVersion":2'),
      });
    const answer = await clientFor(platform, device.identity, { fetch: newer }).creditCheck(check);
    expect(answer).toMatchObject({
      ok: false,
      failure: { kind: 'version-mismatch', mismatch: { reason: 'peer-too-new', received: 2 } },
    });
  });

  it('bad-response: a 200 that is not the message', async () => {
    const junk = (body: string) => () => Promise.resolve(new Response(body, { status: 200 }));
    const client = (body: string) => clientFor(platform, device.identity, { fetch: junk(body) });
    expect(await client('not json').creditCheck(check)).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response' },
    });
    expect(
      await client('{"interfaceVersion":1,"status":"maybe","checkedAt":"x"}').creditCheck(check),
    ).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('bad-response: a declared body over the limit is not read', async () => {
    const huge = () =>
      Promise.resolve(
        new Response('{}', { status: 200, headers: { 'content-length': String(2 ** 30) } }),
      );
    const answer = await clientFor(platform, device.identity, { fetch: huge }).creditCheck(check);
    expect(answer).toEqual({
      ok: false,
      failure: { kind: 'bad-response', issues: [{ path: '', code: 'too-large' }] },
    });
  });

  it('aborted: the caller stopped it', async () => {
    const stop = new AbortController();
    stop.abort();
    const answer = await clientFor(platform, device.identity).creditCheck(check, {
      signal: stop.signal,
    });
    expect(answer).toEqual({ ok: false, failure: { kind: 'aborted' } });
  });
});

describe('enrolDevice', () => {
  it('stores the identity with credentials, slot, division code and the trusted platform key', async () => {
    const db = new KioskDb(storeName('enrol'), testDataKeys());
    platform.server.admin.addEnrolmentCode('ENROLTEST0001', DEMO_HALL);
    const signer = device.signer;
    const client = new PlatformClient({ baseUrl: platform.url });
    const enrolled = await enrolDevice(db, client, {
      hallCode: DEMO_HALL,
      window: 'B01',
      enrolmentCode: 'ENROLTEST0001',
      appVersion: '0.1.0',
      trustedKeys: [platform.server.trustedKey],
      signer,
    });
    expect(enrolled.ok).toBe(true);
    const stored = await loadDeviceIdentity(db);
    expect(stored).toMatchObject({
      hallCode: DEMO_HALL,
      window: 'B01',
      demo: false,
      divisionCode: expect.stringMatching(/^\d{6}$/),
    });
    expect(stored?.credentials?.length).toBeGreaterThanOrEqual(32);
    expect(stored?.slot).toBeGreaterThanOrEqual(1);
    expect(await loadTrustedKeys(db)).toEqual([platform.server.trustedKey]);

    // The stored credentials work; a second enrolment is refused on the device.
    const deviceClient = client.forDevice(stored?.deviceId ?? '', stored?.credentials ?? '');
    expect((await deviceClient.creditCheck(check)).ok).toBe(true);
    const again = await enrolDevice(db, client, {
      hallCode: DEMO_HALL,
      window: 'B01',
      enrolmentCode: 'ENROLTEST0001',
      appVersion: '0.1.0',
      signer,
    });
    expect(again).toEqual({ ok: false, error: 'already-enrolled' });
    db.close();
  });

  it('reports the platform refusal of a used or unknown code, and stores nothing', async () => {
    const db = new KioskDb(storeName('enrol'), testDataKeys());
    const enrolled = await enrolDevice(db, new PlatformClient({ baseUrl: platform.url }), {
      hallCode: DEMO_HALL,
      window: 'B02',
      enrolmentCode: 'NOSUCHCODE99',
      appVersion: '0.1.0',
      signer: device.signer,
    });
    expect(enrolled).toMatchObject({
      ok: false,
      error: 'platform',
      failure: { kind: 'http', status: 403, code: 'enrolment-code-invalid' },
    });
    expect(await loadDeviceIdentity(db)).toBeNull();
    db.close();
  });
});
