import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonDepthWithin, MAX_JSON_DEPTH } from '../../../shared/platform/json-depth';
import { MAX_SMALL_REQUEST_BYTES } from '../../../shared/platform/limits';
import { PLATFORM_EXCHANGES } from '../../../shared/platform/messages';
import { PLATFORM_ROUTES } from '../../../shared/platform/routes';
import { MAX_REJECTIONS_PER_DEVICE } from '../../platform/handlers/push';
import { TestDevice, V, adminHeaders, call, enrolRequest, post, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * The attack run's limits (issue 17): JSON nested 5,000 deep answered 500 (devices retry 5xx
 * forever); enrolment read bodies of 16 MB; a forged batch of 500 events added 500 log rows; and
 * nothing limited how often one caller may ask.
 */

let platform: TestPlatform;
let device: TestDevice;
beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
});
afterAll(() => platform.stop());

const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const TOO_DEEP = { error: { code: 'malformed', issues: [{ path: '', code: 'too-deep' }] } };

describe('JSON nested deep', () => {
  it('is refused as malformed, not 500, in an authenticated push, storing nothing', async () => {
    const before = platform.server.admin.digest();
    for (const levels of [1_000, 5_000, 100_000]) {
      const event = await device.signRecord(`deep-${levels}`);
      const text = JSON.stringify(device.batch([event])).replace(
        '"payload":{',
        `"payload":{"deep":${nested(levels)},`,
      );
      const reply = await post(platform.url, '/v1/push', text, { token: device.token, raw: true });
      expect([levels, reply.status, reply.json]).toEqual([levels, 400, TOO_DEEP]);
    }
    expect(platform.server.admin.digest()).toBe(before);
  });

  it('is refused on every exchange and admin route, arrays and objects alike', async () => {
    const deepArray = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    for (const exchange of PLATFORM_EXCHANGES) {
      const token = PLATFORM_ROUTES[exchange].auth === 'device' ? device.token : undefined;
      for (const body of [nested(5_000), deepArray]) {
        const reply = await post(
          platform.url,
          PLATFORM_ROUTES[exchange].path,
          body.slice(0, 7_000),
          {
            raw: true,
            ...(token ? { token } : {}),
          },
        );
        // Cut to fit the small requests' limit: still 5,000 levels open, still refused for depth.
        expect([exchange, reply.status, reply.json]).toEqual([exchange, 400, TOO_DEEP]);
      }
    }
    const admin = await post(platform.url, '/admin/central-changes', nested(5_000), {
      raw: true,
      headers: adminHeaders(platform),
    });
    expect(admin.json).toEqual(TOO_DEEP);
  });

  it('is measured on the bytes, brackets in strings not counted', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(jsonDepthWithin(bytes(nested(MAX_JSON_DEPTH)))).toBe(true);
    expect(jsonDepthWithin(bytes(nested(MAX_JSON_DEPTH + 1)))).toBe(false);
    expect(jsonDepthWithin(bytes(JSON.stringify({ a: '[[[[{{{{\\"[[[[' })), 2)).toBe(true);
    expect(jsonDepthWithin(bytes(JSON.stringify({ 名: ['「[」'] })), 2)).toBe(true);
    expect(jsonDepthWithin(bytes('[[["\\\\"],[[1]]]]'), 3)).toBe(false);
  });
});

/**
 * Sends the headers of a `length`-byte JSON body and only its first kilobyte: a server that waited
 * for the body to judge it would never answer.
 */
function answeredBeforeBody(
  path: string,
  headers: Record<string, string>,
  length: number,
): Promise<{ status: number; ms: number }> {
  const port = Number(new URL(platform.url).port);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', 'content-length': length, ...headers },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 });
        req.destroy();
      },
    );
    req.on('error', reject);
    req.setTimeout(3_000, () => reject(new Error('no answer before the body was sent')));
    req.write(`{"interfaceVersion":${V},"pad":"${'x'.repeat(1024)}`);
  });
}

