import type { Signer } from '../../shared/crypto/signing';
import { composeCommitmentPdf } from './commitment-pdf';
import type { CommitmentPdfInput } from './commitment-pdf';
import { savePadesSigned } from './sign/pades';

/** What the device signs the letter with: its own key, under the certificate from enrolment. */
export interface LetterSigning {
  readonly signer: Signer;
  /** The device certificate, DER (DeviceIdentity.certificate decoded). */
  readonly certificate: Uint8Array;
  /** In the letter's language: why the device signs, as PDF readers show it. */
  readonly reason: string;
}

/**
 * The commitment letter signed as a PDF (PAdES baseline B) by the device: the same pages as
 * buildCommitmentPdf, with an invisible signature whose claimed time is the record's signing time
 * and whose location is the accepting organ. Never for a reprint: a copy is not signed again.
 */
export async function buildSignedCommitmentPdf(
  input: CommitmentPdfInput,
  signing: LetterSigning,
): Promise<Uint8Array> {
  if (input.copy) throw new Error('a copy is never signed');
  const pdf = await composeCommitmentPdf(input);
  return savePadesSigned(pdf, {
    signer: signing.signer,
    certificate: signing.certificate,
    signingTime: new Date(input.record.signedAt),
    name: input.record.deviceId,
    reason: signing.reason,
    location: input.organ,
    appName: 'credit-commitment-kiosk',
  });
}
