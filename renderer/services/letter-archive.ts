import { sha256Hex } from '../../shared/crypto/canonical';
import { createVerifiers } from '../../shared/crypto/providers';
import { letterVerdict } from '../../shared/evidence/letter-verdict';
import type { LetterVerdict } from '../../shared/evidence/letter-verdict';
import { parseCommitmentCode } from '../../shared/record/commitment-code';
import type { CopyStamp } from '../pdf/copy-stamp';
import type { FetchLike } from '../platform/client';
import { provisionedRootCertificates } from '../platform/provisioned-roots';
import { checkLetterSignatures } from '../pki/letter-signatures';
import { base64ToBytes } from '../pki/base64';
import { findMetaOf, readMetaOf } from '../store/meta';
import { deviceClient } from '../sync/deps';
import type { AppServices } from './app-services';

/**
 * Why an archived letter is not printed:
 * - `not-purged`: this device noted no purge of the record (so no signed hash to hold it to);
 * - `no-platform`: the device is not enrolled with a platform (demo);
 * - `offline`: the platform did not answer (network, timeout, busy);
 * - `refused`: it answered with an error other than "not found";
 * - `not-archived`: it holds no letter of the record for this hall;
 * - `differs`: the bytes are not the file it names, or their signatures, signer or signed hash
 *   do not hold.
 */
export type ArchiveProblem =
  'not-purged' | 'no-platform' | 'offline' | 'refused' | 'not-archived' | 'differs';

export type ArchivedLetter =
  | { readonly ok: true; readonly pdf: Uint8Array; readonly verdict: LetterVerdict }
  | { readonly ok: false; readonly problem: ArchiveProblem; readonly verdict?: LetterVerdict };

type ArchiveServices = Pick<AppServices, 'db' | 'device' | 'now'>;

/**
 * A reprint after the local retention purge: the letter the platform archived for this hall,
 * fetched and checked before anything is printed. Its bytes must be the file the platform says
 * (sha256), its device signature and timestamp must hold under the shipped roots, and the
 * document hash it signed must be the one this device noted when it purged the record (the hash
 * of the record.signed event). Anything else is refused with the verdict that says why.
 */
export async function fetchArchivedLetter(
  services: ArchiveServices,
  recordId: string,
  options: { readonly fetch?: FetchLike; readonly timeoutMs?: number } = {},
): Promise<ArchivedLetter> {
  const note = await readMetaOf(services.db, 'purged', recordId);
  if (!note?.documentHash) return { ok: false, problem: 'not-purged' };
  const client = await deviceClient(services.db, options);
  if (!client) return { ok: false, problem: 'no-platform' };
  const reply = await client.archivedLetter({ recordId });
  if (!reply.ok) {
    const { failure } = reply;
    if (failure.kind === 'http' && failure.code === 'not-found')
      return { ok: false, problem: 'not-archived' };
    return { ok: false, problem: failure.kind === 'http' ? 'refused' : 'offline' };
  }
  let pdf: Uint8Array;
  let verdict: LetterVerdict;
  try {
    pdf = base64ToBytes(reply.value.data);
    const facts = await checkLetterSignatures(
      pdf,
      provisionedRootCertificates(),
      createVerifiers(crypto.subtle),
      services.now(),
    );
    verdict = letterVerdict({
      ...facts,
      hallCode: services.device.hallCode,
      record: {
        found: true,
        deviceId: services.device.deviceId,
        documentHash: note.documentHash,
        commitmentCode: note.commitmentCode,
      },
    });
  } catch {
    // Bytes the verifier cannot even read are not the letter this device signed.
    return { ok: false, problem: 'differs' };
  }
  if (sha256Hex(pdf) !== reply.value.sha256 || verdict.overall !== 'valid')
    return { ok: false, problem: 'differs', verdict };
  return { ok: true, pdf, verdict };
}

export type ArchivedReprint =
  | {
      readonly ok: true;
      readonly recordId: string;
      readonly commitmentCode: string;
      /** The archived signed letter with the copy stamp added after its signed revisions. */
      readonly pdf: Uint8Array;
    }
  | {
      readonly ok: false;
      /** `bad-code`: not a commitment code; `on-device`: the record is still here (records list). */
      readonly problem: 'bad-code' | 'on-device' | ArchiveProblem;
    };

/**
 * The console's reprint of a purged record, by its commitment code: the purge note gives the
 * record and the hash it signed, the platform's archive gives the signed letter, which is checked
 * (fetchArchivedLetter) and then stamped as a copy in an update after its signatures, so the copy
 * still verifies and is never signed again. A record still on the device is reprinted from the
 * records list instead, from its own stored letter.
 */
export async function reprintArchivedLetter(
  services: ArchiveServices,
  commitmentCode: string,
  stamp: CopyStamp,
  options: { readonly fetch?: FetchLike; readonly timeoutMs?: number } = {},
): Promise<ArchivedReprint> {
  const code = commitmentCode.trim();
  if (!parseCommitmentCode(code).ok) return { ok: false, problem: 'bad-code' };
  if ((await services.db.records.where('commitmentCode').equals(code).count()) > 0)
    return { ok: false, problem: 'on-device' };
  const purged = await findMetaOf(services.db, 'purged', (n) => n.commitmentCode === code);
  if (!purged) return { ok: false, problem: 'not-purged' };
  const archived = await fetchArchivedLetter(services, purged.id, options);
  if (!archived.ok) return { ok: false, problem: archived.problem };
  const { stampAsCopy } = await import('../pdf/copy-stamp');
  return {
    ok: true,
    recordId: purged.id,
    commitmentCode: code,
    pdf: await stampAsCopy(archived.pdf, stamp),
  };
}
