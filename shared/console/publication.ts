import type { FulfilmentStatus } from '../record/events';
import type { RecordView } from '../record/lifecycle';

/**
 * What the public query shows of a record (brief §6.5, §7): only records published as 'public',
 * not voided and not withdrawn after an objection; and once the entity has repaired its credit,
 * the breach finding is no longer published: the record says it was repaired instead.
 */
export function isPublished(view: RecordView): boolean {
  return (
    view.signed.publication === 'public' && view.state !== 'voided' && !view.publicationWithdrawn
  );
}

export type PublishedFinding = FulfilmentStatus | 'repaired' | null;

export function publishedFinding(view: RecordView): PublishedFinding {
  if (view.state === 'repaired') return 'repaired';
  return view.fulfilment?.status ?? null;
}
