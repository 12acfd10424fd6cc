import type { Catalogue } from '../catalogue/schema';
import { toCollectionItems } from './collection';
import { collectedTexts } from './collection-texts';
import type { RecordSignedPayload } from './events';

export type SignableCollection =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** no-matter: the catalogue has not the record's matter; invalid-item: an item of §9 fails. */
      readonly error: 'no-matter' | 'invalid-item';
      readonly paths: readonly string[];
    };

/**
 * Whether the record the kiosk is about to sign makes valid collection items (brief §9), with the
 * texts from the catalogue it pins. The platform refuses a record whose items do not hold, and a
 * signed record cannot be changed: such a record must not be signed at all, but taken up at the
 * counter.
 */
export function signableCollection(
  payload: RecordSignedPayload,
  catalogue: Catalogue,
): SignableCollection {
  const texts = collectedTexts(catalogue, payload.matter.code);
  if (!texts) return { ok: false, error: 'no-matter', paths: ['matter.code'] };
  const items = toCollectionItems({ state: 'signed', signed: payload, fulfilment: null }, texts);
  if (items.ok) return { ok: true };
  return { ok: false, error: 'invalid-item', paths: items.paths ?? [] };
}
