import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrecheck } from '../../../../renderer/services/precheck';
import { DEFAULT_SETTINGS, saveSettings } from '../../../../renderer/settings/hall-settings';
import { DEMO_REGISTER } from '../../../platform/seed';
import { COMPANY, startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { enrolAppDevice } from '../sync/harness';
import type { AppDevice } from '../sync/harness';

/** The kiosk's pre-check asks the platform when it can (brief §6.1) and falls back when not. */

let platform: TestPlatform;
let device: AppDevice;

beforeAll(async () => {
  platform = await startPlatform();
  device = await enrolAppDevice(platform);
});
afterAll(() => platform.stop());

async function precheck(platformUrl: string, idNumber: string, idType = 'uscc' as const) {
  const settings = { ...DEFAULT_SETTINGS, platformUrl };
  await saveSettings(device.db, settings);
  return runPrecheck(
    { db: device.db, demo: false, settings, now: () => new Date() },
    { idType, idNumber },
  );
}

describe('the kiosk pre-check, online', () => {
  it('takes the platform’s answer: a listed entity is refused, a clean one passes', async () => {
    const listed = DEMO_REGISTER.find((e) => e.status === 'unrepaired' && e.idType === 'uscc');
    if (!listed) throw new Error('no unrepaired entity in the seed');
    expect(await precheck(platform.url, listed.identifier)).toMatchObject({
      outcome: 'not-eligible',
      basis: 'online',
    });
    expect(await precheck(platform.url, COMPANY.idNumber)).toMatchObject({
      outcome: 'eligible',
      basis: 'online',
    });
  });

  it('decides by the hall’s policy when the platform cannot be reached', async () => {
    // No snapshot stored on this device, and the default policy accepts provisionally.
    expect(await precheck('http://127.0.0.1:9', COMPANY.idNumber)).toMatchObject({
      outcome: 'provisional',
    });
  });
});
