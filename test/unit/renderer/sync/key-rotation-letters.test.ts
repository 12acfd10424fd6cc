import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiers } from '../../../../shared/crypto/providers';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import {
  deviceKeyStatus,
  deviceSigner,
  loadDeviceIdentity,
  saveDeviceIdentity,
} from '../../../../renderer/device/identity';
import type { DeviceIdentity } from '../../../../renderer/device/identity';
import { letterSigning } from '../../../../renderer/device/letter-signing';
import type { LetterSigning } from '../../../../renderer/device/letter-signing';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import { checkLetterSignatures } from '../../../../renderer/pki/letter-signatures';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import { saveSettings, DEFAULT_SETTINGS } from '../../../../renderer/settings/hall-settings';
import { letterBlobKey } from '../../../../renderer/store/blob-keys';
import { KioskDb } from '../../../../renderer/store/db';
import { deviceSyncDeps } from '../../../../renderer/sync/deps';
import { runSync } from '../../../../renderer/sync/engine';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { DEMO_HALL } from '../../../platform/seed';
import { testDataKeys } from '../../../support/data-keys';
import { ROOT_PEM_PATH } from '../../../support/signing-device';
import { startPlatform, type TestPlatform } from '../../platform/helpers';
import { companyLetter, inputFor } from '../pdf/letters';
import { clientFor, makeRecord, storeName } from './harness';

/**
 * Letters during and after a device key rotation (sync/key-rotation.ts, device/letter-signing.ts).
 * From the moment a rotation is pending the device signs its events with the new key, but the
 * platform certifies that key only in its approval. A letter signed meanwhile (an approval lost on
 * the way) is signed with the old key under the old certificate: it verifies under the shipped
 * root, and the platform takes the record and its letter once the rotation is approved. After the
 * approval, letters are signed with the new key under the new certificate. The platform runs with
 * the demo key, so its device CA chains to the shipped root.
 */

const ROOTS = [readFileSync(ROOT_PEM_PATH, 'utf8')];
const verifiers = createVerifiers(webcrypto.subtle);

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform({ keys: demoKeyMaterial() });
});
afterAll(() => platform.stop());

/** A device as a version before sealing left it: a legacy key pair in clear, enrolled, certified. */
async function legacyDevice(): Promise<{ db: KioskDb; identity: DeviceIdentity }> {
  const pair = await generateWebCryptoKeyPair(crypto.subtle, { extractable: false });
  const signer = createWebCryptoSigner(crypto.subtle, pair);
  const db = new KioskDb(storeName('rotation-letters'), testDataKeys());
  const code = `ROTLETTER${String(Date.now()).slice(-7)}`;
  platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
  const enrolled = await enrolDevice(db, clientFor(platform), {
    hallCode: DEMO_HALL,
    window: 'A04',
    enrolmentCode: code,
    appVersion: '0.1.0',
    trustedKeys: [platform.server.trustedKey],
    trustedRoots: ROOTS,
    signer,
  });
  if (!enrolled.ok) throw new Error(enrolled.error);
  await db.meta.put({ key: 'deviceKeys', value: pair });
  await saveSettings(db, { ...DEFAULT_SETTINGS, platformUrl: platform.url });
  return { db, identity: enrolled.identity };
}

/** A letter signed as the app signs one, and what the console's verifier finds in it. */
async function signedLetter(signing: LetterSigning) {
  const base = inputFor(companyLetter('zh-CN'));
  const pdf = await buildSignedCommitmentPdf(
    inputFor(companyLetter('zh-CN'), {
      record: { ...base.record, signedAt: new Date().toISOString() },
    }),
    {
      signer: signing.signer,
      certificate: Buffer.from(signing.certificate, 'base64'),
      reason: '本设备确认申请人在此签署本承诺书',
    },
  );
  const facts = await checkLetterSignatures(pdf, ROOTS, verifiers, new Date());
  return { pdf, cades: facts.cades[0] };
}

