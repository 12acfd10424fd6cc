import { z } from 'zod';
import { HallCodeSchema } from '../catalogue/schema';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import type { CanonicalJson } from '../crypto/canonical';
import { PublicKeyInfoSchema } from '../crypto/schemas';
import { DeviceIdSchema } from '../events/envelope';
import { LocalizedTextSchema } from '../model';
import { DivisionCodeSchema, MAX_DEVICE_SLOT, MIN_DEVICE_SLOT } from '../record/commitment-code';
import { CreditCodeSchema } from '../record/events';
import { BundleKeySchema } from './bundle-key';
import type { BundleKey } from './bundle-key';
import { OpaqueTokenSchema } from './common';
import { InterfaceVersionSchema } from './version';

/** One DER certificate in standard base64, as x5c carries it (RFC 7515 §4.1.6). */
export const CertificateDerSchema = z
  .string()
  .max(8192)
  .regex(/^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);

/** Enrolment: once per device, with a one-time code the hall was issued. */
export const EnrolRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    hallCode: HallCodeSchema,
    /** The counter window (or kiosk position) the device serves, as the hall labels it. */
    window: z.string().trim().min(1).max(32),
    enrolmentCode: z.string().regex(/^[0-9A-Z]{8,32}$/),
    publicKey: PublicKeyInfoSchema,
    appVersion: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    /** The device's own serial range for commitment codes (commitment-code.ts). */
    deviceSlot: z.number().int().min(MIN_DEVICE_SLOT).max(MAX_DEVICE_SLOT),
    /** The accepting place whose division code starts every commitment code of this device. */
    divisionCode: DivisionCodeSchema,
    acceptingOrgan: z.object({ name: LocalizedTextSchema, creditCode: CreditCodeSchema }).strict(),
    /** Sent back as a bearer credential (HTTP Authorization), never inside message bodies. */
    credentialsToken: OpaqueTokenSchema.min(32),
    /** The platform's public key that offline bundles are encrypted for (bundle.ts). */
    bundleKey: BundleKeySchema.optional(),
    /**
     * The platform signing key's signature over bundleKeySignedContent(bundleKey): the device
     * stores a bundle key only when a trusted platform key vouches for it. Optional: platforms
     * before it sent the key unsigned (the device then keeps none).
     */
    bundleKeySig: PlatformSignatureSchema.optional(),
    /**
     * The device's X.509 certificate for its public key (base64 DER), issued by the platform as
     * the hall devices' CA; the device signs its PDF letters under it. Optional: platforms before
     * it issued none (the device then signs no PDF).
     */
    deviceCertificate: CertificateDerSchema.optional(),
  })
  .strict();
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/** What the platform signs for its bundle key: the key, named for its use, so no other signed value passes for it. */
export function bundleKeySignedContent(key: BundleKey): CanonicalJson {
  return {
    use: 'offline-bundle-encryption',
    key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y },
  };
}
