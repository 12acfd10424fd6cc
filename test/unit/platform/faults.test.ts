import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../shared/platform/errors';
import { PushResponseSchema } from '../../../shared/platform/push';
import { FAULT_KINDS, FaultConfigSchema, faultFor } from '../../platform/faults';
import { TestDevice, V, adminHeaders, call, post, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

let platform: TestPlatform;
let device: TestDevice;

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
});
afterAll(() => platform.stop());
beforeEach(() => {
  platform.server.setFaults(null);
});

const check = () => ({
  interfaceVersion: V,
  deviceId: device.deviceId,
  idType: 'uscc',
  identifier: '91130100MA01111107',
});
const storedCount = () =>
  platform.server.admin.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()
    ?.n ?? 0;

describe('fault plan', () => {
  it('is decided by seed and request number alone', () => {
    const config = FaultConfigSchema.parse({ seed: 42, rate: 0.5 });
    const run = () => Array.from({ length: 200 }, (_, i) => faultFor(config, i + 1));
    expect(run()).toEqual(run());
    const other = FaultConfigSchema.parse({ seed: 43, rate: 0.5 });
    expect(Array.from({ length: 200 }, (_, i) => faultFor(other, i + 1))).not.toEqual(run());
    const faulted = run().filter((k) => k !== null);
    expect(faulted.length).toBeGreaterThan(60);
    expect(faulted.length).toBeLessThan(140);
    expect(new Set(faulted)).toEqual(new Set(FAULT_KINDS));
  });

  it('puts the schedule before the rate, and counts only the chosen exchanges', async () => {
    platform.server.setFaults({
      seed: 1,
      schedule: { '2': 'status-500' },
      exchanges: ['credit-check'],
    });
    await call(platform, 'public-query', {
      interfaceVersion: V,
      query: { by: 'name', name: '某某' },
      page: 1,
      pageSize: 1,
    });
    expect((await call(platform, 'credit-check', check(), device.token)).status).toBe(200);
    expect((await call(platform, 'credit-check', check(), device.token)).status).toBe(500);
    expect(platform.server.faultLog).toEqual([
      { request: 2, exchange: 'credit-check', kind: 'status-500' },
    ]);
  });
});

describe('fault kinds', () => {
  it('error statuses and 429 carry a precise error body and Retry-After, and change nothing', async () => {
    const before = platform.server.admin.digest();
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'status-500', '2': 'status-503', '3': 'rate-limit' },
      retryAfterSeconds: 7,
    });
    const answers = [];
    for (let i = 0; i < 3; i += 1)
      answers.push(
        await call(platform, 'push', device.batch([await device.audit(i)]), device.token),
      );
    device.events.length = 0;
    device.head = null;
    expect(answers.map((a) => a.status)).toEqual([500, 503, 429]);
    expect(answers.map((a) => ErrorBodySchema.parse(a.json).error.code)).toEqual([
      'internal',
      'unavailable',
      'rate-limited',
    ]);
    expect(answers.map((a) => a.headers.get('retry-after'))).toEqual([null, '7', '7']);
    expect(platform.server.admin.digest()).toBe(before);
  });

  it('delay answers late; hang outlasts the client timeout; reset drops the connection', async () => {
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'delay', '2': 'hang', '3': 'reset' },
      delayMs: 150,
      hangMs: 2_000,
    });
    const started = Date.now();
    expect((await call(platform, 'credit-check', check(), device.token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(
      call(platform, 'credit-check', check(), device.token, AbortSignal.timeout(300)),
    ).rejects.toThrow();
    await expect(call(platform, 'credit-check', check(), device.token)).rejects.toThrow();
    expect((await call(platform, 'credit-check', check(), device.token)).status).toBe(200);
  });

  it('duplicated delivery stores once and answers like the first delivery', async () => {
    platform.server.setFaults({ seed: 1, schedule: { '1': 'duplicate' } });
    const fresh = await TestDevice.enrolNew(platform);
    const events = [await fresh.signRecord('dup-1'), await fresh.audit(1)];
    const before = storedCount();
    const reply = await call(platform, 'push', fresh.batch(events), fresh.token);
    expect(PushResponseSchema.parse(reply.json).verdicts.map((v) => v.verdict)).toEqual([
      'accepted',
      'accepted',
    ]);
    expect(storedCount()).toBe(before + 2);
  });

  it('reordered delivery: the held batch is processed after the next one', async () => {
    const fresh = await TestDevice.enrolNew(platform);
    const events = [await fresh.audit(1), await fresh.audit(2), await fresh.audit(3)];
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'reorder' },
      exchanges: ['push'],
      holdMs: 5_000,
    });
    const first = call(platform, 'push', fresh.batch(events.slice(0, 2)), fresh.token);
    // The second batch goes only once the first is numbered and held.
    while (platform.server.faultLog.length === 0) await new Promise((r) => setTimeout(r, 5));
    const second = await call(platform, 'push', fresh.batch(events.slice(2)), fresh.token);
    const held = await first;
    expect(PushResponseSchema.parse(second.json).verdicts[0]).toMatchObject({
      code: 'chain-gap',
      detail: 'missing:1-2',
    });
    expect(PushResponseSchema.parse(held.json).verdicts.map((v) => v.verdict)).toEqual([
      'accepted',
      'accepted',
    ]);
    const retry = await call(platform, 'push', fresh.batch(events.slice(2)), fresh.token);
    expect(PushResponseSchema.parse(retry.json).verdicts[0]).toMatchObject({
      verdict: 'accepted',
      seq: 3,
    });
  });

  it('a restart drops the connection and keeps every stored row', async () => {
    const before = platform.server.admin.digest();
    platform.server.setFaults({ seed: 1, schedule: { '1': 'restart' } });
    await expect(call(platform, 'credit-check', check(), device.token)).rejects.toThrow();
    expect(platform.server.admin.digest()).toBe(before);
    expect((await call(platform, 'credit-check', check(), device.token)).status).toBe(200);
  });

  it('the admin endpoint sets the plan at run time and reports what was injected', async () => {
    const set = await fetch(`${platform.url}/admin/faults`, {
      method: 'PUT',
      headers: adminHeaders(platform),
      body: JSON.stringify({ seed: 9, schedule: { '1': 'rate-limit' } }),
    });
    expect(set.status).toBe(200);
    expect((await call(platform, 'credit-check', check(), device.token)).status).toBe(429);
    const state = (await (
      await fetch(`${platform.url}/admin/faults`, { headers: adminHeaders(platform) })
    ).json()) as {
      requests: number;
      injected: unknown[];
    };
    expect(state).toMatchObject({ requests: 1, injected: [{ request: 1, kind: 'rate-limit' }] });
    const bad = await post(platform.url, '/admin/faults', {}, { headers: adminHeaders(platform) });
    expect(bad.status).toBe(404);
    const invalid = await fetch(`${platform.url}/admin/faults`, {
      method: 'PUT',
      headers: adminHeaders(platform),
      body: '{"seed":"x"}',
    });
    expect(invalid.status).toBe(400);
  });
});
