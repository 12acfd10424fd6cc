import { createVerifiers } from '../../shared/crypto/providers';
import { letterVerdict } from '../../shared/evidence/letter-verdict';
import type { LetterVerdict, RecordFacts } from '../../shared/evidence/letter-verdict';
import { RecordSignedPayloadSchema } from '../../shared/record/events';
import { provisionedRootCertificates } from '../platform/provisioned-roots';
import { checkLetterSignatures } from '../pki/letter-signatures';
import { readMetaOf } from '../store/meta';
import { loadSignedEvent } from '../store/records';
import type { AppServices } from './app-services';

/** A PDF larger than any letter the kiosk writes (about 120 kB) is refused unread. */
export const MAX_VERIFY_PDF_BYTES = 4 * 1024 * 1024;

export type LetterCheck =
  | { readonly ok: true; readonly verdict: LetterVerdict }
  | { readonly ok: false; readonly problem: 'too-large' | 'not-a-pdf' };

/** The record the letter names, as this device holds it (its signed event). */
async function recordFacts(db: AppServices['db'], recordId: string): Promise<RecordFacts> {
  const event = await loadSignedEvent(db, recordId);
  const signed = RecordSignedPayloadSchema.safeParse(event?.payload);
  if (event && !signed.success) {
    // Purged: the event's envelope stays, and the note kept the hash it signed.
    const note = await readMetaOf(db, 'purged', recordId);
    if (note?.documentHash)
      return {
        found: true,
        deviceId: event.deviceId,
        documentHash: note.documentHash,
        commitmentCode: note.commitmentCode,
      };
  }
  if (!event || !signed.success) return { found: false };
  return {
    found: true,
    deviceId: event.deviceId,
    documentHash: signed.data.document.hash,
    commitmentCode: signed.data.commitmentCode,
  };
}

/**
 * The console's "verify a letter": the PDF's signatures and timestamps against the shipped roots,
 * and the record it names against this hall's own copy of that record. Offline: nothing is asked
 * of the platform.
 */
export async function checkLetterFile(
  services: Pick<AppServices, 'db' | 'device' | 'now'>,
  bytes: Uint8Array,
): Promise<LetterCheck> {
  if (bytes.length > MAX_VERIFY_PDF_BYTES) return { ok: false, problem: 'too-large' };
  if (String.fromCharCode(...bytes.subarray(0, 5)) !== '%PDF-')
    return { ok: false, problem: 'not-a-pdf' };
  const facts = await checkLetterSignatures(
    bytes,
    provisionedRootCertificates(),
    createVerifiers(crypto.subtle),
    services.now(),
  );
  const reference = facts.signatures.reference;
  const record: RecordFacts = reference
    ? await recordFacts(services.db, reference.recordId)
    : { found: false };
  return {
    ok: true,
    verdict: letterVerdict({ ...facts, hallCode: services.device.hallCode, record }),
  };
}
