import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiers } from '../../../../shared/crypto/providers';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import { SM2_ALGORITHM } from '../../../../shared/crypto/sm2-signer';
import type { RawInvoke } from '../../../../renderer/host/host';
import { createHost } from '../../../../renderer/host/host';
import {
  deviceKeyStatus,
  deviceSigner,
  loadDeviceIdentity,
  saveDeviceIdentity,
  sealDeviceSecrets,
  type DeviceIdentity,
} from '../../../../renderer/device/identity';
import { loadDataKey } from '../../../../renderer/store/at-rest/data-key';
import { AtRestError } from '../../../../renderer/store/at-rest/field-cipher';
import { DataKeyHolder } from '../../../../renderer/store/at-rest/middleware';
import { KioskDb } from '../../../../renderer/store/db';
import { runSync } from '../../../../renderer/sync/engine';
import { deviceClient, deviceSyncDeps } from '../../../../renderer/sync/deps';
import { saveSettings, DEFAULT_SETTINGS } from '../../../../renderer/settings/hall-settings';
import { startPlatform, type TestPlatform } from '../../platform/helpers';
import { clientFor, enrolAppDevice, makeRecord, platformEvents, storeName } from '../sync/harness';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import { DEMO_HALL } from '../../../platform/seed';
import { testDataKeys } from '../../../support/data-keys';

/**
 * The device's signing key and its platform token are sealed by the host keystore (issue 17): a
 * profile copied without the keystore's secret can neither sign as the device nor push as it, and
 * a store written before they were sealed is carried on with its identity.
 */

const verifiers = createVerifiers(crypto.subtle);
const DATA = new TextEncoder().encode('an event to sign');

/** A host whose keystore seals under `secret` (the OS keystore of one machine and user). */
async function keystoreHost(secret: number) {
  const key = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(32).fill(secret),
    'AES-GCM',
    false,
    ['encrypt', 'decrypt'],
  );
  const raw: RawInvoke = async (channel, request) => {
    const iv = new Uint8Array(12);
    try {
      if (channel === 'secret.seal') {
        const { plaintext } = request as { plaintext: Uint8Array<ArrayBuffer> };
        const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext);
        return { ok: true, value: { sealed: new Uint8Array(sealed) } };
      }
      if (channel === 'secret.unseal') {
        const { sealed } = request as { sealed: Uint8Array };
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv },
          key,
          new Uint8Array(sealed),
        );
        return { ok: true, value: { plaintext: new Uint8Array(plain) } };
      }
    } catch {
      return { ok: false, error: { code: 'failed', detail: 'cannot unseal' } };
    }
    return { ok: false, error: { code: 'unavailable' } };
  };
  return createHost(raw);
}

/** Every value of every row of the named databases, read as a copied profile would: no app, no key. */
async function dumpProfile(...names: string[]): Promise<unknown[]> {
  const values: unknown[] = [];
  for (const name of names) {
    const db = new Dexie(name);
    await db.open();
    for (const table of db.tables) values.push(...(await table.toArray()));
    db.close();
  }
  return values;
}

function cryptoKeysIn(value: unknown, seen = new Set<unknown>()): number {
  if (value instanceof CryptoKey) return 1;
  if (!value || typeof value !== 'object' || seen.has(value) || ArrayBuffer.isView(value)) return 0;
  seen.add(value);
  return Object.values(value).reduce<number>((n, v) => n + cryptoKeysIn(v, seen), 0);
}

