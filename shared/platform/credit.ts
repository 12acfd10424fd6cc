import { z } from 'zod';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import { DeviceIdSchema } from '../events/envelope';
import { IdDocumentTypeSchema, InstantSchema } from '../model';
import { CreditStatusSchema } from '../precheck/rules';
import { CreditSnapshotSchema } from '../precheck/snapshot';
import { InterfaceVersionSchema } from './version';

/** The hashed dishonesty snapshot for offline pre-checks (precheck/snapshot.ts). */
export const CreditSnapshotRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    haveIssuedAt: InstantSchema.nullable(),
  })
  .strict();
export type CreditSnapshotRequest = z.infer<typeof CreditSnapshotRequestSchema>;

export const CreditSnapshotResponseSchema = z.discriminatedUnion('status', [
  z.object({ interfaceVersion: InterfaceVersionSchema, status: z.literal('current') }).strict(),
  z
    .object({
      interfaceVersion: InterfaceVersionSchema,
      status: z.literal('updated'),
      snapshot: CreditSnapshotSchema,
      /**
       * The platform's signature over the snapshot's canonical JSON: like the catalogue, a copy
       * carried on a USB stick to an offline hall can be verified.
       */
      platformSig: PlatformSignatureSchema,
    })
    .strict(),
]);
export type CreditSnapshotResponse = z.infer<typeof CreditSnapshotResponseSchema>;

/** One entity's status, online. The identifier is sent normalised (ids/normalise.ts). */
export const CreditCheckRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    idType: IdDocumentTypeSchema,
    identifier: z.string().regex(/^[0-9A-Z]{5,32}$/),
    /**
     * Asks for the entity's registered name too (a credit code only). Sent only by the entity
     * step's name lookup, so that the pre-check itself never depends on a platform that knows it.
     */
    withRegisteredName: z.literal(true).optional(),
  })
  .strict();
export type CreditCheckRequest = z.infer<typeof CreditCheckRequestSchema>;

export const CreditCheckResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    status: CreditStatusSchema,
    checkedAt: InstantSchema,
    /**
     * The name the business register holds for the credit code: only when asked for and known.
     * The kiosk shows it read-only in place of typing.
     */
    registeredName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type CreditCheckResponse = z.infer<typeof CreditCheckResponseSchema>;
