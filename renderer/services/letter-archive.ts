import { sha256Hex } from '../../shared/crypto/canonical';
import { createVerifiers } from '../../shared/crypto/providers';
import { letterVerdict } from '../../shared/evidence/letter-verdict';
import type { LetterVerdict } from '../../shared/evidence/letter-verdict';
import { provisionedRootCertificates } from '../platform/provisioned-roots';
import { checkLetterSignatures } from '../pki/letter-signatures';
import { base64ToBytes } from '../pki/base64';
import { readMetaOf } from '../store/meta';
import { deviceClient } from '../sync/deps';
import type { AppServices } from './app-services';

export type ArchivedLetter =
  | { readonly ok: true; readonly pdf: Uint8Array; readonly verdict: LetterVerdict }
  | {
      readonly ok: false;
      readonly problem: 'not-purged' | 'offline' | 'not-archived' | 'differs';
      readonly verdict?: LetterVerdict;
    };

/**
 * A reprint after the local retention purge: the letter the platform archived for this hall,
 * fetched and checked before anything is printed. Its bytes must be the file the platform says
 * (sha256), its device signature and timestamp must hold under the shipped roots, and the
 * document hash it signed must be the one this device noted when it purged the record (the hash
 * of the record.signed event). Anything else is refused with the verdict that says why.
 */
export async function fetchArchivedLetter(
  services: Pick<AppServices, 'db' | 'device' | 'now'>,
  recordId: string,
): Promise<ArchivedLetter> {
  const note = await readMetaOf(services.db, 'purged', recordId);
  if (!note?.documentHash) return { ok: false, problem: 'not-purged' };
  const client = await deviceClient(services.db);
  if (!client) return { ok: false, problem: 'offline' };
  const reply = await client.archivedLetter({ recordId });
  if (!reply.ok)
    return {
      ok: false,
      problem:
        'code' in reply.failure && reply.failure.code === 'not-found' ? 'not-archived' : 'offline',
    };
  const pdf = base64ToBytes(reply.value.data);
  const facts = await checkLetterSignatures(
    pdf,
    provisionedRootCertificates(),
    createVerifiers(crypto.subtle),
    services.now(),
  );
  const verdict = letterVerdict({
    ...facts,
    hallCode: services.device.hallCode,
    record: {
      found: true,
      deviceId: services.device.deviceId,
      documentHash: note.documentHash,
      commitmentCode: note.commitmentCode,
    },
  });
  if (sha256Hex(pdf) !== reply.value.sha256 || verdict.overall !== 'valid')
    return { ok: false, problem: 'differs', verdict };
  return { ok: true, pdf, verdict };
}