describe('body limits', () => {
  it('refuse an enrolment over a few kilobytes before reading it', async () => {
    const key = device.publicKey;
    const padded = {
      ...enrolRequest('NOSUCHCODE01', key),
      pad: 'x'.repeat(MAX_SMALL_REQUEST_BYTES),
    };
    const reply = await call(platform, 'enrol', padded);
    expect([reply.status, reply.json]).toEqual([413, { error: { code: 'too-large' } }]);
  });

  it('answer a 15 MB enrolment, four at once, before its body is sent', async () => {
    const enrol = () => answeredBeforeBody('/v1/enrol', {}, 15 * 1024 * 1024);
    const replies = await Promise.all([enrol(), enrol(), enrol(), enrol()]);
    console.info(
      `15 MB enrolments x4: ${replies.map((r) => `${r.status} in ${r.ms.toFixed(0)} ms`).join(', ')}`,
    );
    expect(replies.map((r) => r.status)).toEqual([413, 413, 413, 413]);
  });

  it('refuse a push without valid credentials before reading its body', async () => {
    const reply = await answeredBeforeBody(
      '/v1/push',
      { authorization: `Bearer ${'x'.repeat(43)}` },
      4 * 1024 * 1024,
    );
    expect(reply.status).toBe(401);
  });
});

describe('the refusal log', () => {
  const rows = (id: string) =>
    platform.server.admin.state().rejected.filter((r) => r.deviceId === id).length;

  it('takes one row for a forged batch of 500 events, not 500', async () => {
    const forger = await TestDevice.enrolNew(platform);
    const other = await TestDevice.enrolNew(platform);
    const events = [];
    for (let i = 0; i < 500; i += 1) events.push(await forger.audit(i));
    const [first, ...rest] = events;
    if (!first) throw new Error('no events');
    const forged = {
      ...first,
      sig: { ...first.sig, value: await other.signer.sign(new Uint8Array(8)) },
    };
    const reply = await call(platform, 'push', forger.batch([forged, ...rest]), forger.token);
    expect(reply.status).toBe(200);
    expect(rows(forger.deviceId)).toBe(1);
  });

  it('keeps a device’s latest entries only', async () => {
    const flooder = await TestDevice.enrolNew(platform);
    const db = platform.server.admin.db;
    const insert = db.prepare(
      `INSERT INTO rejections (device_id, batch_id, event_id, seq, code, detail, hash, at)
       VALUES (?, 'b', ?, ?, 'schema', NULL, 'h', 't')`,
    );
    db.transaction(() => {
      for (let i = 0; i < MAX_REJECTIONS_PER_DEVICE + 200; i += 1) {
        insert.run(flooder.deviceId, `old-${i}`, i);
      }
    })();
    const other = await TestDevice.enrolNew(platform);
    const event = await flooder.audit(1);
    const forged = {
      ...event,
      sig: { ...event.sig, value: await other.signer.sign(new Uint8Array(8)) },
    };
    await call(platform, 'push', flooder.batch([forged]), flooder.token);
    expect(rows(flooder.deviceId)).toBe(MAX_REJECTIONS_PER_DEVICE);
    const latest = platform.server.admin
      .state()
      .rejected.filter((r) => r.deviceId === flooder.deviceId);
    expect(latest.at(-1)?.eventId).toBe(event.eventId);
    expect(rows(device.deviceId)).toBe(0);
  });
});

describe('the rate limit', () => {
  let limited: TestPlatform;
  beforeAll(async () => {
    limited = await startPlatform({ rateLimit: { max: 5, windowMs: 60_000 } });
  });
  afterAll(() => limited.stop());

  const check = (d: TestDevice) => ({
    interfaceVersion: V,
    deviceId: d.deviceId,
    idType: 'uscc',
    identifier: '91130100MA01111107',
  });

  it('answers a device past its allowance with 429 rate-limited and Retry-After; others go on', async () => {
    const a = await TestDevice.enrolNew(limited);
    const b = await TestDevice.enrolNew(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1)
      statuses.push((await call(limited, 'credit-check', check(a), a.token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const over = await call(limited, 'credit-check', check(a), a.token);
    expect(over.json).toEqual({ error: { code: 'rate-limited' } });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(limited, 'credit-check', check(b), b.token)).status).toBe(200);
  });

  it('counts made-up tokens against the address, and never the admin', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push(
        (
          await call(
            limited,
            'pull',
            { interfaceVersion: V },
            `made-up-token-${i}-${'x'.repeat(32)}`,
          )
        ).status,
      );
    }
    // The two enrolments above came from this address too.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    const admin = await fetch(`${limited.url}/admin/state`, { headers: adminHeaders(limited) });
    expect(admin.status).toBe(200);
  });
});
