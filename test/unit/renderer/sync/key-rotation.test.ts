import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import {
  deviceKeyStatus,
  deviceSigner,
  loadDeviceIdentity,
  type DeviceIdentity,
} from '../../../../renderer/device/identity';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import { saveSettings, DEFAULT_SETTINGS } from '../../../../renderer/settings/hall-settings';
import { KioskDb } from '../../../../renderer/store/db';
import { loadTrustedKeys } from '../../../../renderer/platform/trust';
import { deviceSyncDeps } from '../../../../renderer/sync/deps';
import {
  exportPendingBundles,
  forgetBundleExport,
  noteBundlesSaved,
  staleBundleExport,
} from '../../../../renderer/sync/bundle-export';
import { runSync } from '../../../../renderer/sync/engine';
import { checkOwnChain } from '../../../../renderer/sync/self-check';
import { DEMO_HALL } from '../../../platform/seed';
import { testDataKeys } from '../../../support/data-keys';
import { startPlatform, verifiers, type TestPlatform } from '../../platform/helpers';
import { clientFor, makeRecord, platformEvents, storeName } from './harness';

/**
 * A device enrolled before its key was sealed keeps a legacy key it cannot export (device-key.ts,
 * 'legacy-unsealed'). The sync engine replaces it (sync/key-rotation.ts): after a push that leaves
 * nothing pending, the device makes a sealed key, the platform approves the rotation, and the
 * legacy key is gone; the chain goes on under the new key and the old events stay valid. An
 * approval lost on the way is asked for again before anything else is pushed.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

let codes = 0;

/** A device as the previous version left it: its key pair as CryptoKeys, a record signed. */
async function legacyDevice(): Promise<{ db: KioskDb; identity: DeviceIdentity }> {
  const pair = await generateWebCryptoKeyPair(crypto.subtle, { extractable: false });
  const signer = createWebCryptoSigner(crypto.subtle, pair);
  const db = new KioskDb(storeName('rotation'), testDataKeys());
  codes += 1;
  const code = `ROTATION${String(codes).padStart(8, '0')}`;
  platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
  const enrolled = await enrolDevice(db, clientFor(platform), {
    hallCode: DEMO_HALL,
    window: 'A03',
    enrolmentCode: code,
    appVersion: '0.1.0',
    trustedKeys: [platform.server.trustedKey],
    signer,
  });
  if (!enrolled.ok) throw new Error(enrolled.error);
  await db.meta.put({ key: 'deviceKeys', value: pair });
  await saveSettings(db, { ...DEFAULT_SETTINGS, platformUrl: platform.url });
  const identity = enrolled.identity;
  await makeRecord({ name: db.name, db, signer, identity }, `${db.name}-before`);
  return { db, identity };
}

async function cryptoKeysStored(name: string): Promise<number> {
  const raw = new Dexie(name);
  await raw.open();
  const rows = await raw.table('meta').toArray();
  raw.close();
  return rows.filter(
    (row: { value: unknown }) =>
      typeof row.value === 'object' &&
      row.value !== null &&
      Object.values(row.value).some((v) => v instanceof CryptoKey),
  ).length;
}

