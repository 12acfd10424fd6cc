import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../shared/crypto/canonical';
import type { Signer } from '../../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../shared/crypto/webcrypto-signer';
import { verifyChain } from '../../../shared/events/chain';
import { sealEvent } from '../../../shared/events/envelope';
import type { EventEnvelope } from '../../../shared/events/envelope';
import {
  keyRotationApprovalContent,
  keyRotationContent,
} from '../../../shared/platform/key-rotation';
import type { KeyRotation, KeyRotationResponse } from '../../../shared/platform/key-rotation';
import type { PushResponse } from '../../../shared/platform/push';
import { chainDeviceOf } from '../../platform/device-keys';
import { deviceById } from '../../platform/context';
import { TestDevice, V, call, startPlatform, verifiers } from './helpers';
import type { TestPlatform } from './helpers';

/**
 * The key rotation exchange (shared/platform/key-rotation.ts) at the reference platform: only the
 * device's current key can move it to another, a replay changes nothing, and after the rotation
 * the events before its head verify under the old key and the ones after it only under the new.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

const newSigner = async (): Promise<Signer> =>
  createWebCryptoSigner(crypto.subtle, await generateWebCryptoKeyPair(crypto.subtle));

/** The next event of the device's chain, signed by `signer` (TestDevice.seal uses its own key). */
async function sealWith(device: TestDevice, signer: Signer, recordId: string) {
  const result = await sealEvent(
    {
      deviceId: device.deviceId,
      recordId,
      type: 'record.signed',
      at: '2026-03-15T09:30:00+08:00',
      actor: { kind: 'applicant' },
      payload: device.signedPayload(device.events.length + 1),
    },
    device.head,
    signer,
  );
  if (!result.ok) throw new Error(result.error);
  device.head = { seq: result.event.seq, hash: result.event.hash };
  device.events.push(result.event);
  return result.event;
}

async function push(device: TestDevice, events: readonly EventEnvelope[]) {
  const reply = await call(platform, 'push', device.batch(events), device.token);
  expect(reply.status).toBe(200);
  return (reply.json as PushResponse).verdicts;
}

async function rotationBody(
  device: TestDevice,
  oldSigner: Signer,
  next: Signer,
  options: { signOld?: Signer; signNew?: Signer; rotationId?: string } = {},
) {
  const rotation: KeyRotation = {
    deviceId: device.deviceId,
    rotationId: options.rotationId ?? crypto.randomUUID(),
    at: '2026-03-15T10:00:00+08:00',
    oldKey: await oldSigner.publicKeyInfo(),
    newKey: await next.publicKeyInfo(),
    head: device.head ?? { seq: 0, hash: '0'.repeat(64) },
  };
  const content = canonicalBytes(keyRotationContent(rotation));
  return {
    interfaceVersion: V,
    deviceId: device.deviceId,
    rotation,
    oldKeySig: await (options.signOld ?? oldSigner).sign(content),
    newKeySig: await (options.signNew ?? next).sign(content),
  };
}

function issueCodes(json: unknown): string[] {
  const issues = (json as { error?: { issues?: { code: string }[] } }).error?.issues ?? [];
  return issues.map((i) => i.code);
}

