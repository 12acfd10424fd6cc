import { z } from 'zod';
import {
  CommitmentTypeSchema,
  DateSchema,
  DigestSchema,
  InstantSchema,
  LanguageSchema,
  LocalizedTextSchema,
  type EntityKind,
} from '../model';
import { MatterCodeSchema } from '../catalogue/schema';
import { validateUscc } from '../ids/uscc';
import { PrecheckDecisionSchema } from '../precheck/rules';
import { addDays } from '../time';
import { CommitmentCodeSchema, commitmentCodeDay } from './commitment-code';
import { EntitySchema } from '../entity';
import { MaterialIdSchema, RecordDeadlinesSchema } from '../deadlines/schema';
import type { IdDocumentWarning } from '../ids/document';
import { IdentificationSchema, identificationIssues } from './identification';

/**
 * The events of one commitment record, as {type, payload}: the signed envelope around them
 * (device, seq, chain hash, signature) is shared/events/envelope.ts. Payloads are strict so that
 * a field the schema does not know never slips into a signed record. Refinement messages are
 * machine codes, as in the catalogue schema; the UI never shows zod text.
 */

export const ClerkIdSchema = z.string().trim().min(1).max(64);
export const PartIdSchema = z.string().min(1).max(64);
const ShortTextSchema = z.string().trim().min(1).max(500);
const LongTextSchema = z.string().trim().min(1).max(4000);

/** A valid credit code, already normalised (what is signed is exactly what was checked). */
export const CreditCodeSchema = z.string().refine((code) => {
  const checked = validateUscc(code);
  return checked.ok && checked.value === code;
}, 'bad-credit-code');

/** An organ as the platform names it in central findings (names in Chinese, as collected). */
export const OrganSchema = z
  .object({ name: z.string().trim().min(1).max(200), code: z.string().trim().min(1).max(32) })
  .strict();

export const PublicationTypeSchema = z.enum(['public', 'scope', 'not-public']);
export type PublicationType = z.infer<typeof PublicationTypeSchema>;

/** Brief §7/§9: natural persons default to publication within a specific scope. */
export function defaultPublicationType(kind: EntityKind): PublicationType {
  return kind === 'natural-person' ? 'scope' : 'public';
}