describe('the rotation of a legacy device key', () => {
  it('is made by a sync: the key is sealed, the legacy key deleted, records before and after go through', async () => {
    const { db, identity } = await legacyDevice();
    // The signer the app holds from its start: the legacy key, until it is replaced.
    const appSigner = await deviceSigner(db);
    expect(await deviceKeyStatus(db)).toBe('legacy-unsealed');

    const deps = await deviceSyncDeps(db);
    if (!deps) throw new Error('no deps');
    const first = await runSync(deps, { steps: ['push'] });
    expect(first.errors).toEqual([]);
    expect(await deviceKeyStatus(db)).toBe('sealed');
    expect(await cryptoKeysStored(db.name)).toBe(0);
    const rotated = await loadDeviceIdentity(db);
    expect(rotated?.publicKey).not.toEqual(identity.publicKey);
    expect(rotated?.retiredKeys).toEqual([{ key: identity.publicKey, untilSeq: 1 }]);
    expect(rotated?.credentials).toBe(identity.credentials);

    // The page opened before the rotation signs with the new key now.
    expect(await appSigner.publicKeyInfo()).toEqual(rotated?.publicKey);
    if (!rotated) throw new Error('no identity');
    await makeRecord(
      { name: db.name, db, signer: appSigner, identity: rotated },
      `${db.name}-after`,
    );
    const second = await runSync(deps, { steps: ['push'] });
    expect(second.errors).toEqual([]);
    expect(second.push?.accepted).toBe(1);
    expect(platformEvents(platform, identity.deviceId).map((e) => e.seq)).toEqual([1, 2]);
    // The device's own check verifies seq 1 under the old key and seq 2 under the new.
    const check = await checkOwnChain({
      db,
      device: rotated,
      trusted: await loadTrustedKeys(db),
      verifiers,
    });
    expect(check).toEqual({ ok: true, checked: 2 });
    db.close();
  });

  it.each([
    ['lost-response', true],
    ['reset', false],
  ] as const)(
    'after a rotation whose answer is lost (%s), signs with the new key and has it approved before it pushes',
    async (fault, applied) => {
      const { db, identity } = await legacyDevice();
      const appSigner = await deviceSigner(db);
      const deps = await deviceSyncDeps(db);
      if (!deps) throw new Error('no deps');
      platform.server.setFaults({
        seed: 1,
        schedule: { '1': fault },
        exchanges: ['rotate-key'],
      });
      const lost = await runSync(deps, { steps: ['push'], retry: { maxAttempts: 1 } });
      platform.server.setFaults(null);
      expect(lost.ok).toBe(false);
      expect(await deviceKeyStatus(db)).toBe('rotating');
      // No offline file is signed with a key the platform may not know yet.
      expect(
        await exportPendingBundles({
          db,
          signer: appSigner,
          device: identity,
          now: () => new Date(),
        }),
      ).toEqual({ ok: false, error: 'rotation-pending' });
      // Whether the platform switched or never saw it, the device signs with the new key now.
      const platformKey = platform.server.admin.db
        .prepare<[string], { public_key: string }>(
          'SELECT public_key FROM devices WHERE device_id = ?',
        )
        .get(identity.deviceId)?.public_key;
      expect(platformKey === identity.publicKey.publicKey).toBe(!applied);
      expect((await appSigner.publicKeyInfo()).publicKey).not.toBe(identity.publicKey.publicKey);
      await makeRecord({ name: db.name, db, signer: appSigner, identity }, `${db.name}-pending`);
      // Its own chain check knows the pending key.
      expect(
        (
          await checkOwnChain({
            db,
            device: identity,
            trusted: await loadTrustedKeys(db),
            verifiers,
          })
        ).ok,
      ).toBe(true);

      const again = await runSync(deps, { steps: ['push'] });
      expect(again.errors).toEqual([]);
      expect(again.push?.accepted).toBe(1);
      expect(await deviceKeyStatus(db)).toBe('sealed');
      expect(platformEvents(platform, identity.deviceId).map((e) => e.seq)).toEqual([1, 2]);
      db.close();
    },
  );
});

describe('offline files exported before a rotation', () => {
  it('are named void after it, refused by the platform, and the notice ends with the export again', async () => {
    const { db, identity } = await legacyDevice();
    const appSigner = await deviceSigner(db);
    const deps = { db, signer: appSigner, device: identity, now: () => new Date() };
    const before = await exportPendingBundles(deps);
    if (!before.ok) throw new Error(before.error);
    await noteBundlesSaved(db, before, new Date('2026-03-16T02:00:00Z'));
    expect(await staleBundleExport(db)).toBeNull();

    // Back online: the push takes the record and the key is rotated.
    const sync = await deviceSyncDeps(db);
    if (!sync) throw new Error('no deps');
    expect((await runSync(sync, { steps: ['push'] })).errors).toEqual([]);
    expect(await deviceKeyStatus(db)).toBe('sealed');
    expect(await staleBundleExport(db)).toMatchObject({ fromSeq: 1, toSeq: 1, files: 1 });
    // The platform checks a bundle under the device's current key: the old file is refused.
    const old = await platform.server.admin.importBundle(
      before.files[0]?.bytes ?? new Uint8Array(),
    );
    expect(old.status).toBe(401);

    // Exported again with nothing waiting: the old files carried nothing the platform lacks.
    expect(await exportPendingBundles(deps)).toEqual({ ok: false, error: 'no-pending' });
    await forgetBundleExport(db);
    expect(await staleBundleExport(db)).toBeNull();

    // A record made since goes into a new file under the new key, which the platform takes.
    const rotated = await loadDeviceIdentity(db);
    if (!rotated) throw new Error('no identity');
    await makeRecord(
      { name: db.name, db, signer: appSigner, identity: rotated },
      `${db.name}-after`,
    );
    const again = await exportPendingBundles({ ...deps, device: rotated });
    if (!again.ok) throw new Error(again.error);
    expect(again.signedBy).toBe(rotated.publicKey.publicKey);
    await noteBundlesSaved(db, again, new Date());
    expect(await staleBundleExport(db)).toBeNull();
    expect(
      (await platform.server.admin.importBundle(again.files[0]?.bytes ?? new Uint8Array())).status,
    ).toBe(200);
    expect(platformEvents(platform, identity.deviceId).map((e) => e.seq)).toEqual([1, 2]);
    db.close();
  });
});