describe('a device key rotation at the platform', () => {
  it('moves the device to the new key: older events verify under the old key, later ones only under the new', async () => {
    const device = await TestDevice.enrolNew(platform);
    const before = [await device.signRecord('rot-a'), await device.signRecord('rot-b')];
    expect((await push(device, before)).map((v) => v.verdict)).toEqual(['accepted', 'accepted']);

    const next = await newSigner();
    const reply = await call(
      platform,
      'rotate-key',
      await rotationBody(device, device.signer, next),
      device.token,
    );
    expect(reply.status).toBe(200);
    const answer = reply.json as KeyRotationResponse;
    expect(answer.approval.afterSeq).toBe(2);
    expect(answer.approval.newKey).toEqual(await next.publicKeyInfo());
    const { verifierFor } = verifiers;
    const platformKey = platform.server.trustedKey.key;
    expect(
      await verifierFor(platformKey.algorithm).verify(
        platformKey,
        canonicalBytes(keyRotationApprovalContent(answer.approval)),
        answer.platformSig.value,
      ),
    ).toBe(true);
    // A new certificate, for the new key.
    expect(answer.deviceCertificate).toBeDefined();

    // After the head, the old key's signature no longer counts; the new key's does.
    const forged = await sealWith(device, device.signer, 'rot-old-key');
    expect((await push(device, [forged]))[0]).toMatchObject({
      verdict: 'rejected',
      code: 'bad-signature',
    });
    device.events.pop();
    device.head = { seq: 2, hash: before[1]?.hash ?? '' };
    const after = await sealWith(device, next, 'rot-c');
    expect((await push(device, [after]))[0]?.verdict).toBe('accepted');
    // The events before the rotation still verify: sent again, they are duplicates, not forks.
    expect((await push(device, before)).map((v) => v.verdict)).toEqual(['duplicate', 'duplicate']);
    // The whole chain as the platform holds it verifies seq by seq under the right key.
    const row = deviceById(platform.server.admin.db, device.deviceId);
    if (!row) throw new Error('no device');
    const verdict = await verifyChain(
      [...before, after],
      chainDeviceOf(platform.server.admin.db, row),
      verifiers,
    );
    expect(verdict.ok).toBe(true);
  });

  it('refuses a rotation signed with a key that is not the device key, and stores nothing', async () => {
    const device = await TestDevice.enrolNew(platform);
    await push(device, [await device.signRecord('wrong-a')]);
    const stranger = await newSigner();
    const next = await newSigner();
    const digest = platform.server.admin.digest();

    // Signed by another key while naming the device's key.
    const forged = await call(
      platform,
      'rotate-key',
      await rotationBody(device, device.signer, next, { signOld: stranger }),
      device.token,
    );
    expect(forged.status).toBe(400);
    expect(issueCodes(forged.json)).toEqual(['bad-signature']);
    // Naming and signed by another key.
    const other = await call(
      platform,
      'rotate-key',
      await rotationBody(device, stranger, next),
      device.token,
    );
    expect(issueCodes(other.json)).toEqual(['not-current-key']);
    // The new key must sign too: a key the device does not hold is not taken.
    const unheld = await call(
      platform,
      'rotate-key',
      await rotationBody(device, device.signer, next, { signNew: stranger }),
      device.token,
    );
    expect(issueCodes(unheld.json)).toEqual(['bad-signature']);
    // Another device's token cannot rotate this one.
    const thief = await TestDevice.enrolNew(platform);
    const digestWithThief = platform.server.admin.digest();
    const borrowed = await call(
      platform,
      'rotate-key',
      await rotationBody(device, device.signer, next),
      thief.token,
    );
    expect(borrowed.status).toBe(401);
    expect(platform.server.admin.digest()).toBe(digestWithThief);
    expect(digest).not.toBe(digestWithThief);
    // A head that is not the one the platform holds (an event not yet pushed).
    await device.signRecord('wrong-unpushed');
    const ahead = await call(
      platform,
      'rotate-key',
      await rotationBody(device, device.signer, next),
      device.token,
    );
    expect(issueCodes(ahead.json)).toEqual(['not-platform-head']);
    expect(platform.server.admin.digest()).toBe(digestWithThief);
  });

  it('answers the latest rotation sent again with the same approval, and refuses a replayed older one', async () => {
    const device = await TestDevice.enrolNew(platform);
    await push(device, [await device.signRecord('replay-a')]);
    const second = await newSigner();
    const first = await rotationBody(device, device.signer, second);
    const approved = await call(platform, 'rotate-key', first, device.token);
    expect(approved.status).toBe(200);
    const digest = platform.server.admin.digest();

    // The answer was lost: the same request gets the same approval, and nothing changes.
    const again = await call(platform, 'rotate-key', first, device.token);
    expect(again.status).toBe(200);
    expect(again.text).toBe(approved.text);
    expect(platform.server.admin.digest()).toBe(digest);

    // The old key signing a fresh rotation after it was replaced: refused.
    const stale = await call(
      platform,
      'rotate-key',
      await rotationBody(device, device.signer, await newSigner()),
      device.token,
    );
    expect(issueCodes(stale.json)).toEqual(['not-current-key']);

    // A second rotation, then the first one replayed: refused, nothing changes.
    const third = await newSigner();
    const next = await call(
      platform,
      'rotate-key',
      await rotationBody(device, second, third),
      device.token,
    );
    expect(next.status).toBe(200);
    const digestAfter = platform.server.admin.digest();
    const replayed = await call(platform, 'rotate-key', first, device.token);
    expect(replayed.status).toBe(400);
    expect(issueCodes(replayed.json)).toEqual(['replayed']);
    // Back to a key it had: refused too.
    const back = await call(
      platform,
      'rotate-key',
      await rotationBody(device, third, second),
      device.token,
    );
    expect(issueCodes(back.json)).toEqual(['key-reused']);
    expect(platform.server.admin.digest()).toBe(digestAfter);
    const row = deviceById(platform.server.admin.db, device.deviceId);
    expect(row?.public_key).toBe((await third.publicKeyInfo()).publicKey);
  });
});