function heldEvidence(recordId: string): string[] {
  return platform.server.admin.db
    .prepare<[string], { kind: string }>('SELECT kind FROM evidence WHERE record_id = ?')
    .all(recordId)
    .map((r) => r.kind);
}

describe('letters across a key rotation', () => {
  it('signs with the certified old key while the rotation is pending, and with the new key once it is approved', async () => {
    const { db, identity } = await legacyDevice();
    expect(identity.certificate).toBeDefined();
    const appSigner = await deviceSigner(db);
    const deps = await deviceSyncDeps(db);
    if (!deps) throw new Error('no deps');
    await makeRecord({ name: db.name, db, signer: appSigner, identity }, `${db.name}-before`);

    // The platform switches, but its answer is lost: the device is left with a pending rotation.
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'lost-response' },
      exchanges: ['rotate-key'],
    });
    const lost = await runSync(deps, { steps: ['push'], retry: { maxAttempts: 1 } });
    platform.server.setFaults(null);
    expect(lost.ok).toBe(false);
    expect(await deviceKeyStatus(db)).toBe('rotating');
    const pendingKey = await appSigner.publicKeyInfo();
    expect(pendingKey.publicKey).not.toBe(identity.publicKey.publicKey);

    // The letter of a record signed now: the old key, under the certificate that names it, never
    // the pending key, whose certificate the device has not got.
    const during = await letterSigning(db);
    if (!during) throw new Error('no letter signing while pending');
    expect(await during.signer.publicKeyInfo()).toEqual(identity.publicKey);
    expect(during.certificate).toBe(identity.certificate);
    const recordId = `${db.name}-pending`;
    expect(
      await makeRecord({ name: db.name, db, signer: appSigner, identity }, recordId),
    ).toMatchObject({ ok: true });
    const letter = await signedLetter(during);
    expect(letter.cades).toMatchObject({
      digestMatches: true,
      signatureHolds: true,
      trusted: true,
      deviceId: identity.deviceId,
    });
    await db.blobs.put({
      key: letterBlobKey(recordId),
      mimeType: 'application/pdf',
      data: letter.pdf,
    });

    // The next sync has the rotation approved, then pushes the record and its letter: the
    // platform takes both.
    const again = await runSync(deps, { steps: ['push', 'evidence'] });
    expect(again.errors).toEqual([]);
    expect(again.push?.accepted).toBe(1);
    expect(await deviceKeyStatus(db)).toBe('sealed');
    expect(heldEvidence(recordId)).toContain('letter');

    // From now on, letters are signed with the new key under the new certificate.
    const rotated = await loadDeviceIdentity(db);
    expect(rotated?.publicKey).toEqual(pendingKey);
    expect(rotated?.certificate).toBeDefined();
    expect(rotated?.certificate).not.toBe(identity.certificate);
    const after = await letterSigning(db);
    if (!after) throw new Error('no letter signing after the rotation');
    expect(await after.signer.publicKeyInfo()).toEqual(pendingKey);
    expect((await signedLetter(after)).cades).toMatchObject({
      signatureHolds: true,
      trusted: true,
      deviceId: identity.deviceId,
    });
    db.close();
  }, 60_000);

  it('signs no letter with a key whose certificate it does not hold', async () => {
    const { db, identity } = await legacyDevice();
    // An approval whose certificate did not check leaves the device without one (key-rotation.ts).
    const uncertified: DeviceIdentity = { ...identity };
    delete uncertified.certificate;
    await saveDeviceIdentity(db, uncertified);
    expect(await letterSigning(db)).toBeNull();
    // A certificate naming another key than the device's is not used either.
    const other = await legacyDevice();
    await saveDeviceIdentity(db, { ...identity, certificate: other.identity.certificate });
    expect(await letterSigning(db)).toBeNull();
    db.close();
    other.db.close();
  }, 60_000);
});
