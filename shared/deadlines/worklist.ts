import type { LocalizedText } from '../model';
import type { RecordView } from '../record/lifecycle';
import { addDays } from '../time';

/**
 * What a record still owes by a date: the department's check of the commitment, and each
 * material to follow not yet handed in. An item closes with the act that settles it (a
 * fulfilment finding; a `material.received` event) or with a void.
 */
export type DueItem =
  | { readonly kind: 'verification'; readonly dueBy: string }
  | {
      readonly kind: 'material';
      readonly materialId: string;
      readonly name: LocalizedText;
      readonly dueBy: string;
    };

export function openDueItems(view: RecordView): DueItem[] {
  const deadlines = view.signed.deadlines;
  if (!deadlines || view.state === 'voided') return [];
  const items: DueItem[] = [];
  // A finding settles the check; one withdrawn after an objection puts the record back to 'signed'.
  if (view.state === 'signed') items.push({ kind: 'verification', dueBy: deadlines.verifyBy });
  for (const m of deadlines.materials) {
    if (!(m.id in view.materialsReceived)) {
      items.push({ kind: 'material', materialId: m.id, name: m.name, dueBy: m.dueBy });
    }
  }
  return items.sort((a, b) => a.dueBy.localeCompare(b.dueBy));
}

/** A deadline the record has met: the day it closed, against the day it was due. */
export interface ClosedDueItem {
  readonly kind: DueItem['kind'];
  readonly dueBy: string;
  readonly closedOn: string;
}

/**
 * The deadlines a record has met (the statistics' "deadlines met"): the check, closed by the
 * finding in force (its finding date), and each material handed in (the day it was received). A
 * void closes nothing: what was owed was withdrawn, neither met nor missed.
 */
export function closedDueItems(view: RecordView): ClosedDueItem[] {
  const deadlines = view.signed.deadlines;
  if (!deadlines || view.state === 'voided') return [];
  const items: ClosedDueItem[] = [];
  if (view.state !== 'signed' && view.fulfilment) {
    items.push({
      kind: 'verification',
      dueBy: deadlines.verifyBy,
      closedOn: view.fulfilment.findingDate,
    });
  }
  for (const m of deadlines.materials) {
    const received = Object.hasOwn(view.materialsReceived, m.id)
      ? view.materialsReceived[m.id]
      : undefined;
    if (received) items.push({ kind: 'material', dueBy: m.dueBy, closedOn: received.receivedOn });
  }
  return items;
}

/** Met on time: closed on or before the day it was due. */
export function metOnTime(item: ClosedDueItem): boolean {
  return item.closedOn <= item.dueBy;
}

/** The earliest open deadline, or undefined when nothing is owed (the worklist's index). */
export function earliestDue(items: readonly DueItem[]): string | undefined {
  return items.reduce<string | undefined>(
    (min, i) => (min === undefined || i.dueBy < min ? i.dueBy : min),
    undefined,
  );
}

export const DUE_BUCKETS = ['overdue', 'today', 'week', 'later'] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];

/** The worklist's days ahead: today and the six days after it. */
export const WEEK_DAYS = 7;

export function dueBucket(dueBy: string, today: string): DueBucket {
  if (dueBy < today) return 'overdue';
  if (dueBy === today) return 'today';
  return dueBy < addDays(today, WEEK_DAYS) ? 'week' : 'later';
}

/** Whole days a deadline has passed, on the hall's calendar (0 when not overdue). */
export function daysOverdue(dueBy: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueBy}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}
