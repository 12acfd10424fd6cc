/**
 * Local retention (issue #6): a synced record older than the hall's retention period leaves the
 * device; an unsynced one never does, however old, because the device holds its only copy.
 */
import { addDays } from '../time';

export interface RetentionCandidate {
  readonly recordId: string;
  /** Hall-local day the record was signed, YYYY-MM-DD. */
  readonly day: string;
  readonly synced: 0 | 1;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** The first day that is still kept: records signed before it may go. */
export function retentionCutoff(today: string, retentionDays: number): string {
  if (!ISO_DAY.test(today)) throw new RangeError('today must be YYYY-MM-DD');
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError('retentionDays must be a positive integer');
  return addDays(today, -retentionDays);
}

/** Ids of the records that may be purged locally today. */
export function selectPurgeable(
  rows: readonly RetentionCandidate[],
  today: string,
  retentionDays: number,
): string[] {
  const cutoff = retentionCutoff(today, retentionDays);
  return rows.filter((r) => r.synced === 1 && r.day < cutoff).map((r) => r.recordId);
}

/**
 * What a purged record's event keeps as its payload. The payload is what holds personal data (the
 * signed event's entity: name, identifiers, phone, representative, agent), so it goes; the
 * envelope (seq, hash, prevHash, sig) stays, so the chain's links and the device's signatures over
 * the stored hashes remain checkable, though the content hash of a purged event cannot be
 * recomputed: the platform holds the full event. The signed event keeps its commitment code, which
 * names no person and which the day's reconciliation counts the record by.
 */
export type PurgedPayload = { readonly purged: true; readonly commitmentCode?: string };

export function purgedPayload(
  type: string,
  payload: Readonly<Record<string, unknown>>,
): PurgedPayload {
  const code = payload.commitmentCode;
  if (type === 'record.signed' && typeof code === 'string') {
    return { purged: true, commitmentCode: code };
  }
  return { purged: true };
}
