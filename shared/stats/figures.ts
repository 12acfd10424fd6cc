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
  /** The deadlines the record still owes (its check, each material to follow). */
  readonly openDue: readonly { readonly kind: DueKind; readonly dueBy: string }[];
  /** The deadlines it has met: closed by a finding or a material handed in, on time or late. */
  readonly closedDue: readonly { readonly kind: DueKind; readonly onTime: boolean }[];
}

/** The two kinds of deadline a record can owe (shared/deadlines/worklist.ts). */
export const DUE_KINDS = ['verification', 'material'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

const CountSchema = z.number().int().nonnegative();
/** [key, count] pairs, keys sorted; bounded so a platform answer cannot grow without limit. */
const pairs = <K extends z.ZodType<string>>(key: K, max: number) =>
  z.array(z.tuple([key, CountSchema])).max(max);

const DeadlineCountsSchema = z.strictObject({
  onTime: CountSchema,
  late: CountSchema,
  open: CountSchema,
  overdue: CountSchema,
});
export type DeadlineCounts = z.infer<typeof DeadlineCountsSchema>;

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
  /** Deadlines met on time, met late, and still open (of which overdue), by kind. */
  deadlinesMet: z.strictObject(
    Object.fromEntries(DUE_KINDS.map((k) => [k, DeadlineCountsSchema])) as Record<
      DueKind,
      typeof DeadlineCountsSchema
    >,
  ),
  provisional: CountSchema,
});
export type StatsFigures = z.infer<typeof StatsFiguresSchema>;

/** The longest range one request may ask for (the day series stays readable and bounded). */
export const MAX_RANGE_DAYS = 366;

function sorted<K extends string>(counts: Map<K, number>): [K, number][] {
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function bump<K>(counts: Map<K, number>, key: K, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** A record's fields that stay the same for all its deadlines: what one tally cell holds. */
export type StatsCell = Omit<StatsRecord, 'day' | 'openDue' | 'closedDue'>;

export interface StatsRange {
  readonly from: string;
  readonly to: string;
  readonly today: string;
}

/**
 * Adds up records, whole or as weighted cells: statsFigures feeds it one record at a time, the
 * device's tally (tally.ts) feeds it counts, and both end in the same figures.
 */
export class FiguresCounter {
  readonly #byDay = new Map<string, number>();
  readonly #byMatter = new Map<string, number>();
  readonly #byKind = new Map<EntityKind, number>();
  readonly #byType = new Map<CommitmentType, number>();
  readonly #byState = new Map<RecordState, number>();
  readonly #objections = { pending: 0, resolved: 0 };
  readonly #met = Object.fromEntries(
    DUE_KINDS.map((k) => [k, { onTime: 0, late: 0, open: 0, overdue: 0 }]),
  ) as Record<DueKind, DeadlineCounts>;
  #total = 0;
  #provisional = 0;

  constructor(readonly range: StatsRange) {}

  /** Whether a record signed on `day` is counted. */
  inRange(day: string): boolean {
    return day >= this.range.from && day <= this.range.to;
  }

  /** `n` records signed on `day` with these fields (the day must be in range). */
  cell(day: string, c: StatsCell, n: number): void {
    this.#total += n;
    bump(this.#byDay, day, n);
    bump(this.#byMatter, c.matterCode, n);
    bump(this.#byKind, c.entityKind, n);
    bump(this.#byType, c.commitmentType, n);
    bump(this.#byState, c.state, n);
    if (c.provisional) this.#provisional += n;
    if (c.objection === 'pending') this.#objections.pending += n;
    else if (c.objection !== 'none') this.#objections.resolved += n;
  }

  /** `n` deadlines still open, due on `dueBy`. */
  open(kind: DueKind, dueBy: string, n: number): void {
    const counts = this.#met[kind];
    if (dueBy < this.range.today) counts.overdue += n;
    else counts.open += n;
  }

  /** `n` deadlines met, on time or late. */
  closed(kind: DueKind, onTime: boolean, n: number): void {
    if (onTime) this.#met[kind].onTime += n;
    else this.#met[kind].late += n;
  }

  figures(): StatsFigures {
    // Months from days: far fewer keys than records, so a second small pass.
    const byMonth = new Map<string, number>();
    for (const [day, n] of this.#byDay) bump(byMonth, day.slice(0, 7), n);
    const state = (s: RecordState) => this.#byState.get(s) ?? 0;
    const total = this.#total;
    const met = this.#met;
    return {
      from: this.range.from,
      to: this.range.to,
      today: this.range.today,
      total,
      byDay: sorted(this.#byDay),
      byMonth: sorted(byMonth),
      byMatter: sorted(this.#byMatter),
      byEntityKind: sorted(this.#byKind),
      byType: sorted(this.#byType),
      byState: sorted(this.#byState),
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
      objections: { ...this.#objections },
      deadlines: {
        open: met.verification.open + met.material.open,
        overdue: met.verification.overdue + met.material.overdue,
      },
      deadlinesMet: { verification: { ...met.verification }, material: { ...met.material } },
      provisional: this.#provisional,
    };
  }
}

/**
 * The figures of the records signed from `from` to `to` (hall days, both included); deadlines
 * are overdue when their day is before `today`.
 */
export function statsFigures(records: Iterable<StatsRecord>, range: StatsRange): StatsFigures {
  const counter = new FiguresCounter(range);
  for (const r of records) {
    if (!counter.inRange(r.day)) continue;
    counter.cell(r.day, r, 1);
    for (const d of r.openDue) counter.open(d.kind, d.dueBy, 1);
    for (const d of r.closedDue) counter.closed(d.kind, d.onTime, 1);
  }
  return counter.figures();
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
