import { canonicalBytes } from '../../shared/crypto/canonical';
import { createWebCryptoSigner } from '../../shared/crypto/webcrypto-signer';
import { keyRotationApprovalContent, keyRotationContent } from '../../shared/platform/key-rotation';
import type { KeyRotation, KeyRotationResponse } from '../../shared/platform/key-rotation';
import { chinaInstant } from '../../shared/time';
import { newSealedDeviceKey } from '../device/device-key';
import { deviceKeyStatus, loadDeviceIdentity, saveDeviceIdentity } from '../device/identity';
import type { DeviceIdentity } from '../device/identity';
import { logProblem } from '../host/problem-log';
import { checkDeviceCertificate } from '../pki/device-certificate';
import { provisionedRootCertificates } from '../platform/provisioned-roots';
import { verifyPlatformSignature } from '../platform/trust';
import { withChainLock } from '../store/chain-lock';
import type { KioskDb } from '../store/db';
import { readHead } from '../store/event-log';
import { deleteMeta, readMeta, writeMeta } from '../store/meta';
import type { MetaValue } from '../store/meta';
import type { PhaseContext, PhaseResult } from './context';

/**
 * The device's side of a key rotation (shared/platform/key-rotation.ts): a device whose legacy key
 * could not be sealed (device/device-key.ts, 'legacy-unsealed') replaces it with a sealed one.
 *
 * Run by the sync engine right after a push, not from a supervisor's button: the key is a flaw
 * the device can mend by itself, unattended kiosks have nobody to press a button, and only the
 * engine knows when the platform holds the whole chain (nothing pending), which the rotation's
 * head must be. The exchange is small and the engine already holds the one-sync-at-a-time lock.
 *
 * Order matters, since a chain signed by two keys must switch at exactly one seq on both sides.
 * Under the chain lock the device stores the rotation as pending (the new key sealed, the request
 * signed by both keys, bound to the head); from that moment it signs every new event with the new
 * key (device-key.ts), and its own chain check expects that (device/chain-device.ts). The engine
 * then pushes nothing until the platform has approved the rotation: sent again unchanged after a
 * lost answer, it gets the same approval. On approval the sealed key becomes the device key, the
 * legacy key is deleted and the identity names the new key, the old one retired at the head.
 * Once a valid approval is in hand the device always switches, even when the new certificate does
 * not check (it then keeps none and signs no PDF): the platform has switched already.
 */

export type RotationState = 'not-needed' | 'waiting' | 'rotated';

type Pending = MetaValue<'deviceKeyRotation'>;

/** Sync error kinds of a rotation (translated under hardening.keyRotation.errors). */
export const KEY_ROTATION_ERRORS = [
  'key-rotation-refused',
  'key-rotation-bad-approval',
  'key-rotation-pending',
] as const;

function samePublicKey(a: KeyRotation['newKey'], b: KeyRotation['newKey']): boolean {
  return a.algorithm === b.algorithm && a.publicKey === b.publicKey;
}

/** Makes and stores the rotation under the chain lock; null when it cannot start now. */
async function startRotation(
  db: KioskDb,
  device: DeviceIdentity,
  now: Date,
): Promise<Pending | null> {
  return withChainLock(async () => {
    const [legacy, already, pending] = await Promise.all([
      readMeta(db, 'deviceKeys'),
      readMeta(db, 'deviceKeyRotation'),
      db.outbox.where('state').equals('pending').count(),
    ]);
    if (already) return already;
    // The head must be the platform's: everything the old key signed is there already.
    if (!legacy || pending > 0) return null;
    const head = await readHead(db);
    const { sealed, signer } = await newSealedDeviceKey(db);
    const rotation: KeyRotation = {
      deviceId: device.deviceId,
      rotationId: crypto.randomUUID(),
      at: chinaInstant(now),
      oldKey: device.publicKey,
      newKey: sealed.publicKey,
      head: { seq: head.seq, hash: head.hash },
    };
    const content = canonicalBytes(keyRotationContent(rotation));
    const [oldKeySig, newKeySig] = await Promise.all([
      createWebCryptoSigner(crypto.subtle, legacy).sign(content),
      signer.sign(content),
    ]);
    const made: Pending = { rotation, oldKeySig, newKeySig, newKey: sealed };
    await writeMeta(db, 'deviceKeyRotation', made);
    return made;
  });
}

/** A refused rotation is dropped when no event was signed with its key yet; else it is kept. */
async function dropIfUnused(db: KioskDb, pending: Pending): Promise<void> {
  await withChainLock(async () => {
    const head = await readHead(db);
    if (head.seq === pending.rotation.head.seq && head.hash === pending.rotation.head.hash)
      await deleteMeta(db, 'deviceKeyRotation');
  });
}

