import type { EntityKind } from '../model';
import type { RecordState } from '../record/lifecycle';
import type { IdentificationMethod } from '../record/identification';
import type { RecordSignedPayload } from '../record/events';

/**
 * The end-of-day figures of one hall device, from local data only. Pure: the console gathers the
 * day's rows, events and outbox entries and renders the result as PDF and CSV in the clerk's
 * language; every label here is a machine key.
 */

export interface ReportRecord {
  readonly commitmentCode: string;
  readonly matterCode: string;
  readonly entityKind: EntityKind;
  readonly state: RecordState;
  readonly synced: 0 | 1;
  /** The pre-check the record was signed on, and the re-check on sync when it was provisional. */
  readonly precheck: 'eligible' | 'provisional' | 'eligible-for-repair';
  readonly recheck: 'eligible' | 'not-eligible' | null;
  /** How the record's signer and entity were identified (record/identification.ts); [] before it. */
  readonly methods?: readonly IdentificationMethod[];
  /** How the record was signed: drawn, typed and witnessed by a clerk, or typed and confirmed. */
  readonly signature: SignatureMethod;
}

export type SignatureMethod = RecordSignedPayload['signature']['method'];

/** A record signed before identification was recorded counts under this key. */
export type MethodKey = IdentificationMethod | 'not-recorded';

export type OutboxStateName = 'pending' | 'accepted' | 'duplicate' | 'rejected';

export interface ReportEvent {
  readonly eventId: string;
  /** null when the event has no outbox entry, which should never happen and is reported. */
  readonly outbox: OutboxStateName | null;
}

export interface Reconciliation {
  readonly events: number;
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly pending: number;
  readonly missing: number;
  /** accepted + duplicate + rejected + pending === events, and nothing missing. */
  readonly balanced: boolean;
}

export interface ProvisionalLine {
  readonly commitmentCode: string;
  readonly outcome: 'awaiting-recheck' | 'eligible' | 'not-eligible';
}

export interface DailyReport {
  readonly day: string;
  readonly records: number;
  readonly synced: number;
  readonly byMatter: readonly (readonly [string, number])[];
  readonly byState: readonly (readonly [RecordState, number])[];
  readonly byEntityKind: readonly (readonly [EntityKind, number])[];
  /** Records per identification method; one record with a card read and a licence QR counts in both. */
  readonly byMethod: readonly (readonly [MethodKey, number])[];
  /** Records per signing method: a typed name confirmed by declaration stands out for review. */
  readonly bySignature: readonly (readonly [SignatureMethod, number])[];
  readonly reconciliation: Reconciliation;
  readonly provisional: readonly ProvisionalLine[];
  /** Credit repairs by entities the pre-check found with an unrepaired record (brief §6.5). */
  readonly repairsByListed: readonly string[];
}

function countBy<K extends string>(items: readonly K[]): (readonly [K, number])[] {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

export function reconcile(events: readonly ReportEvent[]): Reconciliation {
  const tally = { accepted: 0, duplicate: 0, rejected: 0, pending: 0, missing: 0 };
  for (const e of events) tally[e.outbox ?? 'missing'] += 1;
  const settled = tally.accepted + tally.duplicate + tally.rejected + tally.pending;
  return {
    events: events.length,
    ...tally,
    balanced: tally.missing === 0 && settled === events.length,
  };
}

export function dailyReport(input: {
  readonly day: string;
  readonly records: readonly ReportRecord[];
  readonly events: readonly ReportEvent[];
}): DailyReport {
  const { records } = input;
  return {
    day: input.day,
    records: records.length,
    synced: records.filter((r) => r.synced === 1).length,
    byMatter: countBy(records.map((r) => r.matterCode)),
    byState: countBy(records.map((r) => r.state)),
    byEntityKind: countBy(records.map((r) => r.entityKind)),
    byMethod: countBy(
      records.flatMap((r): MethodKey[] =>
        r.methods && r.methods.length > 0 ? [...r.methods] : ['not-recorded'],
      ),
    ),
    bySignature: countBy(records.map((r) => r.signature)),
    reconciliation: reconcile(input.events),
    provisional: records
      .filter((r) => r.precheck === 'provisional')
      .map((r) => ({ commitmentCode: r.commitmentCode, outcome: r.recheck ?? 'awaiting-recheck' })),
    repairsByListed: records
      .filter((r) => r.precheck === 'eligible-for-repair')
      .map((r) => r.commitmentCode),
  };
}