/** Text and bytes of the dump, to look for a secret in any encoding a copier would try. */
function dumpText(values: unknown[]): string {
  return JSON.stringify(values, (_k, v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
  );
}

function identityFor(signerKey: DeviceIdentity['publicKey'], credentials?: string): DeviceIdentity {
  return {
    deviceId: 'dev-sealed-01',
    slot: 3,
    divisionCode: '130102',
    hallCode: '130102-01',
    window: 'A03',
    publicKey: signerKey,
    enrolledAt: '2026-11-25T08:00:00+08:00',
    demo: false,
    ...(credentials === undefined ? {} : { credentials }),
  };
}

const TOKEN = 'tok_' + 'Zq7'.repeat(16);

describe('the device key at rest', () => {
  it('is stored only sealed: no CryptoKey and no key bytes in the store, the same key after a reload', async () => {
    const name = storeName('device-key');
    const db = new KioskDb(name, testDataKeys());
    const signer = await deviceSigner(db);
    expect(await deviceKeyStatus(db)).toBe('sealed');
    const info = await signer.publicKeyInfo();
    db.close();
    const dump = await dumpProfile(name);
    expect(cryptoKeysIn(dump)).toBe(0);

    const reopened = new KioskDb(name, testDataKeys());
    const again = await deviceSigner(reopened);
    expect(await again.publicKeyInfo()).toEqual(info);
    expect(
      await verifiers.verifierFor(info.algorithm).verify(info, DATA, await again.sign(DATA)),
    ).toBe(true);
    reopened.close();
  });

  it('keeps an SM2 device key sealed the same way', async () => {
    const name = storeName('device-key-sm2');
    const keys = testDataKeys();
    const db = new KioskDb(name, keys);
    const signer = await deviceSigner(db, { algorithm: SM2_ALGORITHM });
    const info = await signer.publicKeyInfo();
    expect(info.algorithm).toBe(SM2_ALGORITHM);
    // The algorithm asked for later does not change a key that exists.
    const again = await deviceSigner(db);
    expect(await again.publicKeyInfo()).toEqual(info);
    expect(
      await verifiers.verifierFor(SM2_ALGORITHM).verify(info, DATA, await again.sign(DATA)),
    ).toBe(true);
    db.close();
    const wrong = new DataKeyHolder();
    wrong.set(new Uint8Array(32).fill(9));
    const stolen = new KioskDb(name, wrong);
    await expect(deviceSigner(stolen)).rejects.toThrow(AtRestError);
    stolen.close();
  });
});

describe('a copied profile', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(() => platform.stop());

  it('cannot sign as the device nor push with its token without the host keystore', async () => {
    const name = storeName('copied');
    const keyDb = `${name}-keys`;
    const host = await keystoreHost(1);
    const keys = new DataKeyHolder();
    keys.set(await loadDataKey(host, keyDb));
    const db = new KioskDb(name, keys);
    const signer = await deviceSigner(db);
    const enrolled = await enrolAppDevice(platform, storeName('copied-enrol'));
    // The device as enrolment leaves it: this key, the platform's token.
    const token = enrolled.identity.credentials ?? '';
    expect(token.length).toBeGreaterThan(30);
    await saveDeviceIdentity(db, { ...enrolled.identity, publicKey: await signer.publicKeyInfo() });
    expect((await loadDeviceIdentity(db))?.credentials).toBe(token);
    db.close();

    // Everything on disk, read without the app: no key to sign with, no token to push with.
    const dump = await dumpProfile(name, keyDb);
    expect(cryptoKeysIn(dump)).toBe(0);
    expect(dumpText(dump)).not.toContain(token);

    // The app started on another machine (another keystore) opens nothing.
    await expect(loadDataKey(await keystoreHost(2), keyDb)).rejects.toThrow(AtRestError);
    // Nor does a data key guessed or made up by whoever copied it.
    const guessed = new DataKeyHolder();
    guessed.set(new Uint8Array(32).fill(7));
    const copy = new KioskDb(name, guessed);
    await expect(deviceSigner(copy)).rejects.toThrow(AtRestError);
    await expect(loadDeviceIdentity(copy)).rejects.toThrow(AtRestError);
    await saveSettings(copy, { ...DEFAULT_SETTINGS, platformUrl: platform.url });
    await expect(deviceClient(copy)).rejects.toThrow(AtRestError);
    copy.close();

    // On the machine it belongs to, the same store signs and has its token.
    const home = new DataKeyHolder();
    home.set(await loadDataKey(host, keyDb));
    const original = new KioskDb(name, home);
    expect((await loadDeviceIdentity(original))?.credentials).toBe(token);
    const info = await signer.publicKeyInfo();
    const reopened = await deviceSigner(original);
    expect(
      await verifiers.verifierFor(info.algorithm).verify(info, DATA, await reopened.sign(DATA)),
    ).toBe(true);
    original.close();
  });

  it('carries a store from before sealing on: same device, token sealed, it still pushes', async () => {
    // A device enrolled by the previous version: its key pair kept as CryptoKeys.
    const legacyPair = await generateWebCryptoKeyPair(crypto.subtle, { extractable: false });
    const signer = createWebCryptoSigner(crypto.subtle, legacyPair);
    const legacy = new KioskDb(storeName('legacy-store'), testDataKeys());
    platform.server.admin.addEnrolmentCode('LEGACYSEAL000001', DEMO_HALL);
    const enrolled = await enrolDevice(legacy, clientFor(platform), {
      hallCode: DEMO_HALL,
      window: 'A03',
      enrolmentCode: 'LEGACYSEAL000001',
      appVersion: '0.1.0',
      trustedKeys: [platform.server.trustedKey],
      signer,
    });
    if (!enrolled.ok) throw new Error(enrolled.error);
    const identity = enrolled.identity;
    const token = identity.credentials ?? '';
    // The rows as the previous version wrote them: the pair as CryptoKeys, the token in clear.
    await legacy.meta.bulkPut([
      { key: 'deviceKeys', value: legacyPair },
      { key: 'device', value: identity },
    ]);
    await makeRecord({ name: legacy.name, db: legacy, signer, identity }, 'r-before');
    await saveSettings(legacy, { ...DEFAULT_SETTINGS, platformUrl: platform.url });
    expect(dumpText(await dumpProfile(legacy.name))).toContain(token);

    // The upgrade, as bootstrap runs it.
    expect(await sealDeviceSecrets(legacy)).toBe(true);
    expect(await sealDeviceSecrets(legacy)).toBe(false);
    expect(dumpText(await dumpProfile(legacy.name))).not.toContain(token);
    expect(await loadDeviceIdentity(legacy)).toEqual(identity);
    // Its key cannot be exported to be sealed (WebCrypto forbids it): it is kept, since the
    // platform and the chain know the device by it, and said to be so.
    const kept = await deviceSigner(legacy);
    expect(await kept.publicKeyInfo()).toEqual(identity.publicKey);
    expect(await deviceKeyStatus(legacy)).toBe('legacy-unsealed');

    // The sealed token still pushes as the device.
    const deps = await deviceSyncDeps(legacy);
    if (!deps) throw new Error('no deps');
    const outcome = await runSync(deps, { steps: ['push'] });
    expect(outcome.errors).toEqual([]);
    expect(platformEvents(platform, identity.deviceId)).toHaveLength(1);
    legacy.close();
  });

  it('replaces an unused legacy key with a sealed one, and seals an exportable one as it is', async () => {
    const unused = new KioskDb(storeName('legacy-unused'), testDataKeys());
    const old = await generateWebCryptoKeyPair(crypto.subtle, { extractable: false });
    await unused.meta.put({ key: 'deviceKeys', value: old });
    const fresh = await deviceSigner(unused);
    expect(await fresh.publicKeyInfo()).not.toEqual(
      await createWebCryptoSigner(crypto.subtle, old).publicKeyInfo(),
    );
    expect(await deviceKeyStatus(unused)).toBe('sealed');
    expect(cryptoKeysIn(await dumpProfile(unused.name))).toBe(0);
    unused.close();

    const exportable = new KioskDb(storeName('legacy-exportable'), testDataKeys());
    const pair = await generateWebCryptoKeyPair(crypto.subtle, { extractable: true });
    await exportable.meta.bulkPut([
      { key: 'deviceKeys', value: pair },
      {
        key: 'device',
        value: identityFor(await createWebCryptoSigner(crypto.subtle, pair).publicKeyInfo()),
      },
    ]);
    const sealed = await deviceSigner(exportable);
    expect(await sealed.publicKeyInfo()).toEqual(
      await createWebCryptoSigner(crypto.subtle, pair).publicKeyInfo(),
    );
    expect(await deviceKeyStatus(exportable)).toBe('sealed');
    expect(cryptoKeysIn(await dumpProfile(exportable.name))).toBe(0);
    exportable.close();
  });

  it('stores a token given with the identity only sealed', async () => {
    const db = new KioskDb(storeName('token'), testDataKeys());
    const signer = await deviceSigner(db);
    await saveDeviceIdentity(db, identityFor(await signer.publicKeyInfo(), TOKEN));
    expect(dumpText(await dumpProfile(db.name))).not.toContain(TOKEN);
    expect((await loadDeviceIdentity(db))?.credentials).toBe(TOKEN);
    db.close();
  });
});
