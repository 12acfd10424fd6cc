import type { Reconciliation, UnaccountedRecord } from '../../sync/reconcile';

/** One record of the day as the end-of-day list shows it: where it stands with the platform. */
export interface ReconciledRow {
  readonly recordId: string;
  readonly commitmentCode: string | null;
  readonly state: 'accepted' | 'rejected' | 'pending' | 'unaccounted';
  /** The platform's reasons, for a rejected record. */
  readonly codes: readonly string[];
  /** Why the record breaks the count, when it does. */
  readonly problems: readonly UnaccountedRecord['reason'][];
}

/**
 * Every record made, each once, with its state; then any record that is in none of the three lists
 * or disagrees with its chain. The count line and this list come from the same Reconciliation.
 */
export function reconciliationRows(rec: Reconciliation): ReconciledRow[] {
  const state = new Map<string, ReconciledRow['state']>();
  for (const r of rec.accepted) state.set(r.recordId, 'accepted');
  for (const r of rec.pending) state.set(r.recordId, 'pending');
  for (const r of rec.rejected) state.set(r.recordId, 'rejected');
  const codes = new Map(rec.rejected.map((r) => [r.recordId, r.codes]));
  const problems = new Map<string, UnaccountedRecord['reason'][]>();
  for (const u of rec.unaccounted)
    problems.set(u.recordId, [...(problems.get(u.recordId) ?? []), u.reason]);
  const rows: ReconciledRow[] = rec.made.map((r) => ({
    recordId: r.recordId,
    commitmentCode: r.commitmentCode,
    state: state.get(r.recordId) ?? 'unaccounted',
    codes: codes.get(r.recordId) ?? [],
    problems: problems.get(r.recordId) ?? [],
  }));
  const listed = new Set(rec.made.map((r) => r.recordId));
  for (const u of rec.unaccounted) {
    if (listed.has(u.recordId)) continue;
    listed.add(u.recordId);
    rows.push({
      recordId: u.recordId,
      commitmentCode: u.commitmentCode,
      state: 'unaccounted',
      codes: [],
      problems: problems.get(u.recordId) ?? [],
    });
  }
  return rows;
}
