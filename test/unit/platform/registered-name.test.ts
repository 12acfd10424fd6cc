import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditCheckResponseSchema } from '../../../shared/platform/credit';
import { TestDevice, V, call, startPlatform } from './helpers';
import type { TestPlatform } from './helpers';

/** The credit check's registered name (issue 15): the kiosk fills an organisation's name from it. */

let platform: TestPlatform;
let device: TestDevice;

beforeAll(async () => {
  platform = await startPlatform();
  device = await TestDevice.enrolNew(platform);
});
afterAll(() => platform.stop());

async function check(body: Record<string, unknown>) {
  const reply = await call(
    platform,
    'credit-check',
    { interfaceVersion: V, deviceId: device.deviceId, ...body },
    device.token,
  );
  expect(reply.status).toBe(200);
  return CreditCheckResponseSchema.parse(reply.json);
}

describe('credit check: the registered name of a credit code', () => {
  it('answers the business register name when asked for it', async () => {
    const answer = await check({
      idType: 'uscc',
      identifier: '91130100MA01111107',
      withRegisteredName: true,
    });
    expect(answer.status).toBe('none');
    expect(answer.registeredName).toBe('演示清白企业有限公司');
  });

  it('names nothing unless asked, for a code not registered, or for a person', async () => {
    expect(
      (await check({ idType: 'uscc', identifier: '91130100MA01111107' })).registeredName,
    ).toBeUndefined();
    expect(
      (await check({ idType: 'uscc', identifier: '91350200776049653A', withRegisteredName: true }))
        .registeredName,
    ).toBeUndefined();
    expect(
      (
        await check({
          idType: 'resident-id',
          identifier: '130102199003071233',
          withRegisteredName: true,
        })
      ).registeredName,
    ).toBeUndefined();
  });

  it('refuses a request that asks with anything but true', async () => {
    const reply = await call(
      platform,
      'credit-check',
      {
        interfaceVersion: V,
        deviceId: device.deviceId,
        idType: 'uscc',
        identifier: '91130100MA01111107',
        withRegisteredName: 'yes',
      },
      device.token,
    );
    expect(reply.status).toBe(400);
  });
});
