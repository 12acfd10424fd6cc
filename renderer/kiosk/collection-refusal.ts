import type { Catalogue } from '../../shared/catalogue/schema';
import type { RecordSignedPayload } from '../../shared/record/events';
import { signableCollection } from '../../shared/record/signable-collection';
import { logProblem } from '../host/problem-log';

/** The refusal of a record whose brief §9 collection items do not hold. */
export const NOT_COLLECTABLE = 'not-collectable';

/**
 * The kiosk's last check before signing (SignedRecordInput.refuse): what the platform would refuse
 * is not signed, because a signed record cannot be corrected; the applicant goes to the counter.
 */
export function refuseUncollectable(
  catalogue: Catalogue,
): (payload: RecordSignedPayload) => string | null {
  return (payload) => {
    const collectable = signableCollection(payload, catalogue);
    if (collectable.ok) return null;
    logProblem('warn', 'submit.not-collectable', collectable.paths.join(','));
    return NOT_COLLECTABLE;
  };
}
