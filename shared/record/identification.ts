import { z } from 'zod';
import { DateSchema, type EntityKind } from '../model';

/**
 * Who signed and how they were identified (brief §8: the record binds what identified the
 * signer). Part of the signed payload since issue 15; records made before it carry none, and
 * still verify and display (the field is optional, never defaulted into a signed payload).
 */

/** Every way the kiosk knows an identity, as the record, the letter and the report name them. */
export const IDENTIFICATION_METHODS = ['id-card', 'typed', 'clerk-checked', 'licence-qr'] as const;
export type IdentificationMethod = (typeof IDENTIFICATION_METHODS)[number];

/** How the signer was identified: a card read, typed by the applicant, or a clerk's document check. */
export const SIGNER_METHODS = ['id-card', 'typed', 'clerk-checked'] as const;
export type SignerMethod = (typeof SIGNER_METHODS)[number];

/** How an organisation's credit code reached the form: its licence's QR code, or typed. */
export const CREDIT_CODE_METHODS = ['licence-qr', 'typed'] as const;
export type CreditCodeMethod = (typeof CREDIT_CODE_METHODS)[number];

/** The capacity in which the signer signs for the entity. */
export const SIGNER_ROLES = ['natural-person', 'legal-representative', 'agent'] as const;
export const SignerRoleSchema = z.enum(SIGNER_ROLES);
export type SignerRole = z.infer<typeof SignerRoleSchema>;

/** The card's validity as read from it; 'long-term' is 长期 (no expiry). */
export const CardValiditySchema = z
  .object({
    validFrom: DateSchema,
    validUntil: z.union([DateSchema, z.literal('long-term')]),
  })
  .strict()
  .refine((c) => c.validUntil === 'long-term' || c.validUntil > c.validFrom, {
    message: 'card-validity-order',
    path: ['validUntil'],
  });
export type CardValidity = z.infer<typeof CardValiditySchema>;

export const IdentificationSchema = z
  .object({
    signer: z
      .object({
        role: SignerRoleSchema,
        method: z.enum(SIGNER_METHODS),
        /** Only for a card read, and then required. */
        card: CardValiditySchema.optional(),
      })
      .strict(),
    /** Organisations only. */
    creditCode: z.enum(CREDIT_CODE_METHODS).optional(),
    /** Organisations only: the registered name as the platform gave it, or typed. */
    nameSource: z.enum(['platform', 'typed']).optional(),
  })
  .strict()
  .refine((i) => (i.signer.method === 'id-card') === (i.signer.card !== undefined), {
    message: 'card-iff-id-card',
    path: ['signer', 'card'],
  });
export type Identification = z.infer<typeof IdentificationSchema>;

/**
 * Whose person signs for an entity: the natural person themself; for an organisation its agent
 * where one is named, else its legal representative (shared/entity.ts `signerName`).
 */
export function signerRole(entity: {
  readonly kind: EntityKind;
  readonly agent?: unknown;
}): SignerRole {
  if (entity.kind === 'natural-person') return 'natural-person';
  return entity.agent === undefined ? 'legal-representative' : 'agent';
}

/** What a signed payload's identification must agree with: the entity it names. */
export function identificationIssues(
  identification: Identification,
  entity: { readonly kind: EntityKind; readonly agent?: unknown },
): string[] {
  const issues: string[] = [];
  if (identification.signer.role !== signerRole(entity)) issues.push('signer-role-mismatch');
  const organisation = entity.kind !== 'natural-person';
  if (organisation !== (identification.creditCode !== undefined))
    issues.push('credit-code-method-iff-organisation');
  if (organisation !== (identification.nameSource !== undefined))
    issues.push('name-source-iff-organisation');
  return issues;
}

/**
 * The methods a record names, for the letter and the day report: the signer's, then the
 * licence's where its QR code gave the credit code. A record made before issue 15: none.
 */
export function identificationMethods(
  identification: Identification | undefined,
): IdentificationMethod[] {
  if (!identification) return [];
  return identification.creditCode === 'licence-qr'
    ? [identification.signer.method, 'licence-qr']
    : [identification.signer.method];
}

/** The card a read gave, as far as the record needs it. */
export interface CardEvidence extends CardValidity {
  readonly name: string;
  readonly idNumber: string;
}

/**
 * What the entity step saw, beyond the entity itself: the card read (if any), the credit code its
 * licence's QR code gave, the name the platform registered for that code. Held in the session only.
 */
export interface IdentityEvidence {
  readonly card: CardEvidence | null;
  readonly scannedCreditCode: string | null;
  readonly registeredName: string | null;
}

export const NO_IDENTITY_EVIDENCE: IdentityEvidence = {
  card: null,
  scannedCreditCode: null,
  registeredName: null,
};

interface SigningEntity {
  readonly kind: EntityKind;
  readonly name: string;
  readonly idNumber: string;
  readonly representative?: { readonly name: string; readonly idNumber?: string } | undefined;
  readonly agent?: { readonly name: string; readonly idNumber?: string } | undefined;
}

/** The signing person's name and number as the entity names them. */
function signingPerson(entity: SigningEntity): { name: string; idNumber: string | undefined } {
  if (entity.kind === 'natural-person') return { name: entity.name, idNumber: entity.idNumber };
  const person = entity.agent ?? entity.representative;
  return { name: person?.name ?? '', idNumber: person?.idNumber };
}

/**
 * The record's identification. A card counts only while the signer's name and number are still
 * the card's (an applicant who read one card and then typed another person gets "typed"); a
 * credit code counts as scanned only while it is still the code the QR code gave, and a name as
 * the platform's only while it is still the registered name. Typing in the clerk's assisted mode
 * is the clerk's document check.
 */
export function identificationFor(
  entity: SigningEntity,
  evidence: IdentityEvidence,
  assisted: boolean,
): Identification {
  const person = signingPerson(entity);
  const card = evidence.card;
  const byCard = card !== null && card.name === person.name && card.idNumber === person.idNumber;
  const signer: Identification['signer'] = byCard
    ? {
        role: signerRole(entity),
        method: 'id-card',
        card: { validFrom: card.validFrom, validUntil: card.validUntil },
      }
    : { role: signerRole(entity), method: assisted ? 'clerk-checked' : 'typed' };
  if (entity.kind === 'natural-person') return { signer };
  return {
    signer,
    creditCode: evidence.scannedCreditCode === entity.idNumber ? 'licence-qr' : 'typed',
    nameSource: evidence.registeredName === entity.name ? 'platform' : 'typed',
  };
}

/**
 * A hall that requires a card read (settings) takes a typed signer only in the clerk's assisted
 * mode, where the clerk checks the document.
 */
export function meetsCardRequirement(
  identification: Identification,
  requireIdCard: boolean,
): boolean {
  return !requireIdCard || identification.signer.method !== 'typed';
}