async function approvalHolds(
  ctx: PhaseContext,
  pending: Pending,
  answer: KeyRotationResponse,
): Promise<boolean> {
  const { approval, platformSig } = answer;
  const { rotation } = pending;
  const matches =
    approval.rotationId === rotation.rotationId &&
    approval.deviceId === rotation.deviceId &&
    approval.afterSeq === rotation.head.seq &&
    samePublicKey(approval.newKey, rotation.newKey);
  return (
    matches &&
    (await verifyPlatformSignature(
      keyRotationApprovalContent(approval),
      platformSig,
      ctx.trusted,
      ctx.verifiers,
    ))
  );
}

/** The certificate for the new key when it checks against the installation's roots. */
async function checkedCertificate(
  ctx: PhaseContext,
  pending: Pending,
  answer: KeyRotationResponse,
  roots: readonly string[],
): Promise<string | undefined> {
  const certificate = answer.deviceCertificate;
  if (certificate === undefined || roots.length === 0) return undefined;
  const check = await checkDeviceCertificate(
    certificate,
    { deviceId: pending.rotation.deviceId, publicKey: pending.rotation.newKey },
    roots,
    ctx.now(),
  );
  if (check.ok) return certificate;
  logProblem('warn', 'key-rotation.certificate', check.problem);
  return undefined;
}

async function switchKeys(
  db: KioskDb,
  device: DeviceIdentity,
  pending: Pending,
  certificate: string | undefined,
): Promise<void> {
  const { rotation } = pending;
  const next: DeviceIdentity = {
    ...device,
    publicKey: rotation.newKey,
    retiredKeys: [
      ...(device.retiredKeys ?? []),
      { key: rotation.oldKey, untilSeq: rotation.head.seq },
    ],
  };
  // The old certificate names the old key: it goes, replaced by the new one when it checked.
  if (certificate === undefined) delete next.certificate;
  else next.certificate = certificate;
  await db.transaction('rw', db.meta, async () => {
    await writeMeta(db, 'deviceKey', pending.newKey);
    await deleteMeta(db, 'deviceKeys');
    await deleteMeta(db, 'deviceKeyRotation');
    await saveDeviceIdentity(db, next);
  });
}

export interface RotationOptions {
  /** The device-CA roots the new certificate is checked against; default: the installation's. */
  readonly trustedRoots?: readonly string[];
}

/**
 * Starts or finishes the rotation of a legacy key: 'not-needed' for a sealed key (or nothing to
 * do yet: events still pending), 'rotated' once approved and switched. An error leaves a sent
 * rotation pending (the next run sends it again) and the engine pushes nothing meanwhile.
 */
export async function rotateLegacyKey(
  ctx: PhaseContext,
  options: RotationOptions = {},
): Promise<PhaseResult<RotationState>> {
  const { db } = ctx;
  const status = await deviceKeyStatus(db);
  if (status !== 'legacy-unsealed' && status !== 'rotating')
    return { ok: true, value: 'not-needed' };
  const device = await loadDeviceIdentity(db);
  if (!device || device.demo) return { ok: false, error: { kind: 'not-enrolled' } };
  const pending = await startRotation(db, device, ctx.now());
  if (!pending) return { ok: true, value: 'waiting' };
  if (pending.rotation.oldKey.publicKey !== device.publicKey.publicKey)
    return { ok: false, error: { kind: 'key-rotation-refused' } };
  const answer = await ctx.client.rotateKey(
    { rotation: pending.rotation, oldKeySig: pending.oldKeySig, newKeySig: pending.newKeySig },
    ctx.signal ? { signal: ctx.signal } : {},
  );
  if (!answer.ok) {
    if (answer.failure.kind === 'http' && answer.failure.code === 'malformed') {
      logProblem('warn', 'key-rotation.refused', answer.failure.issues);
      await dropIfUnused(db, pending);
      return { ok: false, error: { kind: 'key-rotation-refused' } };
    }
    return { ok: false, error: { kind: 'platform', failure: answer.failure } };
  }
  if (!(await approvalHolds(ctx, pending, answer.value)))
    return { ok: false, error: { kind: 'key-rotation-bad-approval' } };
  const certificate = await checkedCertificate(
    ctx,
    pending,
    answer.value,
    options.trustedRoots ?? provisionedRootCertificates(),
  );
  await switchKeys(db, device, pending, certificate);
  return { ok: true, value: 'rotated' };
}

/** Whether a rotation is sent and not yet approved: the engine pushes nothing until it is. */
export async function rotationPending(db: KioskDb): Promise<boolean> {
  return (await readMeta(db, 'deviceKeyRotation')) !== undefined;
}
