import { z } from 'zod';
import { CatalogueSignatureSchema as PlatformSignatureSchema } from '../catalogue/signed';
import type { CanonicalJson } from '../crypto/canonical';
import { LostLinkSchema } from '../events/damage';
import { DeviceIdSchema, SeqSchema } from '../events/envelope';
import { InstantSchema } from '../model';
import { InterfaceVersionSchema } from './version';

/**
 * Declared loss (issue 13): a device whose own chain is damaged (sync/self-check) cannot send the
 * damaged events, and every later event hangs off them. A supervisor declares them lost: the
 * device signs the declaration with its key (each lost seq, why, and the hash the chain goes on
 * from after it, i.e. what the next event links to); the platform approves it with its key,
 * records each seq it does not hold as a declared loss (a gap in the device's chain that its
 * reconciliation shows) and from then on lets the device's later events link over it. A seq the
 * platform already holds (a synced event altered on the device) is answered 'held': nothing was
 * lost centrally, the device's copy is declared damaged.
 */

export const MAX_LOST_PER_DECLARATION = 1000;

export const LossDeclarationSchema = z
  .object({
    deviceId: DeviceIdSchema,
    declarationId: z.uuid(),
    /** The supervisor who declared it on the device. */
    supervisorId: z.string().min(1).max(64),
    at: InstantSchema,
    lost: z.array(LostLinkSchema).min(1).max(MAX_LOST_PER_DECLARATION),
  })
  .strict()
  .refine((d) => d.lost.every((l, i) => i === 0 || l.seq > (d.lost[i - 1]?.seq ?? 0)), {
    message: 'seq-not-increasing',
    path: ['lost'],
  });
export type LossDeclaration = z.infer<typeof LossDeclarationSchema>;

export const LossDeclareRequestSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    deviceId: DeviceIdSchema,
    declaration: LossDeclarationSchema,
    /** The device key's signature (base64url) over the declaration's canonical JSON. */
    deviceSig: z.string().min(1).max(512),
  })
  .strict()
  .refine((r) => r.declaration.deviceId === r.deviceId, {
    message: 'foreign-device',
    path: ['declaration', 'deviceId'],
  });
export type LossDeclareRequest = z.infer<typeof LossDeclareRequestSchema>;

export const LOSS_STATES = ['lost', 'held'] as const;

export const LossApprovalSchema = z
  .object({
    declarationId: z.uuid(),
    deviceId: DeviceIdSchema,
    approvedAt: InstantSchema,
    lost: z
      .array(z.object({ seq: SeqSchema, state: z.enum(LOSS_STATES) }).strict())
      .min(1)
      .max(MAX_LOST_PER_DECLARATION),
  })
  .strict();
export type LossApproval = z.infer<typeof LossApprovalSchema>;

export const LossDeclareResponseSchema = z
  .object({
    interfaceVersion: InterfaceVersionSchema,
    approval: LossApprovalSchema,
    /** The platform key's signature over the approval's canonical JSON. */
    platformSig: PlatformSignatureSchema,
  })
  .strict();
export type LossDeclareResponse = z.infer<typeof LossDeclareResponseSchema>;

/** What the device signs. */
export function lossDeclarationContent(declaration: LossDeclaration): CanonicalJson {
  return declaration as unknown as CanonicalJson;
}

/** What the platform signs. */
export function lossApprovalContent(approval: LossApproval): CanonicalJson {
  return approval as unknown as CanonicalJson;
}
