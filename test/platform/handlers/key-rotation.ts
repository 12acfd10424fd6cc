import { canonicalBytes, contentHash } from '../../../shared/crypto/canonical';
import type { CanonicalJson } from '../../../shared/crypto/canonical';
import type { PublicKeyInfo, SignatureAlgorithm } from '../../../shared/crypto/signing';
import type { EnrolResponseSchema } from '../../../shared/platform/enrol';
import {
  keyRotationApprovalContent,
  keyRotationContent,
} from '../../../shared/platform/key-rotation';
import type {
  KeyRotationApproval,
  KeyRotationRequest,
  KeyRotationResponse,
} from '../../../shared/platform/key-rotation';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { chinaInstant } from '../../../shared/time';
import type { z } from 'zod';
import { deviceById, ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';
import type { Db } from '../db';
import { retiredKeys } from '../device-keys';
import { overDeclaredLosses } from './declare-loss';
import { isUsableKey } from './enrol';

/**
 * A device key rotation (shared/platform/key-rotation.ts), judged under the device's push lock so
 * that its chain head cannot move meanwhile. The old key must be the device's key now and sign the
 * rotation, the new key must be usable, new to the device and sign it too, and the rotation's
 * head must be the head the platform holds. Then, in one transaction: the rotation is recorded,
 * the device's key replaced and its certificate re-issued for the new key. The latest rotation
 * sent again unchanged gets its stored answer; any other rotation naming a key the device no
 * longer has is refused, and nothing is written.
 */

interface StoredRotation {
  readonly id: number;
  readonly device_id: string;
  readonly request_hash: string;
  readonly response: string;
}

function refusal(path: string, code: string): Answer {
  return refuse('malformed', [{ path, code }]);
}

function keyOf(device: DeviceRow): PublicKeyInfo {
  return { algorithm: device.key_alg as SignatureAlgorithm, publicKey: device.public_key };
}

function sameKey(a: PublicKeyInfo, b: PublicKeyInfo): boolean {
  return a.algorithm === b.algorithm && a.publicKey === b.publicKey;
}

async function signedBy(
  ctx: PlatformContext,
  key: PublicKeyInfo,
  content: CanonicalJson,
  signature: string,
): Promise<boolean> {
  return ctx.verifiers
    .verifierFor(key.algorithm)
    .verify(key, canonicalBytes(content), signature)
    .catch(() => false);
}

function latestRotationId(db: Db, deviceId: string): number | null {
  return (
    db
      .prepare<[string], { id: number }>(
        'SELECT id FROM key_rotations WHERE device_id = ? ORDER BY id DESC LIMIT 1',
      )
      .get(deviceId)?.id ?? null
  );
}

export function rotateKey(
  ctx: PlatformContext,
  request: KeyRotationRequest,
  raw: CanonicalJson,
  authorised: DeviceRow,
): Promise<Answer> {
  return ctx.locks.run(authorised.device_id, () =>
    judge(ctx, request, contentHash(raw), authorised.device_id),
  );
}

async function judge(
  ctx: PlatformContext,
  request: KeyRotationRequest,
  requestHash: string,
  deviceId: string,
): Promise<Answer> {
  const db = ctx.db;
  const device = deviceById(db, deviceId);
  if (!device) return refuse('unknown-device');
  const { rotation } = request;

  const stored = db
    .prepare<[string], StoredRotation>(
      'SELECT id, device_id, request_hash, response FROM key_rotations WHERE rotation_id = ?',
    )
    .get(rotation.rotationId);
  if (stored) {
    // A lost answer: the device's latest rotation, byte for byte, gets it again. Anything else
    // under a known rotation id is a replay.
    const resend =
      stored.device_id === deviceId &&
      stored.request_hash === requestHash &&
      latestRotationId(db, deviceId) === stored.id;
    return resend ? ok(JSON.parse(stored.response)) : refusal('rotation.rotationId', 'replayed');
  }

  const current = keyOf(device);
  if (!sameKey(rotation.oldKey, current)) return refusal('rotation.oldKey', 'not-current-key');
  const content = keyRotationContent(rotation);
  if (!(await signedBy(ctx, current, content, request.oldKeySig)))
    return refusal('oldKeySig', 'bad-signature');
  const used = [current, ...retiredKeys(db, deviceId).map((r) => r.key)];
  if (used.some((k) => k.publicKey === rotation.newKey.publicKey))
    return refusal('rotation.newKey', 'key-reused');
  if (!(await isUsableKey(rotation.newKey))) return refusal('rotation.newKey', 'bad-key');
  if (!(await signedBy(ctx, rotation.newKey, content, request.newKeySig)))
    return refusal('newKeySig', 'bad-signature');
  const head = overDeclaredLosses(db, deviceId, { seq: device.head_seq, hash: device.head_hash });
  if (rotation.head.seq !== head.seq || rotation.head.hash !== head.hash)
    return refusal('rotation.head', 'not-platform-head');

  const hall = db
    .prepare<[string], { organ: string }>('SELECT organ FROM halls WHERE hall_code = ?')
    .get(device.hall_code);
  const organ = JSON.parse(hall?.organ ?? 'null') as z.input<
    typeof EnrolResponseSchema
  >['acceptingOrgan'];
  // Signed outside the transaction (better-sqlite3's are synchronous), stored inside it.
  const certificate = await ctx.ca.issue({
    deviceId,
    hallCode: device.hall_code,
    organ: organ.name['zh-CN'],
    publicKey: rotation.newKey,
  });
  const approval: KeyRotationApproval = {
    rotationId: rotation.rotationId,
    deviceId,
    afterSeq: rotation.head.seq,
    newKey: rotation.newKey,
    approvedAt: chinaInstant(ctx.now()),
  };
  const response: KeyRotationResponse = {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    approval,
    platformSig: await ctx.keys.sign(keyRotationApprovalContent(approval)),
    ...(certificate === null ? {} : { deviceCertificate: certificate }),
  };
  db.transaction(() => {
    db.prepare(
      `INSERT INTO key_rotations (device_id, rotation_id, after_seq, old_alg, old_key, new_alg,
         new_key, request_hash, response, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      deviceId,
      rotation.rotationId,
      rotation.head.seq,
      current.algorithm,
      current.publicKey,
      rotation.newKey.algorithm,
      rotation.newKey.publicKey,
      requestHash,
      JSON.stringify(response),
      approval.approvedAt,
    );
    db.prepare('UPDATE devices SET key_alg = ?, public_key = ? WHERE device_id = ?').run(
      rotation.newKey.algorithm,
      rotation.newKey.publicKey,
      deviceId,
    );
    ctx.ca.store(db, deviceId, certificate);
  })();
  return ok(response);
}
