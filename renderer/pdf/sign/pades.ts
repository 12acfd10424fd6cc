import { PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { PDFDocument } from 'pdf-lib';
import type { Signer } from '../../../shared/crypto/signing';
import { signDetachedCms } from './cms';

/**
 * A PAdES baseline B signature (ETSI EN 319 142-1) on a pdf-lib document: a signature field
 * whose value dictionary has a /Contents hole and a /ByteRange, written out, then the hole filled
 * with a CAdES detached signature over every byte outside it. The signature is invisible (the
 * letter already shows the handwritten signature and the record); readers list it in their
 * signature panel. The claimed signing time is /M, not a CMS attribute, as PAdES asks.
 */

/** Room for the CMS: one certificate and an ECDSA signature take about 1.2 kB; the RFC 3161
 * timestamp a later revision adds lives in its own field. */
export const SIGNATURE_CAPACITY = 8192;
const BYTE_RANGE_PLACEHOLDER = '**********';
const SIGNED_NAME = 'DeviceSignature';

export interface PadesSigning {
  readonly signer: Signer;
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** The claimed signing time, written as /M. */
  readonly signingTime: Date;
  /** Who signed (the device), why, and where, as readers show them. */
  readonly name: string;
  readonly reason: string;
  readonly location: string;
  /** The /Prop_Build application name. */
  readonly appName: string;
}

/** Adds the signature field to the last page, where the letter is signed. */
function addPlaceholder(pdf: PDFDocument, signing: PadesSigning): void {
  const { context } = pdf;
  const placeholder = PDFName.of(BYTE_RANGE_PLACEHOLDER);
  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, placeholder, placeholder, placeholder],
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_CAPACITY * 2)),
    M: PDFString.fromDate(signing.signingTime),
    Name: PDFHexString.fromText(signing.name),
    Reason: PDFHexString.fromText(signing.reason),
    Location: PDFHexString.fromText(signing.location),
    Prop_Build: { App: { Name: PDFName.of(signing.appName) } },
  });
  const pages = pdf.getPages();
  const page = pages[pages.length - 1];
  if (!page) throw new Error('a PDF without pages cannot be signed');
  const appearance = context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} });
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: context.register(signature),
      T: PDFString.of(SIGNED_NAME),
      // Print; and locked, so no reader offers to sign the field again.
      F: 4 | 128,
      P: page.ref,
      AP: { N: context.register(appearance) },
    }),
  );
  page.node.addAnnot(widget);
  pdf.catalog.set(
    PDFName.of('AcroForm'),
    context.register(context.obj({ Fields: [widget], SigFlags: 3 })),
  );
}

const encoder = new TextEncoder();

/** The PDF syntax written and searched here is ASCII, which UTF-8 encodes byte for byte. */
function ascii(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The empty /Contents as written: made once, it is 16 kB. */
let emptyHole: Uint8Array | undefined;

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first ?? 0, from);
    i !== -1;
    i = haystack.indexOf(first ?? 0, i + 1)
  ) {
    if (i + needle.length > haystack.length) return -1;
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Exactly one occurrence, or the file is not the one this module wrote. */
function only(haystack: Uint8Array, needle: Uint8Array, what: string): number {
  const at = indexOf(haystack, needle);
  if (at === -1 || indexOf(haystack, needle, at + 1) !== -1)
    throw new Error(`signature ${what} not found exactly once`);
  return at;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Fills the written placeholder: the byte range first (it is signed), then the signature. */
async function fill(bytes: Uint8Array, signing: PadesSigning): Promise<Uint8Array> {
  const hole = (emptyHole ??= ascii(`<${'0'.repeat(SIGNATURE_CAPACITY * 2)}>`));
  const start = only(bytes, hole, 'contents');
  const end = start + hole.length;
  const range = ascii(
    `[ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`,
  );
  const rangeAt = only(bytes, range, 'byte range');
  const numbers = ascii(`[ 0 ${start} ${end} ${bytes.length - end} ]`.padEnd(range.length, ' '));
  if (numbers.length !== range.length) throw new Error('byte range does not fit its placeholder');
  const out = bytes.slice();
  out.set(numbers, rangeAt);
  const cms = await signDetachedCms({
    content: [out.subarray(0, start), out.subarray(end)],
    certificate: signing.certificate,
    signer: signing.signer,
  });
  if (cms.length > SIGNATURE_CAPACITY) throw new Error('signature larger than its placeholder');
  out.set(ascii(hex(cms)), start + 1);
  return out;
}

/** Writes `pdf` signed. The document is changed (a field is added): write it only this once. */
export async function savePadesSigned(
  pdf: PDFDocument,
  signing: PadesSigning,
): Promise<Uint8Array> {
  addPlaceholder(pdf, signing);
  // Not in object streams: the signature dictionary must be plain text to be filled in place.
  const bytes = await pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
  return fill(bytes, signing);
}
