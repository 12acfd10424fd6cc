import { z } from 'zod';
import {
  CommitmentTypeSchema,
  DateSchema,
  EntityKindSchema,
  type CommitmentType,
  type EntityKind,
} from '../model';
import { ObjectionResultSchema } from '../record/events';
import { RECORD_STATES, type ObjectionStatus, type RecordState } from '../record/lifecycle';
import {
  DUE_KINDS,
  FiguresCounter,
  type DueKind,
  type StatsCell,
  type StatsFigures,
  type StatsRange,
} from './figures';

/**
 * The statistics' running tally (issue 18): per hall day, counters of the records signed that day,
 * kept as records are written (renderer/store/tally.ts), so the figures of a year are read from a
 * few hundred small rows instead of every record (100,000 rows took 22 s).
 *
 * A day's counters are keyed by what a record contributes:
 * - `c` + its cell, the fields that are the same for the whole record: matter, entity kind,
 *   commitment type, state, objection, provisional (one count per record);
 * - `o` + kind + `|` + due day, each deadline still open (overdue is decided when read, by today);
 * - `m` + kind + `|1` (on time) or `|0` (late), each deadline met.
 */

/** What the tally reads of a stored record row: its clear fields only, never a sealed one. */
export interface TallySource {
  readonly day: string;
  readonly matterCode: string;
  readonly entityKind: EntityKind;
  /** Absent on rows written before the row carried it: the catalogue names it when read. */
  readonly commitmentType?: CommitmentType;
  readonly state: RecordState;
  readonly objection: ObjectionStatus;
  readonly provisional: 0 | 1;
  readonly due?: readonly { readonly kind: DueKind; readonly dueBy: string }[];
  readonly met?: readonly {
    readonly kind: DueKind;
    readonly dueBy: string;
    readonly closedOn: string;
  }[];
}

/** One hall day's counters: key → count, never a zero. */
export interface DayTally {
  readonly day: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** The counters one record adds (a key may repeat: two materials due the same day). */
export function tallyKeys(r: TallySource): string[] {
  const cell = JSON.stringify([
    r.matterCode,
    r.entityKind,
    r.commitmentType ?? null,
    r.state,
    r.objection,
    r.provisional,
  ]);
  return [
    `c${cell}`,
    ...(r.due ?? []).map((d) => `o${d.kind}|${d.dueBy}`),
    ...(r.met ?? []).map((m) => `m${m.kind}|${m.closedOn <= m.dueBy ? 1 : 0}`),
  ];
}

/** Day → key → count, changed in place; a count that reaches zero is removed. */
export type TallyDelta = Map<string, Map<string, number>>;

/** Adds (`sign` 1) or takes away (-1) one record's counters. */
export function addToTally(delta: TallyDelta, r: TallySource, sign: 1 | -1): void {
  let day = delta.get(r.day);
  if (!day) delta.set(r.day, (day = new Map()));
  for (const key of tallyKeys(r)) day.set(key, (day.get(key) ?? 0) + sign);
}

/** A day's stored counters with a delta applied; null when nothing is left to count. */
export function applyDelta(
  day: string,
  stored: DayTally | undefined,
  delta: ReadonlyMap<string, number>,
): DayTally | null {
  const counts = new Map(Object.entries(stored?.counts ?? {}));
  for (const [key, n] of delta) {
    const next = (counts.get(key) ?? 0) + n;
    if (next === 0) counts.delete(key);
    else counts.set(key, next);
  }
  return counts.size === 0 ? null : { day, counts: Object.fromEntries(counts) };
}

/** The tally of these rows, counted afresh (the upgrade, and the proof of the running one). */
export function tallyOf(rows: Iterable<TallySource>): DayTally[] {
  const delta: TallyDelta = new Map();
  for (const row of rows) addToTally(delta, row, 1);
  const days: DayTally[] = [];
  for (const [day, counts] of delta) {
    const tally = applyDelta(day, undefined, counts);
    if (tally) days.push(tally);
  }
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

const CellSchema = z.tuple([
  z.string().min(1).max(64),
  EntityKindSchema,
  CommitmentTypeSchema.nullable(),
  z.enum(RECORD_STATES),
  z.union([
    z.enum(['none', 'pending']),
    z.templateLiteral(['resolved:', ObjectionResultSchema]),
  ]) as z.ZodType<ObjectionStatus>,
  z.union([z.literal(0), z.literal(1)]),
]);
const DueKindSchema = z.enum(DUE_KINDS);
const OpenSchema = z.tuple([DueKindSchema, DateSchema]);
const MetSchema = z.tuple([DueKindSchema, z.enum(['0', '1'])]);

/** The decoded counter keys: a year repeats the same few hundred, so each is read once. */
type Decoded =
  | { readonly c: Omit<StatsCell, 'commitmentType'> & { readonly type: CommitmentType | null } }
  | { readonly o: readonly [DueKind, string] }
  | { readonly m: readonly [DueKind, boolean] }
  | null;

function decode(key: string): Decoded {
  const body = key.slice(1);
  switch (key[0]) {
    case 'c': {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return null;
      }
      const cell = CellSchema.safeParse(json);
      if (!cell.success) return null;
      const [matterCode, entityKind, type, state, objection, provisional] = cell.data;
      return {
        c: {
          matterCode,
          entityKind,
          type,
          state,
          objection,
          provisional: provisional === 1,
        },
      };
    }
    case 'o': {
      const open = OpenSchema.safeParse(body.split('|'));
      return open.success ? { o: open.data } : null;
    }
    case 'm': {
      const met = MetSchema.safeParse(body.split('|'));
      return met.success ? { m: [met.data[0], met.data[1] === '1'] } : null;
    }
    default:
      return null;
  }
}

/**
 * The figures from the tally rows of the days from `from` to `to`: the same figures as
 * statsFigures over the same records (proved in test/unit/renderer/store/tally.test.ts). `typeOf`
 * names the commitment type of rows stored without it; a matter the catalogue no longer has
 * counts as 'other'. A counter this version cannot read is skipped, never guessed at.
 */
export function figuresFromTally(
  days: Iterable<DayTally>,
  range: StatsRange,
  typeOf: (matterCode: string) => CommitmentType | undefined,
): StatsFigures {
  const counter = new FiguresCounter(range);
  const decoded = new Map<string, Decoded>();
  for (const { day, counts } of days) {
    if (!counter.inRange(day)) continue;
    for (const [key, n] of Object.entries(counts)) {
      if (!Number.isSafeInteger(n) || n <= 0) continue;
      let d = decoded.get(key);
      if (d === undefined) decoded.set(key, (d = decode(key)));
      if (d === null) continue;
      if ('c' in d) {
        const { type, ...cell } = d.c;
        counter.cell(
          day,
          { ...cell, commitmentType: type ?? typeOf(cell.matterCode) ?? 'other' },
          n,
        );
      } else if ('o' in d) counter.open(d.o[0], d.o[1], n);
      else counter.closed(d.m[0], d.m[1], n);
    }
  }
  return counter.figures();
}
