import type { i18n as I18n } from 'i18next';
import fontUrl from '../../resources/fonts/NotoSansSC-Regular.ttf?url';
import { utf8ToBytes } from '@noble/hashes/utils';
import { sha256Hex } from '../../shared/crypto/canonical';
import type { CommitmentDocument } from '../../shared/document/model';
import { signerName } from '../../shared/entity';
import { verifyMarker, verifyUrl } from '../../shared/evidence/verify-link';
import { RecordSignedPayloadSchema, type RecordSignedPayload } from '../../shared/record/events';
import type { CommitmentPdfInput, PdfSignature } from '../pdf/commitment-pdf';
import { letterSigning } from '../device/letter-signing';
import { base64ToBytes } from '../pki/base64';
import { identificationLine } from './identification-text';
import type { AppServices } from './app-services';
import { documentBlobKey, letterBlobKey, signatureBlobKey } from '../store/blob-keys';
import type { RecordRow } from '../store/db';
import { loadSignedEvent } from '../store/records';

let fontBytes: Promise<Uint8Array> | undefined;
/** The bundled Noto Sans SC, fetched once: the letter's and the day report's font. */
export function bundledFont(): Promise<Uint8Array> {
  fontBytes ??= fetch(fontUrl).then(async (r) => {
    if (!r.ok) throw new Error(`font ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  });
  return fontBytes;
}

/** The exact letter the applicant signed, as stored with the record. */
export async function storedDocument(
  db: AppServices['db'],
  recordId: string,
): Promise<CommitmentDocument | null> {
  const blob = await db.blobs.get(documentBlobKey(recordId));
  if (!blob) return null;
  return JSON.parse(new TextDecoder().decode(blob.data)) as CommitmentDocument;
}

/**
 * The text the QR code carries: the platform's verify URL for the record and the hash of the
 * document it signed, which a phone opens (shared/evidence/verify-link.ts); without a platform
 * (demo), the same reference as a marker.
 */
export function verificationText(
  record: Pick<RecordRow, 'recordId'>,
  documentHash: string,
  platformUrl: string | null,
): string {
  const ref = { recordId: record.recordId, documentHash };
  return platformUrl ? verifyUrl(platformUrl, ref) : verifyMarker(ref);
}

/** The signed letter of a stored record as a PDF (a reprint is marked as a copy on every page). */
export async function letterPdf(
  services: Pick<AppServices, 'db' | 'catalogue' | 'device' | 'settings'>,
  i18n: I18n,
  record: RecordRow,
  options: {
    readonly copy: boolean;
    /** The platform's attested time of the record's signing, and its receipt number. */
    readonly platformTime?: string | null;
    readonly platformReceiptNo?: string | null;
  },
): Promise<Uint8Array> {
  const document = await storedDocument(services.db, record.recordId);
  if (!document) throw new Error('letter not stored');
  // A reprint of a letter the device signed: those very bytes (with their timestamp), stamped as
  // a copy in an update after them, so the copy still verifies and is never signed again.
  const kept = await services.db.blobs.get(letterBlobKey(record.recordId));
  if (options.copy && kept) {
    const [bytes, { stampAsCopy }] = await Promise.all([
      bundledFont(),
      import('../pdf/copy-stamp'),
    ]);
    const t = i18n.getFixedT(document.language);
    return stampAsCopy(kept.data, {
      mark: t('pdf.copyMark'),
      note: t('evidence.copyNote'),
      font: bytes,
    });
  }
  // The PDF engine (pdf-lib, fontkit) loads on first print, not at kiosk start-up.
  const [signature, bytes, { buildCommitmentPdf }, { pdfLabels }] = await Promise.all([
    services.db.blobs.get(signatureBlobKey(record.recordId)),
    bundledFont(),
    import('../pdf/commitment-pdf'),
    import('../pdf/labels'),
  ]);
  const event = await loadSignedEvent(services.db, record.recordId);
  const signed = RecordSignedPayloadSchema.safeParse(event?.payload);
  const documentHash = signed.success ? signed.data.document.hash : '';
  // The organ the record names, not today's catalogue's: a reprint keeps the letter's author.
  const organ = signed.success
    ? signed.data.acceptingOrgan.name[document.language]
    : (services.catalogue?.catalogue.hall.organ.name[document.language] ?? '');
  const printed = signed.success ? pdfSignature(signed.data, signature?.data) : undefined;
  const input: CommitmentPdfInput = {
    document,
    organ,
    font: bytes,
    ...(printed ? { signature: printed } : {}),
    record: {
      commitmentCode: record.commitmentCode,
      documentHash,
      signedAt: record.signedAt,
      deviceId: event?.deviceId ?? services.device.deviceId,
      platformTime: options.platformTime ?? null,
      platformReceiptNo: options.platformReceiptNo ?? null,
      photo: signed.success ? (signed.data.photo?.status ?? null) : null,
      identification: signed.success
        ? identificationLine(i18n.getFixedT(document.language), signed.data.identification)
        : null,
    },
    qr: {
      text: verificationText(record, documentHash, services.settings.platformUrl),
      marker: verifyMarker({ recordId: record.recordId, documentHash }),
    },
    copy: options.copy,
    labels: pdfLabels(i18n.getFixedT(document.language)),
  };
  // The original is signed by the device under its certificate (PAdES); a copy never is.
  if (options.copy || services.device.demo) return buildCommitmentPdf(input);
  // Signed once: the letter is kept as signed (and later timestamped on sync), and printing the
  // original again prints those bytes, never a second signature.
  if (kept) return kept.data;
  // The certificate and the very key it names, read now (device/letter-signing.ts): during a key
  // rotation the event signer has moved to a key whose certificate has not come yet. A device
  // without a certificate for a key it holds (demo, an older platform) prints it unsigned.
  const signing = await letterSigning(services.db);
  if (!signing) return buildCommitmentPdf(input);
  const { buildSignedCommitmentPdf } = await import('../pdf/signed-letter');
  const pdf = await buildSignedCommitmentPdf(input, {
    signer: signing.signer,
    certificate: base64ToBytes(signing.certificate),
    reason: i18n.getFixedT(document.language)('pdf.signatureReason'),
  });
  await services.db.blobs.put({
    key: letterBlobKey(record.recordId),
    mimeType: 'application/pdf',
    data: pdf,
  });
  return pdf;
}

/**
 * The signature as the record holds it: the drawn image, or the typed name with its witness (none
 * for a name the applicant confirmed alone). The
 * typed name is the signer's, bound by its hash in the record; a name that does not match it is
 * not printed, and the letter gets a blank line to sign on paper instead.
 */
function pdfSignature(
  payload: RecordSignedPayload,
  image: Uint8Array | undefined,
): PdfSignature | undefined {
  const { signature } = payload;
  if (signature.method === 'drawn') return image ? { png: image } : undefined;
  const typedName = signerName(payload.entity);
  if (sha256Hex(utf8ToBytes(typedName)) !== signature.imageHash) return undefined;
  if (signature.method === 'typed-name-confirmed') return { typedName, witnessClerkId: null };
  if (!signature.witnessClerkId) return undefined;
  return { typedName, witnessClerkId: signature.witnessClerkId };
}
