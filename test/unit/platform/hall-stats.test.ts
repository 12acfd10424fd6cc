import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallStatsResponseSchema } from '../../../shared/platform/hall-stats';
import { PERSON, TestDevice, V, call, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/** The hall's statistics route: every device of the hall counted, only for an enrolled device. */

let platform: TestPlatform;
let first: TestDevice;
let second: TestDevice;

beforeAll(async () => {
  platform = await startPlatform();
  first = await TestDevice.enrolNew(platform);
  second = await TestDevice.enrolNew(platform);
  const a = await first.signRecord('hs-1');
  const b = await first.signRecord('hs-2', first.signedPayload(2, PERSON));
  const voided = await first.seal({
    recordId: 'hs-2',
    type: 'record.voided',
    payload: { reasonCode: 'duplicate', reasonText: '重复录入', by: 'c-007' },
  });
  const c = await second.signRecord('hs-3');
  for (const [device, events] of [
    [first, [a, b, voided]],
    [second, [c]],
  ] as const) {
    const pushed = await call(platform, 'push', device.batch(events), device.token);
    expect(pushed.status).toBe(200);
  }
});

afterAll(async () => {
  await platform.stop();
});

const ask = (who: TestDevice, from: string, to: string, token = who.token) =>
  call(platform, 'hall-stats', { interfaceVersion: V, deviceId: who.deviceId, from, to }, token);

describe('the hall statistics route', () => {
  it('counts the records of every device of the hall, as the platform holds them', async () => {
    const reply = await ask(second, '2026-03-01', '2026-03-31');
    expect(reply.status).toBe(200);
    const body = HallStatsResponseSchema.parse(reply.json);
    expect(body.devices).toBe(2);
    expect(body.figures.total).toBe(3);
    expect(body.figures.outcomes).toMatchObject({ made: 3, awaiting: 2, voided: 1 });
    expect(body.figures.byEntityKind).toEqual([
      ['legal-person', 2],
      ['natural-person', 1],
    ]);
    expect(body.figures.byDay).toEqual([['2026-03-15', 3]]);
  });

  it('counts nothing outside the range, and refuses a reversed one', async () => {
    const outside = HallStatsResponseSchema.parse(
      (await ask(first, '2026-04-01', '2026-04-30')).json,
    );
    expect(outside.figures.total).toBe(0);
    expect((await ask(first, '2026-03-31', '2026-03-01')).status).toBe(400);
  });

  it('answers no one without the device credentials', async () => {
    expect((await ask(first, '2026-03-01', '2026-03-31', 'not-a-token')).status).toBe(401);
    expect((await ask(first, '2026-03-01', '2026-03-31', second.token)).status).not.toBe(200);
  });
});
