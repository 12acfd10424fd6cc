import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import { loadDeviceIdentity } from '../../../../renderer/device/identity';
import { PlatformClient } from '../../../../renderer/platform/client';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import { provisionedPlatformKeys } from '../../../../renderer/platform/provisioned';
import { loadPlatformBundleKey, loadTrustedKeys } from '../../../../renderer/platform/trust';
import { KioskDb } from '../../../../renderer/store/db';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { DEMO_HALL } from '../../../platform/seed';
import { startPlatform, type TestPlatform } from '../../platform/helpers';
import { testDataKeys } from '../../../support/data-keys';
import { storeName } from './harness';

/**
 * The trust anchor shipped with the app (resources/trust) is the reference platform's demo key,
 * and enrolment stores the platform's offline-bundle key only when a trusted key signed it.
 */

let demo: TestPlatform;
let other: TestPlatform;
let codes = 0;

beforeAll(async () => {
  demo = await startPlatform({ keys: demoKeyMaterial() });
  // The shared test key: a platform this installation does not trust.
  other = await startPlatform();
});
afterAll(async () => {
  await demo.stop();
  await other.stop();
});

/** Rewrites the enrolment answer on its way to the device. */
function rewriting(edit: (body: Record<string, unknown>) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (new URL(String(input)).pathname !== '/v1/enrol' || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    edit(body);
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

async function enrol(platform: TestPlatform, fetchImpl?: typeof fetch) {
  codes += 1;
  const code = `TRUSTTEST${String(codes).padStart(4, '0')}`;
  platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
  const db = new KioskDb(storeName('trust'), testDataKeys());
  const signer = createWebCryptoSigner(
    crypto.subtle,
    await generateWebCryptoKeyPair(crypto.subtle, { extractable: false }),
  );
  const client = new PlatformClient({
    baseUrl: platform.url,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const result = await enrolDevice(db, client, {
    hallCode: DEMO_HALL,
    window: 'A01',
    enrolmentCode: code,
    appVersion: '0.1.0',
    trustedKeys: provisionedPlatformKeys(),
    signer,
  });
  return { db, result };
}

describe('the platform trust anchor', () => {
  it('ships the public half of the reference platform’s demo key', () => {
    expect(provisionedPlatformKeys()).toEqual([demo.server.trustedKey]);
  });

  it('enrols against the demo platform and stores the trusted keys and the vouched bundle key', async () => {
    const { db, result } = await enrol(demo);
    expect(result).toMatchObject({ ok: true });
    expect(await loadTrustedKeys(db)).toEqual([demo.server.trustedKey]);
    const stored = await loadPlatformBundleKey(db);
    expect(stored).not.toBeNull();
    expect(stored).toEqual(await bundleKeyOf(demo));
  });

  it('refuses a platform that signs with a key the installation does not trust, storing nothing', async () => {
    const { db, result } = await enrol(other);
    expect(result).toEqual({ ok: false, error: 'platform-key-untrusted' });
    expect(await loadDeviceIdentity(db)).toBeNull();
    expect(await loadTrustedKeys(db)).toEqual([]);
  });

  it('refuses a bundle key swapped on the way, storing nothing', async () => {
    const swapped = (await bundleKeyOf(other)) as Record<string, unknown>;
    const { db, result } = await enrol(
      demo,
      rewriting((body) => {
        body.bundleKey = swapped;
      }),
    );
    expect(result).toEqual({ ok: false, error: 'bad-bundle-key' });
    expect(await loadDeviceIdentity(db)).toBeNull();
    expect(await loadPlatformBundleKey(db)).toBeNull();
  });

  it('enrols with an unsigned bundle key (an older platform) but keeps no bundle key', async () => {
    const { db, result } = await enrol(
      demo,
      rewriting((body) => {
        delete body.bundleKeySig;
      }),
    );
    expect(result).toMatchObject({ ok: true });
    expect(await loadPlatformBundleKey(db)).toBeNull();
  });
});

/** The bundle key a platform hands out, read from a real enrolment answer. */
async function bundleKeyOf(platform: TestPlatform): Promise<unknown> {
  codes += 1;
  const code = `TRUSTPEEK${String(codes).padStart(4, '0')}`;
  platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
  let seen: unknown = null;
  const signer = createWebCryptoSigner(
    crypto.subtle,
    await generateWebCryptoKeyPair(crypto.subtle, { extractable: false }),
  );
  await enrolDevice(
    new KioskDb(storeName('peek'), testDataKeys()),
    new PlatformClient({
      baseUrl: platform.url,
      fetch: rewriting((body) => {
        seen = body.bundleKey;
      }),
    }),
    { hallCode: DEMO_HALL, window: 'A09', enrolmentCode: code, appVersion: '0.1.0', signer },
  );
  return seen;
}
