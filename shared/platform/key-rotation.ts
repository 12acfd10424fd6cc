import { z } from 'zod';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import type { CanonicalJson } from '../crypto/canonical';
import { Base64urlSchema, PublicKeyInfoSchema } from '../crypto/schemas';
import { DeviceIdSchema } from '../events/envelope';
import { DigestSchema, InstantSchema } from '../model';
import { CertificateDerSchema } from './enrol';
import { InterfaceVersionSchema } from './version';

/**
 * Device key rotation (issue 17). A device enrolled before its key was sealed may hold a key that
 * cannot be exported, so it cannot be sealed; it is replaced instead. The device makes a new key
 * (sealed under the data key like a new device's), and signs a rotation that binds the old key,
 * the new key, its device id and its chain head: with the old key (only the key the platform
 * knows can move the device to another) and with the new key (proof that the device holds it).
 * The platform checks both, requires the head to be the one it holds (nothing of the device's in
 * flight), re-issues the device certificate for the new key and records the rotation: from then
 * on events after the head verify only under the new key, and the events up to it stay valid
 * under the old one. Sent again unchanged (a lost answer), the latest rotation gets the same
 * approval; any older rotation, or one whose old key is no longer the device's, is refused.
 */

/** Both key fields: the algorithm and the key, as enrolment sends a key. */
export const KeyRotationSchema = z
  .object({
    deviceId: DeviceIdSchema,
    rotationId: z.uuid(),
    at: InstantSchema,
    oldKey: PublicKeyInfoSchema,
    newKey: PublicKeyInfoSchema,
    /** The device's chain head: its last event is the last the old key signs. */
    head: z
      .object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), hash: DigestSchema })
      .strict(),
  })
  .strict()
  .refine((r) => r.oldKey.publicKey !== r.newKey.publicKey, {
    message: 'same-key',
    path: ['newKey'],
  });
export type KeyRotation = z.infer<typeof KeyRotationSchema>;

export const KeyRotationRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    rotation: KeyRotationSchema,
    /** The old key's signature (base64url) over keyRotationContent(rotation). */
    oldKeySig: Base64urlSchema.min(1).max(512),
    /** The new key's signature over the same content: the device holds the key it names. */
    newKeySig: Base64urlSchema.min(1).max(512),
  })
  .strict()
  .refine((r) => r.rotation.deviceId === r.deviceId, {
    message: 'foreign-device',
    path: ['rotation', 'deviceId'],
  });
export type KeyRotationRequest = z.infer<typeof KeyRotationRequestSchema>;

export const KeyRotationApprovalSchema = z
  .object({
    rotationId: z.uuid(),
    deviceId: DeviceIdSchema,
    /** Events up to this seq verify under the old key, the ones after it under the new key. */
    afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    newKey: PublicKeyInfoSchema,
    approvedAt: InstantSchema,
  })
  .strict();
export type KeyRotationApproval = z.infer<typeof KeyRotationApprovalSchema>;

export const KeyRotationResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    approval: KeyRotationApprovalSchema,
    /** The platform key's signature over keyRotationApprovalContent(approval). */
    platformSig: PlatformSignatureSchema,
    /** The device certificate for the new key (as enrolment's); absent for a key none can hold. */
    deviceCertificate: CertificateDerSchema.optional(),
  })
  .strict();
export type KeyRotationResponse = z.infer<typeof KeyRotationResponseSchema>;

/**
 * What both device keys sign: the rotation, named for its use, so that no other signed value
 * (an event hash, a loss declaration) can pass for a rotation.
 */
export function keyRotationContent(rotation: KeyRotation): CanonicalJson {
  return { use: 'device-key-rotation', rotation: rotation as unknown as CanonicalJson };
}

/** What the platform signs. */
export function keyRotationApprovalContent(approval: KeyRotationApproval): CanonicalJson {
  return { use: 'device-key-rotation-approval', approval: approval as unknown as CanonicalJson };
}
