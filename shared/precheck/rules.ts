import { z } from 'zod';
import { InstantSchema, type CommitmentType } from '../model';
import { snapshotLists, type LoadedCreditSnapshot } from './snapshot';

/**
 * The pre-check of brief §6.1: may this entity take the commitment route? Online, the platform's
 * answer decides. Offline, a recent enough snapshot decides; a too-old (or missing) snapshot is
 * hall policy: refuse the commitment route, or accept provisionally and re-check on sync.
 *
 * A credit-repair matter (brief §6.5, §9) is the one route meant for an entity with an unrepaired
 * record: the record does not bar it there, but the decision still says the check found one.
 */

export const CreditStatusSchema = z.enum(['none', 'repaired', 'unrepaired']);
export type CreditStatus = z.infer<typeof CreditStatusSchema>;

export const PrecheckPolicySchema = z
  .object({
    maxSnapshotAgeHours: z
      .number()
      .positive()
      .max(24 * 90),
    whenStale: z.enum(['refuse', 'provisional']),
  })
  .strict();
export type PrecheckPolicy = z.infer<typeof PrecheckPolicySchema>;

/** A snapshot issued more than this ahead of the device clock means the clock (or the file) is wrong. */
export const SNAPSHOT_CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;

const SnapshotAgeSchema = z.object({ issuedAt: InstantSchema, ageHours: z.number() }).strict();
export type SnapshotAge = z.infer<typeof SnapshotAgeSchema>;

const NoAnswerReasonSchema = z.enum(['snapshot-stale', 'snapshot-from-future', 'no-snapshot']);

/** Every outcome carries what it rests on, so the clerk sees the snapshot's age. */
export const PrecheckDecisionSchema = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('eligible'),
      basis: z.enum(['online', 'snapshot']),
      checkedAt: InstantSchema.nullable(),
      snapshot: SnapshotAgeSchema.nullable(),
    })
    .strict(),
  z
    .object({
      outcome: z.literal('not-eligible'),
      reason: z.literal('unrepaired-dishonesty'),
      basis: z.enum(['online', 'snapshot']),
      checkedAt: InstantSchema.nullable(),
      snapshot: SnapshotAgeSchema.nullable(),
    })
    .strict(),
  /** An unrepaired record on a credit-repair matter: it may sign, and the record says it was listed. */
  z
    .object({
      outcome: z.literal('eligible-for-repair'),
      reason: z.literal('unrepaired-dishonesty'),
      basis: z.enum(['online', 'snapshot']),
      checkedAt: InstantSchema.nullable(),
      snapshot: SnapshotAgeSchema.nullable(),
    })
    .strict(),
  z
    .object({
      outcome: z.literal('provisional'),
      reason: NoAnswerReasonSchema,
      snapshot: SnapshotAgeSchema.nullable(),
      /** A stale snapshot that lists the entity: not decisive, but the clerk must be told. */
      staleSnapshotLists: z.boolean(),
    })
    .strict(),
  z
    .object({
      outcome: z.literal('unavailable'),
      reason: NoAnswerReasonSchema,
      snapshot: SnapshotAgeSchema.nullable(),
      staleSnapshotLists: z.boolean(),
    })
    .strict(),
]);
export type PrecheckDecision = z.infer<typeof PrecheckDecisionSchema>;

export interface PrecheckInput {
  readonly online?: { readonly status: CreditStatus; readonly checkedAt: string };
  readonly snapshot?: LoadedCreditSnapshot;
  readonly identifier: string;
  readonly now: Date;
  readonly policy: PrecheckPolicy;
  /** The chosen matter's type; absent is decided as for any type other than credit repair. */
  readonly commitmentType?: CommitmentType;
}

/** The decisions a signed record may carry. */
export type SignableDecision = Extract<
  PrecheckDecision,
  { outcome: 'eligible' | 'eligible-for-repair' | 'provisional' }
>;

/**
 * The decision if it lets the applicant sign for a matter of this type, else null. The repair
 * outcome counts only on a credit-repair matter, so it cannot be carried over to another matter.
 */
export function signablePrecheck(
  decision: PrecheckDecision,
  commitmentType: CommitmentType,
): SignableDecision | null {
  switch (decision.outcome) {
    case 'eligible':
    case 'provisional':
      return decision;
    case 'eligible-for-repair':
      return commitmentType === 'credit-repair' ? decision : null;
    case 'not-eligible':
    case 'unavailable':
      return null;
  }
}

const MS_PER_HOUR = 3_600_000;

export function decidePrecheck(input: PrecheckInput): PrecheckDecision {
  const { online, snapshot, identifier, now, policy, commitmentType } = input;
  const listedOutcome =
    commitmentType === 'credit-repair'
      ? ('eligible-for-repair' as const)
      : ('not-eligible' as const);
  const age: SnapshotAge | null = snapshot
    ? {
        issuedAt: snapshot.issuedAt,
        ageHours: (now.getTime() - Date.parse(snapshot.issuedAt)) / MS_PER_HOUR,
      }
    : null;

  if (online) {
    return online.status === 'unrepaired'
      ? {
          outcome: listedOutcome,
          reason: 'unrepaired-dishonesty',
          basis: 'online',
          checkedAt: online.checkedAt,
          snapshot: age,
        }
      : { outcome: 'eligible', basis: 'online', checkedAt: online.checkedAt, snapshot: age };
  }

  const whenNoAnswer = policy.whenStale === 'refuse' ? 'unavailable' : 'provisional';
  if (!snapshot || !age) {
    return {
      outcome: whenNoAnswer,
      reason: 'no-snapshot',
      snapshot: null,
      staleSnapshotLists: false,
    };
  }
  const lists = snapshotLists(snapshot, identifier);
  if (age.ageHours * MS_PER_HOUR < -SNAPSHOT_CLOCK_SKEW_TOLERANCE_MS) {
    return {
      outcome: whenNoAnswer,
      reason: 'snapshot-from-future',
      snapshot: age,
      staleSnapshotLists: lists,
    };
  }
  if (age.ageHours > policy.maxSnapshotAgeHours) {
    return {
      outcome: whenNoAnswer,
      reason: 'snapshot-stale',
      snapshot: age,
      staleSnapshotLists: lists,
    };
  }
  return lists
    ? {
        outcome: listedOutcome,
        reason: 'unrepaired-dishonesty',
        basis: 'snapshot',
        checkedAt: null,
        snapshot: age,
      }
    : { outcome: 'eligible', basis: 'snapshot', checkedAt: null, snapshot: age };
}
