import { z } from 'zod';
import {
  COMMITMENT_TYPES,
  CommitmentTypeSchema,
  DateSchema,
  ENTITY_KINDS,
  EntityKindSchema,
  type CommitmentType,
  type EntityKind,
} from '../model';
import { RECORD_STATES, type ObjectionStatus, type RecordState } from '../record/lifecycle';

/**
 * The hall manager's figures (issue 18): commitments by day, month, matter, entity kind and type,
 * their outcomes, the deadlines still owed, and the share of provisional pre-checks. Pure, one
 * pass over the records, so the same function counts one device's store and the platform's hall.
 * Every label is a machine key; the console names them in the reader's language.
 */

/** What the figures need of one record: a few fields, cheap to read from an index row. */
export interface StatsRecord {
  /** The hall day the record was signed, YYYY-MM-DD. */
  readonly day: string;
  readonly matterCode: string;
  readonly entityKind: EntityKind;
  readonly commitmentType: CommitmentType;
  readonly state: RecordState;
  readonly objection: ObjectionStatus;
  /** Signed on a provisional pre-check (offline) still awaiting its re-check on sync. */
  readonly provisional: boolean;
  /** The days of the deadlines the record still owes (its check, each material to follow). */
  readonly openDue: readonly string[];
}

const CountSchema = z.number().int().nonnegative();
/** [key, count] pairs, keys sorted; bounded so a platform answer cannot grow without limit. */
const pairs = <K extends z.ZodType<string>>(key: K, max: number) =>
  z.array(z.tuple([key, CountSchema])).max(max);

export const OUTCOMES = [
  'made',
  'awaiting',
  'kept',
  'partlyKept',
  'breached',
  'revoked',
  'repairing',
  'repaired',
  'voided',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const StatsFiguresSchema = z.strictObject({
  from: DateSchema,
  to: DateSchema,
  /** The day overdue deadlines were counted against. */
  today: DateSchema,
  total: CountSchema,
  byDay: pairs(DateSchema, 400),
  byMonth: pairs(z.string().regex(/^\d{4}-\d{2}$/), 400),
  byMatter: pairs(z.string().min(1).max(64), 2000),
  byEntityKind: pairs(EntityKindSchema, ENTITY_KINDS.length),
  byType: pairs(CommitmentTypeSchema, COMMITMENT_TYPES.length),
  byState: pairs(z.enum(RECORD_STATES), RECORD_STATES.length),
  outcomes: z.strictObject(
    Object.fromEntries(OUTCOMES.map((o) => [o, CountSchema])) as Record<
      Outcome,
      typeof CountSchema
    >,
  ),
  objections: z.strictObject({ pending: CountSchema, resolved: CountSchema }),
  deadlines: z.strictObject({ open: CountSchema, overdue: CountSchema }),
  provisional: CountSchema,
});
export type StatsFigures = z.infer<typeof StatsFiguresSchema>;

/** The longest range one request may ask for (the day series stays readable and bounded). */
export const MAX_RANGE_DAYS = 366;

function sorted<K extends string>(counts: Map<K, number>): [K, number][] {
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * The figures of the records signed from `from` to `to` (hall days, both included); deadlines
 * are overdue when their day is before `today`.
 */
export function statsFigures(
  records: Iterable<StatsRecord>,
  range: { readonly from: string; readonly to: string; readonly today: string },
): StatsFigures {
  const byDay = new Map<string, number>();
  const byMatter = new Map<string, number>();
  const byKind = new Map<EntityKind, number>();
  const byType = new Map<CommitmentType, number>();
  const byState = new Map<RecordState, number>();
  const objections = { pending: 0, resolved: 0 };
  const deadlines = { open: 0, overdue: 0 };
  let total = 0;
  let provisional = 0;
  for (const r of records) {
    if (r.day < range.from || r.day > range.to) continue;
    total += 1;
    bump(byDay, r.day);
    bump(byMatter, r.matterCode);
    bump(byKind, r.entityKind);
    bump(byType, r.commitmentType);
    bump(byState, r.state);
    if (r.provisional) provisional += 1;
    if (r.objection === 'pending') objections.pending += 1;
    else if (r.objection !== 'none') objections.resolved += 1;
    for (const day of r.openDue) {
      if (day < range.today) deadlines.overdue += 1;
      else deadlines.open += 1;
    }
  }
  // Months from days: far fewer keys than records, so a second small pass.
  const byMonth = new Map<string, number>();
  for (const [day, n] of byDay)
    byMonth.set(day.slice(0, 7), (byMonth.get(day.slice(0, 7)) ?? 0) + n);
  const state = (s: RecordState) => byState.get(s) ?? 0;
  return {
    from: range.from,
    to: range.to,
    today: range.today,
    total,
    byDay: sorted(byDay),
    byMonth: sorted(byMonth),
    byMatter: sorted(byMatter),
    byEntityKind: sorted(byKind),
    byType: sorted(byType),
    byState: sorted(byState),
    outcomes: {
      made: total,
      awaiting: state('signed'),
      kept: state('kept'),
      partlyKept: state('partly-kept'),
      // A breach stays a breach through revocation and repair: the manager's figure counts them all.
      breached: state('broken') + state('revoked') + state('repairing') + state('repaired'),
      revoked: state('revoked'),
      repairing: state('repairing'),
      repaired: state('repaired'),
      voided: state('voided'),
    },
    objections,
    deadlines,
    provisional,
  };
}

/**
 * A share as a whole percentage with one decimal, or null when there is nothing to share (a
 * rate of 0 % over no findings would mislead).
 */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Findings made: the denominator of the fulfilment and breach rates. */
export function findings(f: StatsFigures): number {
  return f.outcomes.kept + f.outcomes.partlyKept + f.outcomes.breached;
}
