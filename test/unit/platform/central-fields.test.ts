import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionFieldIssues } from '../../../shared/fields/record-action';
import { PullResponseSchema } from '../../../shared/platform/pull';
import { PushResponseSchema } from '../../../shared/platform/push';
import type { RecordEvent } from '../../../shared/record/events';
import { DEMO_ORGAN, demoFinding } from '../../platform/central';
import { TestDevice, V, adminHeaders, call, post, signedPayload, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * The platform holds the central changes it signs and sends to a hall's devices to the devices'
 * own field rules (shared/fields/record-action.ts), and refuses with the same issue codes.
 */

let platform: TestPlatform;
let device: TestDevice;
const code = signedPayload(1).commitmentCode;
/** The record's signing day, from its commitment code; the platform's "today" is fixed. */
const SIGNED_ON = '2026-03-15';
const TODAY = '2026-12-06';

beforeAll(async () => {
  platform = await startPlatform({ now: () => new Date('2026-12-06T04:00:00Z') });
  device = await TestDevice.enrolNew(platform);
  const reply = await call(
    platform,
    'push',
    device.batch([await device.signRecord('r-1', signedPayload(1))]),
    device.token,
  );
  expect(PushResponseSchema.parse(reply.json).verdicts[0]?.verdict).toBe('accepted');
});
afterAll(() => platform.stop());

const changesPulled = async () => {
  const reply = await call(
    platform,
    'pull',
    { interfaceVersion: V, deviceId: device.deviceId, cursor: null, limit: 50 },
    device.token,
  );
  return PullResponseSchema.parse(reply.json).changes;
};

const finding = (patch: Record<string, unknown>): RecordEvent => {
  const base = demoFinding('broken', '2026-06-01');
  return { ...base, payload: { ...base.payload, ...patch } } as RecordEvent;
};

describe('central changes under the field rules', () => {
  it('refuses a finding dated before the signing or after today, naming the field and the limit', async () => {
    expect(
      await platform.server.admin.createCentralChange(code, finding({ findingDate: '1900-01-01' })),
    ).toEqual({
      ok: false,
      error: 'invalid-fields',
      issues: { findingDate: { code: 'date-before-signing', min: SIGNED_ON, max: TODAY } },
    });
    expect(
      await platform.server.admin.createCentralChange(code, finding({ findingDate: '2026-12-07' })),
    ).toEqual({
      ok: false,
      error: 'invalid-fields',
      issues: { findingDate: { code: 'date-in-future', min: SIGNED_ON, max: TODAY } },
    });
    expect(await changesPulled()).toEqual([]);
  });

  it('gives hostile text the issues the device gives it, and stores and sends nothing', async () => {
    const hostile = [
      finding({ findingOrgan: { name: '市场\u202e局监管', code: DEMO_ORGAN.code } }),
      finding({ notKept: '未'.repeat(10_000) }),
      finding({ liabilityImposed: '处理\u200b结果' }),
      {
        type: 'objection.filed',
        payload: {
          target: 'fulfilment',
          grounds: 'x',
          filedOn: '2026-06-02',
          deadlineDays: 15,
          deadline: '2026-06-17',
        },
      } as RecordEvent,
    ];
    for (const event of hostile) {
      const device = actionFieldIssues(event as Parameters<typeof actionFieldIssues>[0], {
        signedOn: SIGNED_ON,
        today: TODAY,
      });
      expect(Object.keys(device)).toHaveLength(1);
      expect(await platform.server.admin.createCentralChange(code, event)).toEqual({
        ok: false,
        error: 'invalid-fields',
        issues: device,
      });
    }
    expect(
      await platform.server.admin.createCentralChange(
        code,
        finding({ findingOrgan: { name: '市场\u202e局监管', code: DEMO_ORGAN.code } }),
      ),
    ).toMatchObject({ issues: { 'findingOrgan.name': { code: 'bidi-control', char: 'U+202E' } } });
    expect(await changesPulled()).toEqual([]);
  });

  it('answers the admin route with 422 and the issues, and still takes a sound finding', async () => {
    const refused = await post(
      platform.url,
      '/admin/central-changes',
      { commitmentCode: code, event: finding({ notKept: '未'.repeat(4_001) }) },
      { headers: adminHeaders(platform) },
    );
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual({
      error: 'invalid-fields',
      issues: { notKept: { code: 'too-long', max: 4000, length: 4001 } },
    });
    const malformed = await post(
      platform.url,
      '/admin/central-changes',
      { commitmentCode: code, event: { type: 'fulfilment.recorded', payload: {} } },
      { headers: adminHeaders(platform) },
    );
    expect(malformed.status).toBe(400);

    const sound = await post(
      platform.url,
      '/admin/central-changes',
      { commitmentCode: code, event: finding({ findingDate: SIGNED_ON }) },
      { headers: adminHeaders(platform) },
    );
    expect(sound.status).toBe(200);
    expect((await changesPulled()).map((c) => c.event.type)).toEqual(['fulfilment.recorded']);
  });
});
