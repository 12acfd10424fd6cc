import { z } from 'zod';
import { CommitmentTypeSchema, DateSchema, type EntityKind, type IdDocumentType } from '../model';
import { CommitmentCodeSchema, parseCommitmentCode } from './commitment-code';
import {
  CreditCodeSchema,
  OrganSchema,
  PublicationTypeSchema,
  type FulfilmentStatus,
} from './events';
import type { RecordView } from './lifecycle';

/**
 * The collection items of brief §9, one field per item, so that an adapter to the real platform
 * is a renaming, not a redesign. Collected data is unmasked and in Chinese: the platform is shared
 * between government bodies and publishes in Chinese, so names come from the zh-CN side.
 */

export const PartyCategorySchema = z.enum([
  'legal-person-or-unincorporated',
  'natural-person',
  'individual-business',
]);
export type PartyCategory = z.infer<typeof PartyCategorySchema>;

/** Individual businesses hold a credit code whose first two characters are '92' (brief §3). */
export function partyCategory(entity: {
  readonly kind: EntityKind;
  readonly idType: IdDocumentType;
  readonly idNumber: string;
}): PartyCategory {
  if (entity.kind === 'natural-person') return 'natural-person';
  return entity.idType === 'uscc' && entity.idNumber.startsWith('92')
    ? 'individual-business'
    : 'legal-person-or-unincorporated';
}

/** "Up to a few thousand characters" in the standard; generous, but bounded. */
export const MAX_COLLECTED_TEXT = 10_000;
const CollectedTextSchema = z.string().trim().min(1).max(MAX_COLLECTED_TEXT);

export const CommitmentCollectionItemSchema = z
  .object({
    commitmentCode: CommitmentCodeSchema,
    party: z
      .object({
        name: z.string().trim().min(1).max(200),
        category: PartyCategorySchema,
        /** The credit code, or the identity (or other document) number of a natural person. */
        code: z.string().trim().min(1).max(64),
      })
      .strict(),
    commitmentType: CommitmentTypeSchema,
    /** The type's own name, for type 'other' only. */
    commitmentTypeName: z.string().trim().min(1).max(500).nullable(),
    /** The concrete matter, e.g. the permit applied for. */
    reason: z.string().trim().min(1).max(500),
    content: CollectedTextSchema,
    liabilityForBreach: CollectedTextSchema,
    dateMade: DateSchema,
    /** null: without a time limit. */
    validUntil: DateSchema.nullable(),
    acceptingOrgan: z
      .object({ name: z.string().trim().min(1).max(200), creditCode: CreditCodeSchema })
      .strict(),
    publicationType: PublicationTypeSchema,
    remarks: z.string().max(1000).nullable(),
  })
  .strict();
export type CommitmentCollectionItem = z.infer<typeof CommitmentCollectionItemSchema>;

export const CollectedFulfilmentStatusSchema = z.enum(['kept', 'partly-kept', 'not-kept']);
export type CollectedFulfilmentStatus = z.infer<typeof CollectedFulfilmentStatusSchema>;

/**
 * The standard knows kept / partly kept / not kept. A false commitment was not kept (its content
 * was untrue from the start); what exactly was false travels in `notKept`.
 */
export const COLLECTED_STATUS: Readonly<Record<FulfilmentStatus, CollectedFulfilmentStatus>> = {
  kept: 'kept',
  'partly-kept': 'partly-kept',
  'not-kept': 'not-kept',
  'false-commitment': 'not-kept',
};

export const FulfilmentCollectionItemSchema = z
  .object({
    /** The link to the commitment item. */
    commitmentCode: CommitmentCodeSchema,
    status: CollectedFulfilmentStatusSchema,
    notKept: CollectedTextSchema.nullable(),
    liabilityImposed: CollectedTextSchema.nullable(),
    findingDate: DateSchema,
    findingOrgan: OrganSchema,
  })
  .strict();
export type FulfilmentCollectionItem = z.infer<typeof FulfilmentCollectionItemSchema>;

/** The letter's texts, rendered elsewhere from the pinned catalogue version. */
export interface CollectedTexts {
  readonly content: string;
  readonly liabilityForBreach: string;
}

export type CollectionResult =
  | {
      readonly ok: true;
      readonly commitment: CommitmentCollectionItem;
      /** null until a finding stands (none yet, or withdrawn after an objection). */
      readonly fulfilment: FulfilmentCollectionItem | null;
    }
  | {
      readonly ok: false;
      readonly error: 'voided' | 'invalid-item';
      readonly paths?: readonly string[];
    };

export function toCollectionItems(
  // Only these three are read, so the kiosk can check a record before it is signed and stored.
  record: Pick<RecordView, 'state' | 'signed' | 'fulfilment'>,
  texts: CollectedTexts,
): CollectionResult {
  if (record.state === 'voided') return { ok: false, error: 'voided' };
  const s = record.signed;
  const parsedCode = parseCommitmentCode(s.commitmentCode);
  const commitment = CommitmentCollectionItemSchema.safeParse({
    commitmentCode: s.commitmentCode,
    party: { name: s.entity.name, category: partyCategory(s.entity), code: s.entity.idNumber },
    commitmentType: s.commitmentType,
    commitmentTypeName: s.commitmentTypeName ?? null,
    reason: s.matter.name['zh-CN'],
    content: texts.content,
    liabilityForBreach: texts.liabilityForBreach,
    // The commitment code's date is the date made: one source, so the two can never disagree.
    dateMade: parsedCode.ok ? parsedCode.value.date : '',
    validUntil: s.validUntil,
    acceptingOrgan: {
      name: s.acceptingOrgan.name['zh-CN'],
      creditCode: s.acceptingOrgan.creditCode,
    },
    publicationType: s.publication,
    remarks: s.remarks ?? null,
  });
  const f = record.fulfilment;
  const fulfilment = f
    ? FulfilmentCollectionItemSchema.safeParse({
        commitmentCode: s.commitmentCode,
        status: COLLECTED_STATUS[f.status],
        notKept: f.notKept ?? null,
        liabilityImposed: f.liabilityImposed ?? null,
        findingDate: f.findingDate,
        findingOrgan: f.findingOrgan,
      })
    : null;
  if (!commitment.success || (fulfilment && !fulfilment.success)) {
    const issues = [...(commitment.error?.issues ?? []), ...(fulfilment?.error?.issues ?? [])];
    return { ok: false, error: 'invalid-item', paths: issues.map((i) => i.path.join('.')) };
  }
  return { ok: true, commitment: commitment.data, fulfilment: fulfilment?.data ?? null };
}