export const ReadingEvidenceSchema = z
  .object({
    textVersion: z.string().min(1).max(64),
    documentHash: DigestSchema,
    perPartSeconds: z.record(PartIdSchema, z.number().finite().nonnegative()),
    reachedEnd: z.boolean(),
    confirmations: z
      .array(
        z
          .object({
            partId: PartIdSchema,
            at: InstantSchema,
            method: z.enum(['tap', 'keyboard', 'read-aloud']),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type ReadingEvidence = z.infer<typeof ReadingEvidenceSchema>;

/**
 * Only an eligible or provisional pre-check, or a listed entity on a credit-repair matter (checked
 * against the commitment type below), can lead to a signed record.
 */
export const SignedPrecheckSchema = PrecheckDecisionSchema.refine(
  (d) =>
    d.outcome === 'eligible' || d.outcome === 'provisional' || d.outcome === 'eligible-for-repair',
  'precheck-not-passed',
);

const IDENTIFIER_WARNINGS = ['org-code-check'] as const satisfies readonly IdDocumentWarning[];

export const RecordSignedPayloadSchema = z
  .object({
    commitmentCode: CommitmentCodeSchema,
    matter: z.object({ code: MatterCodeSchema, name: LocalizedTextSchema }).strict(),
    commitmentType: CommitmentTypeSchema,
    /** The type's own name when commitmentType is 'other' (collection standard). */
    commitmentTypeName: ShortTextSchema.optional(),
    /** Unmasked: it goes to the platform, which is shared between government bodies (brief §7). */
    entity: EntitySchema,
    /**
     * Who signed and how they were identified (shared/record/identification.ts). Optional: records
     * signed before it existed carry none and still verify.
     */
    identification: IdentificationSchema.optional(),
    /** Brief §3: a code that fails only the organisation-code check is kept, flagged for the clerk. */
    identifierWarnings: z.array(z.enum(IDENTIFIER_WARNINGS)).max(IDENTIFIER_WARNINGS.length),
    document: z
      .object({
        hash: DigestSchema,
        catalogueId: z.string().min(1).max(64),
        catalogueVersion: z.number().int().min(1),
        templateVersion: z.string().min(1).max(40),
        language: LanguageSchema,
      })
      .strict(),
    reading: ReadingEvidenceSchema,
    signature: z
      .object({
        /**
         * drawn: by hand on the pad. typed-name-witnessed: a typed name, a clerk witnessing it.
         * typed-name-confirmed: a typed name the applicant confirmed with a stated declaration,
         * for one who cannot draw where no clerk can witness (WCAG 2.1.1: no pointer needed).
         */
        method: z.enum(['drawn', 'typed-name-witnessed', 'typed-name-confirmed']),
        /** The image stays on the device; the record binds its hash (a typed name's, for one). */
        imageHash: DigestSchema,
        witnessClerkId: ClerkIdSchema.optional(),
      })
      .strict(),
    /**
     * A hall option (brief §8): a photo of the applicant taken at signing. The image stays on the
     * device, sealed; the record binds its hash. Absent where the hall does not ask for one.
     */
    photo: z
      .discriminatedUnion('status', [
        z
          .object({ status: z.literal('taken'), imageHash: DigestSchema, at: InstantSchema })
          .strict(),
        /** Offered, and the applicant chose not to. */
        z.object({ status: z.literal('declined') }).strict(),
        /** Offered, and the camera did not work. */
        z.object({ status: z.literal('unavailable') }).strict(),
      ])
      .optional(),
    precheck: SignedPrecheckSchema,
    assisted: z.object({ assisted: z.boolean(), clerkId: ClerkIdSchema.optional() }).strict(),
    /** null: valid without a time limit. */
    validUntil: DateSchema.nullable(),
    publication: PublicationTypeSchema,
    /** Absent on records signed before deadlines were kept. */
    deadlines: RecordDeadlinesSchema.optional(),
    /** As the catalogue names the hall's organ. */
    acceptingOrgan: z.object({ name: LocalizedTextSchema, creditCode: CreditCodeSchema }).strict(),
    remarks: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if ((p.commitmentType === 'other') !== (p.commitmentTypeName !== undefined)) {
      issue(['commitmentTypeName'], 'type-name-iff-other');
    }
    if (p.identification) {
      for (const code of identificationIssues(p.identification, p.entity))
        issue(['identification'], code);
    }
    if (p.reading.documentHash !== p.document.hash) {
      issue(['reading', 'documentHash'], 'reading-other-document');
    }
    if (!p.reading.reachedEnd) issue(['reading', 'reachedEnd'], 'reading-not-finished');
    const confirmed = new Set<string>();
    p.reading.confirmations.forEach((c, i) => {
      if (confirmed.has(c.partId)) issue(['reading', 'confirmations', i], 'part-confirmed-twice');
      if (!(c.partId in p.reading.perPartSeconds))
        issue(['reading', 'confirmations', i], 'unknown-part');
      confirmed.add(c.partId);
    });
    for (const partId of Object.keys(p.reading.perPartSeconds)) {
      if (!confirmed.has(partId)) issue(['reading', 'confirmations'], 'part-not-confirmed');
    }
    if (
      (p.signature.method === 'typed-name-witnessed') !==
      (p.signature.witnessClerkId !== undefined)
    ) {
      issue(['signature', 'witnessClerkId'], 'witness-iff-typed');
    }
    if (p.precheck.outcome === 'eligible-for-repair' && p.commitmentType !== 'credit-repair') {
      issue(['precheck'], 'repair-precheck-not-credit-repair');
    }
    if (p.assisted.assisted !== (p.assisted.clerkId !== undefined)) {
      issue(['assisted', 'clerkId'], 'clerk-iff-assisted');
    }
    if (p.validUntil !== null && p.validUntil < commitmentCodeDay(p.commitmentCode)) {
      issue(['validUntil'], 'valid-until-before-made');
    }
    if (p.deadlines) {
      const made = commitmentCodeDay(p.commitmentCode);
      // Counted from the letter's day, which may be the day before the code's (signed at midnight).
      if (p.deadlines.verifyBy < made) issue(['deadlines', 'verifyBy'], 'deadline-before-made');
      p.deadlines.materials.forEach((m, i) => {
        if (m.dueBy < made) issue(['deadlines', 'materials', i], 'deadline-before-made');
      });
      const ids = p.deadlines.materials.map((m) => m.id);
      if (new Set(ids).size !== ids.length) issue(['deadlines', 'materials'], 'duplicate-material');
      if (ids.length > 0 && p.commitmentType !== 'acceptance-pending-materials') {
        issue(['deadlines', 'materials'], 'materials-on-other-type');
      }
    }
  });
export type RecordSignedPayload = z.infer<typeof RecordSignedPayloadSchema>;

export const VOID_REASONS = [
  'entered-in-error',
  'wrong-entity',
  'wrong-matter',
  'applicant-withdrew',
  'duplicate',
  'other',
] as const;

export const RecordVoidedPayloadSchema = z
  .object({
    reasonCode: z.enum(VOID_REASONS),
    reasonText: ShortTextSchema,
    by: ClerkIdSchema,
    /** A supervisor's approval, required by the console once the record has been synced. */
    approvedBy: ClerkIdSchema.optional(),
  })
  .strict()
  .refine((p) => p.approvedBy === undefined || p.approvedBy !== p.by, {
    message: 'self-approved',
    path: ['approvedBy'],
  });

export type RecordVoidedPayload = z.infer<typeof RecordVoidedPayloadSchema>;

export const FULFILMENT_STATUSES = ['kept', 'partly-kept', 'not-kept', 'false-commitment'] as const;
export const FulfilmentStatusSchema = z.enum(FULFILMENT_STATUSES);
export type FulfilmentStatus = z.infer<typeof FulfilmentStatusSchema>;

export const FulfilmentPayloadSchema = z
  .object({
    status: FulfilmentStatusSchema,
    notKept: LongTextSchema.optional(),
    liabilityImposed: LongTextSchema.optional(),
    permitRevoked: z.boolean(),
    findingDate: DateSchema,
    findingOrgan: OrganSchema,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.status === 'kept') {
      if (p.notKept !== undefined)
        ctx.addIssue({ code: 'custom', path: ['notKept'], message: 'kept-with-unkept' });
      if (p.permitRevoked)
        ctx.addIssue({ code: 'custom', path: ['permitRevoked'], message: 'kept-with-revocation' });
    } else if (p.notKept === undefined) {
      ctx.addIssue({ code: 'custom', path: ['notKept'], message: 'unkept-missing' });
    }
  });
export type FulfilmentPayload = z.infer<typeof FulfilmentPayloadSchema>;

export const REPAIR_STEPS = [
  'rectification',
  'training',
  'credit-report',
  'repair-commitment',
] as const;
export const RepairStepSchema = z.enum(REPAIR_STEPS);
export type RepairStep = z.infer<typeof RepairStepSchema>;

export const RepairStepPayloadSchema = z
  .object({
    step: RepairStepSchema,
    completedOn: DateSchema,
    note: ShortTextSchema.optional(),
    /** The code of the new credit-repair commitment record, when that is the step. */
    repairCommitmentCode: CommitmentCodeSchema.optional(),
  })
  .strict()
  .refine((p) => p.repairCommitmentCode === undefined || p.step === 'repair-commitment', {
    message: 'code-on-other-step',
    path: ['repairCommitmentCode'],
  });

export type RepairStepPayload = z.infer<typeof RepairStepPayloadSchema>;

export const RepairCompletedPayloadSchema = z
  .object({
    completedOn: DateSchema,
    /** Steps the repair rested on; may include steps recorded centrally and never pulled. */
    steps: z.array(RepairStepSchema).min(1).max(REPAIR_STEPS.length),
    repairCommitmentCode: CommitmentCodeSchema.optional(),
    decidedBy: OrganSchema,
  })
  .strict()
  .refine((p) => new Set(p.steps).size === p.steps.length, {
    message: 'duplicate-step',
    path: ['steps'],
  });

export type RepairCompletedPayload = z.infer<typeof RepairCompletedPayloadSchema>;

/**
 * A repair decision undone (brief §9): the entity broke the credit-repair commitment it was made
 * on, so the original dishonesty information is published again. Decided by the organ, usually
 * centrally.
 */
export const RepairRevokedPayloadSchema = z
  .object({
    revokedOn: DateSchema,
    reason: LongTextSchema,
    /** The credit-repair commitment that was broken, when it is known. */
    repairCommitmentCode: CommitmentCodeSchema.optional(),
    decidedBy: OrganSchema,
  })
  .strict();

export type RepairRevokedPayload = z.infer<typeof RepairRevokedPayloadSchema>;

/** Calendar days; local holiday calendars are not modelled, so halls configure days, not working days. */
export function objectionDeadline(filedOn: string, days: number): string {
  return addDays(filedOn, days);
}

export const ObjectionFiledPayloadSchema = z
  .object({
    /** What is disputed: the published commitment itself, or the fulfilment finding. */
    target: z.enum(['commitment', 'fulfilment']),
    grounds: LongTextSchema,
    filedOn: DateSchema,
    deadlineDays: z.number().int().min(1).max(365),
    deadline: DateSchema,
  })
  .strict()
  .refine((p) => p.deadline === objectionDeadline(p.filedOn, p.deadlineDays), {
    message: 'deadline-mismatch',
    path: ['deadline'],
  });

export type ObjectionFiledPayload = z.infer<typeof ObjectionFiledPayloadSchema>;

export const ObjectionResultSchema = z.enum(['kept', 'corrected', 'withdrawn']);
export type ObjectionResult = z.infer<typeof ObjectionResultSchema>;

export const ObjectionResolvedPayloadSchema = z
  .object({
    result: ObjectionResultSchema,
    resolvedOn: DateSchema,
    note: LongTextSchema.optional(),
    /** The finding as corrected, when a fulfilment objection ends in 'corrected'. */
    correctedFulfilment: FulfilmentPayloadSchema.optional(),
    resolvedBy: OrganSchema,
  })
  .strict()
  .refine((p) => p.correctedFulfilment === undefined || p.result === 'corrected', {
    message: 'correction-without-corrected',
    path: ['correctedFulfilment'],
  });

export type ObjectionResolvedPayload = z.infer<typeof ObjectionResolvedPayloadSchema>;

export const PrecheckRecheckedPayloadSchema = z
  .object({
    outcome: z.enum(['eligible', 'not-eligible']),
    checkedAt: InstantSchema,
  })
  .strict();

export type PrecheckRecheckedPayload = z.infer<typeof PrecheckRecheckedPayloadSchema>;

/** A material promised at a 容缺受理 acceptance, handed in and checked at the counter. */
export const MaterialReceivedPayloadSchema = z
  .object({
    materialId: MaterialIdSchema,
    receivedOn: DateSchema,
    by: ClerkIdSchema,
    note: ShortTextSchema.optional(),
  })
  .strict();
export type MaterialReceivedPayload = z.infer<typeof MaterialReceivedPayloadSchema>;

/**
 * The hall's approval case (办件) the commitment stood in for: its number on the one-window
 * acceptance slip, typed by the clerk or scanned from the slip's code. A later link replaces an
 * earlier one (a mistyped number is corrected by linking again); the history keeps both.
 */
export const CaseNumberSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z-]{3,39}$/, 'bad-case-number');
export const CaseLinkedPayloadSchema = z
  .object({
    caseNumber: CaseNumberSchema,
    source: z.enum(['typed', 'scanned']),
    by: ClerkIdSchema,
  })
  .strict();
export type CaseLinkedPayload = z.infer<typeof CaseLinkedPayloadSchema>;

const event = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload }).strict();

export const RecordEventSchema = z.discriminatedUnion('type', [
  event('record.signed', RecordSignedPayloadSchema),
  event('record.voided', RecordVoidedPayloadSchema),
  event('fulfilment.recorded', FulfilmentPayloadSchema),
  event(
    'repair.started',
    z.object({ startedOn: DateSchema, note: ShortTextSchema.optional() }).strict(),
  ),
  event('repair.step-recorded', RepairStepPayloadSchema),
  event('repair.completed', RepairCompletedPayloadSchema),
  event('repair.revoked', RepairRevokedPayloadSchema),
  event('objection.filed', ObjectionFiledPayloadSchema),
  event('objection.resolved', ObjectionResolvedPayloadSchema),
  event('precheck.rechecked', PrecheckRecheckedPayloadSchema),
  event('material.received', MaterialReceivedPayloadSchema),
  event('case.linked', CaseLinkedPayloadSchema),
]);
export type RecordEvent = z.infer<typeof RecordEventSchema>;
export type RecordEventType = RecordEvent['type'];
export type RecordEventPayload<T extends RecordEventType> = Extract<
  RecordEvent,
  { type: T }
>['payload'];
export const RECORD_EVENT_TYPES = RecordEventSchema.options.map((o) => o.shape.type.value);
