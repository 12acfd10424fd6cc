import { sha256 } from '@noble/hashes/sha2';
import { PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { arrayEntry, latin1, openRevision, withEntry, writeUpdate } from './incremental';
import type { UpdateObject } from './incremental';

/**
 * A document timestamp (PAdES, ETSI EN 319 142-1 §5.4; ISO 32000-2 §12.8.5): a second signature
 * field, /Type /DocTimeStamp with sub-filter ETSI.RFC3161, added to the signed letter in an
 * incremental update. Its /Contents is the platform's RFC 3161 TimeStampToken over the SHA-256 of
 * every byte of the file outside that /Contents, so it attests that the device-signed revision
 * (kept byte for byte as the first part of the file) existed at the platform's time.
 *
 * Two steps, since the token comes from the platform: `prepareDocumentTimestamp` writes the update
 * with an empty hole and says what digest to ask for; `embedTimestampToken` fills the hole.
 */

/** Room for the token: one TSA certificate and an ECDSA signature take about 1.1 kB. */
export const TIMESTAMP_CAPACITY = 6144;
const FIELD_NAME = 'DocumentTimestamp';
const RANGE_PLACEHOLDER = `[ 0 ${'/********** '.repeat(3)}]`;

export interface PreparedTimestamp {
  /** The signed letter followed by the update, its /Contents still empty. */
  readonly bytes: Uint8Array;
  /** Where the signed letter ends: its bytes are the prefix of `bytes`, unchanged. */
  readonly revisionLength: number;
  readonly byteRange: readonly [number, number, number, number];
  /** SHA-256 of the bytes the byte range covers: what the timestamp token must attest. */
  readonly digest: Uint8Array;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function prepareDocumentTimestamp(signed: Uint8Array): Promise<PreparedTimestamp> {
  const revision = await openRevision(signed);
  const { pdf } = revision;
  const page = pdf.getPages().at(-1);
  if (!page) throw new Error('a PDF without pages cannot be timestamped');
  const root = pdf.context.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw new Error('no document catalogue');

  const sigRef = revision.allocate();
  const widgetRef = revision.allocate();
  const objects: UpdateObject[] = [
    {
      ref: sigRef,
      body:
        `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 ` +
        `/ByteRange ${RANGE_PLACEHOLDER} /Contents <${'0'.repeat(TIMESTAMP_CAPACITY * 2)}> >>`,
    },
    {
      ref: widgetRef,
      // Invisible, printed, locked (as the device signature's widget).
      body:
        `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V ${String(sigRef)} ` +
        `/T (${FIELD_NAME}) /F 132 /P ${String(page.ref)} >>`,
    },
  ];
  const annots = arrayEntry(pdf, page.node, 'Annots');
  annots.push(widgetRef);
  objects.push({ ref: page.ref, body: withEntry(page.node, 'Annots', annots).toString() });

  // The form lists the new field: the AcroForm object is rewritten (or the catalogue, when the
  // form is a direct dictionary in it).
  const formValue = pdf.catalog.get(PDFName.of('AcroForm'));
  const form = formValue instanceof PDFRef ? pdf.context.lookup(formValue) : formValue;
  const formDict = form instanceof PDFDict ? form : pdf.context.obj({ SigFlags: 3 });
  const fields = arrayEntry(pdf, formDict, 'Fields');
  fields.push(widgetRef);
  const newForm = withEntry(formDict, 'Fields', fields);
  if (formValue instanceof PDFRef) objects.push({ ref: formValue, body: newForm.toString() });
  else objects.push({ ref: root, body: withEntry(pdf.catalog, 'AcroForm', newForm).toString() });

  const update = writeUpdate(revision, objects);
  const bytes = new Uint8Array(signed.length + update.length);
  bytes.set(signed);
  bytes.set(latin1(update), signed.length);

  const contentsAt = update.indexOf('/Contents <');
  const rangeAt = update.indexOf(RANGE_PLACEHOLDER);
  if (contentsAt < 0 || rangeAt < 0) throw new Error('timestamp placeholder not written');
  const start = signed.length + contentsAt + '/Contents '.length;
  const end = start + TIMESTAMP_CAPACITY * 2 + 2;
  const byteRange = [0, start, end, bytes.length - end] as const;
  const numbers = `[ ${byteRange.join(' ')} ]`.padEnd(RANGE_PLACEHOLDER.length, ' ');
  if (numbers.length !== RANGE_PLACEHOLDER.length) throw new Error('byte range does not fit');
  bytes.set(latin1(numbers), signed.length + rangeAt);

  const hash = sha256.create();
  hash.update(bytes.subarray(0, start));
  hash.update(bytes.subarray(end));
  return { bytes, revisionLength: signed.length, byteRange, digest: hash.digest() };
}

/** The prepared file with the token (DER) in its /Contents: the timestamped letter. */
export function embedTimestampToken(prepared: PreparedTimestamp, token: Uint8Array): Uint8Array {
  if (token.length === 0 || token.length > TIMESTAMP_CAPACITY)
    throw new Error('timestamp token does not fit its placeholder');
  const out = prepared.bytes.slice();
  out.set(latin1(hex(token)), prepared.byteRange[1] + 1);
  return out;
}
