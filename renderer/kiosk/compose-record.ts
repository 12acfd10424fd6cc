import type { Catalogue } from '../../shared/catalogue/schema';
import { recordDeadlines } from '../../shared/deadlines/record-deadlines';
import { yearsAfter } from '../../shared/ids/calendar';
import { signablePrecheck } from '../../shared/precheck/rules';
import { commitmentCodeDay } from '../../shared/record/commitment-code';
import { defaultPublicationType, type RecordSignedPayload } from '../../shared/record/events';
import { identificationFor, meetsCardRequirement } from '../../shared/record/identification';
import type { KioskSession, PhotoCapture } from './session';

function photoEvidence(photo: PhotoCapture): NonNullable<RecordSignedPayload['photo']> {
  return photo.status === 'taken'
    ? { status: 'taken', imageHash: photo.imageHash, at: photo.at }
    : { status: photo.status };
}

/** The matter's validity from the day the commitment is made (the day in its code). */
function validUntil(code: string, years: number | null | undefined): string | null {
  if (years === null) return null;
  return yearsAfter(commitmentCodeDay(code), years ?? 1);
}

/**
 * The signed-record payload from a finished session. Returns null if the session is not complete:
 * the review screen only offers submit once every step has its answer.
 */
export function composeSignedPayload(
  session: KioskSession,
  catalogue: Catalogue,
  /** The clerk who ran the path for the applicant at the counter, if one did. */
  assistedBy: string | null = null,
  /** The hall requires the signer's ID card to be read (settings `requireIdCard`). */
  requireIdCard = false,
): ((commitmentCode: string) => RecordSignedPayload) | null {
  const { entity, document, documentHash, reading, signature, matterCode } = session;
  const matter = catalogue.matters.find((m) => m.code === matterCode);
  if (!entity || !document || !documentHash || !reading || !signature || !matter) return null;
  const precheck = session.precheck && signablePrecheck(session.precheck, matter.commitmentType);
  if (!precheck) return null;
  const identification = identificationFor(entity, session.identity, assistedBy !== null);
  if (!meetsCardRequirement(identification, requireIdCard)) return null;
  return (commitmentCode) => ({
    commitmentCode,
    matter: { code: matter.code, name: matter.name },
    commitmentType: matter.commitmentType,
    ...(matter.otherTypeName ? { commitmentTypeName: matter.otherTypeName['zh-CN'] } : {}),
    entity,
    identification,
    identifierWarnings: [...new Set(session.entityWarnings.map((w) => w.code))],
    document: {
      hash: documentHash,
      catalogueId: catalogue.catalogueId,
      catalogueVersion: catalogue.version,
      templateVersion: matter.templateVersion,
      language: document.language,
    },
    reading,
    signature:
      signature.method === 'drawn'
        ? { method: 'drawn', imageHash: signature.imageHash }
        : signature.method === 'typed-name-confirmed'
          ? { method: 'typed-name-confirmed', imageHash: signature.nameHash }
          : {
              method: 'typed-name-witnessed',
              imageHash: signature.nameHash,
              witnessClerkId: signature.witnessClerkId,
            },
    ...(session.photo ? { photo: photoEvidence(session.photo) } : {}),
    precheck,
    assisted: assistedBy ? { assisted: true, clerkId: assistedBy } : { assisted: false },
    validUntil: validUntil(commitmentCode, matter.validForYears),
    // From the letter's own day, so the record promises exactly the dates the letter prints.
    deadlines: recordDeadlines(matter, catalogue.calendar, document.preparedOn),
    publication: defaultPublicationType(entity.kind),
    acceptingOrgan: {
      name: catalogue.hall.organ.name,
      creditCode: catalogue.hall.organ.creditCode,
    },
  });
}
