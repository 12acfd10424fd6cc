import type { PdfSignatures } from './pdf-signatures';
import type { VerifyReference } from './verify-link';

/**
 * What a verifier says about a letter, from the facts each check found: the PDF's signatures
 * (pdf-signatures.ts), their cryptography (checked by the caller against the shipped roots), and
 * the record the letter names as this hall holds it. Each finding is one sentence the clerk reads
 * (translated by its code); the overall answer is the worst of them.
 */

/** The device's CAdES signature as the caller's crypto found it. */
export interface CadesFacts {
  /** The CMS message digest equals the digest of the bytes the /ByteRange covers. */
  readonly digestMatches: boolean;
  /** The signature over the signed attributes holds under the certificate's key. */
  readonly signatureHolds: boolean;
  /** The certificate chains to a shipped root (and was valid at the claimed time). */
  readonly trusted: boolean;
  /** From the certificate's subject: CN and OU. */
  readonly deviceId: string | null;
  readonly hallCode: string | null;
}

export type TimestampFacts =
  | { readonly ok: true; readonly time: string; readonly tsa: string }
  | { readonly ok: false; readonly problem: string };

/** The record the letter names, as the verifier's hall knows it. */
export type RecordFacts =
  | { readonly found: false }
  | {
      readonly found: true;
      readonly deviceId: string;
      readonly documentHash: string;
      readonly commitmentCode: string;
    };

export type FindingCode =
  | 'no-signature'
  | 'range-malformed'
  | 'signature-valid'
  | 'bytes-altered'
  | 'signature-broken'
  | 'signer-trusted'
  | 'signer-unknown'
  | 'timestamp-valid'
  | 'timestamp-invalid'
  | 'timestamp-absent'
  | 'later-update'
  | 'no-reference'
  | 'record-matches'
  | 'record-hash-differs'
  | 'record-other-device'
  | 'record-unknown'
  | 'other-hall';

export type FindingLevel = 'ok' | 'note' | 'problem';

export interface Finding {
  readonly code: FindingCode;
  readonly level: FindingLevel;
  /** Values the sentence names (device id, time, hall, commitment code). */
  readonly params: Readonly<Record<string, string>>;
}

export type Overall = 'valid' | 'unsigned' | 'altered' | 'unknown-signer' | 'not-this-hall';

export interface LetterVerdict {
  readonly overall: Overall;
  readonly findings: readonly Finding[];
  readonly reference: VerifyReference | null;
}

export interface VerdictInput {
  readonly signatures: PdfSignatures;
  /** One per CAdES entry of `signatures`, in order; null where its CMS could not be read. */
  readonly cades: readonly (CadesFacts | null)[];
  /** One per timestamp entry, in order. */
  readonly timestamps: readonly TimestampFacts[];
  /** This hall's code (the verifying device's). */
  readonly hallCode: string;
  readonly record: RecordFacts;
}

const f = (
  code: FindingCode,
  level: FindingLevel,
  params: Record<string, string> = {},
): Finding => ({
  code,
  level,
  params,
});

export function letterVerdict(input: VerdictInput): LetterVerdict {
  const { signatures, hallCode, record } = input;
  const reference = signatures.reference;
  const findings: Finding[] = [];
  const cadesEntries = signatures.entries.filter((e) => e.kind === 'cades');
  if (cadesEntries.length === 0) {
    return { overall: 'unsigned', findings: [f('no-signature', 'problem')], reference };
  }
  let altered = false;
  let unknownSigner = false;
  let notHere = false;

  if (signatures.entries.some((e) => !e.wellFormed)) {
    altered = true;
    findings.push(f('range-malformed', 'problem'));
  }
  const device = input.cades[0] ?? null;
  input.cades.forEach((facts) => {
    if (!facts || !facts.digestMatches) {
      altered = true;
      findings.push(f('bytes-altered', 'problem'));
    } else if (!facts.signatureHolds) {
      altered = true;
      findings.push(f('signature-broken', 'problem'));
    } else {
      findings.push(f('signature-valid', 'ok', { device: facts.deviceId ?? '' }));
    }
    if (facts?.trusted) findings.push(f('signer-trusted', 'ok', { hall: facts.hallCode ?? '' }));
    else {
      unknownSigner = true;
      findings.push(f('signer-unknown', 'problem'));
    }
  });

  if (input.timestamps.length === 0) findings.push(f('timestamp-absent', 'note'));
  for (const ts of input.timestamps) {
    if (ts.ok) findings.push(f('timestamp-valid', 'ok', { time: ts.time, tsa: ts.tsa }));
    else {
      altered = true;
      findings.push(f('timestamp-invalid', 'problem', { problem: ts.problem }));
    }
  }
  // An update after the last signature changes what a reader shows without anyone signing it.
  if (signatures.unsignedTail > 0) findings.push(f('later-update', 'note'));

  if (device?.hallCode && device.hallCode !== hallCode) {
    notHere = true;
    findings.push(f('other-hall', 'problem', { hall: device.hallCode }));
  }
  if (!reference) {
    notHere = true;
    findings.push(f('no-reference', 'problem'));
  } else if (!record.found) {
    notHere = true;
    findings.push(f('record-unknown', 'problem', { record: reference.recordId }));
  } else if (record.documentHash !== reference.documentHash) {
    altered = true;
    findings.push(f('record-hash-differs', 'problem', { code: record.commitmentCode }));
  } else if (device?.deviceId && record.deviceId !== device.deviceId) {
    altered = true;
    findings.push(f('record-other-device', 'problem', { code: record.commitmentCode }));
  } else {
    findings.push(f('record-matches', 'ok', { code: record.commitmentCode }));
  }

  const overall: Overall = altered
    ? 'altered'
    : unknownSigner
      ? 'unknown-signer'
      : notHere
        ? 'not-this-hall'
        : 'valid';
  return { overall, findings, reference };
}
