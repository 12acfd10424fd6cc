import { PDFArray, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { PDFDict, PDFObject } from 'pdf-lib';

/**
 * An incremental update (ISO 32000-1 §7.5.6) of a PDF that pdf-lib wrote with a classic cross-
 * reference table: new and changed objects, their cross-reference section and a trailer pointing
 * back (/Prev) are appended after the last %%EOF, so every byte of the earlier revisions stays
 * exactly where it was and a signature over them stays valid. pdf-lib only reads the file here;
 * it never writes it again.
 */

/** One object of the update: its number, and its body as PDF text (ASCII). */
export interface UpdateObject {
  readonly ref: PDFRef;
  readonly body: string;
}

export interface OpenedRevision {
  readonly bytes: Uint8Array;
  readonly pdf: PDFDocument;
  /** Hands out the next free object number (the trailer's /Size grows with it). */
  allocate(): PDFRef;
}

const decoder = new TextDecoder('latin1');

/** PDF syntax as bytes, one byte per character (the bodies written here are ASCII). */
export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error('PDF syntax must be single-byte');
    out[i] = code;
  }
  return out;
}

/** The offset the last `startxref` names: the previous revision's cross-reference section. */
function lastStartXref(bytes: Uint8Array): number {
  const tail = decoder.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const last = matches.at(-1);
  if (!last?.[1]) throw new Error('no startxref at the end of the file');
  return Number(last[1]);
}

export async function openRevision(bytes: Uint8Array): Promise<OpenedRevision> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  let next = pdf.context.largestObjectNumber + 1;
  return {
    bytes,
    pdf,
    allocate: () => PDFRef.of(next++),
  };
}

/** A dictionary's array entry, direct or through a reference, as a new direct array. */
export function arrayEntry(pdf: PDFDocument, dict: PDFDict, key: string): PDFArray {
  const value = dict.get(PDFName.of(key));
  const found = value instanceof PDFRef ? pdf.context.lookup(value) : value;
  const out = PDFArray.withContext(pdf.context);
  if (found instanceof PDFArray) for (const item of found.asArray()) out.push(item);
  return out;
}

/** `dict` with `key` set to `value`, as a copy (the opened document is never changed). */
export function withEntry(dict: PDFDict, key: string, value: PDFObject): PDFDict {
  const copy = dict.clone();
  copy.set(PDFName.of(key), value);
  return copy;
}

function xrefEntry(offset: number, generation: number): string {
  return `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n\r\n`;
}

/**
 * The update's bytes, to be appended to `revision.bytes`: the objects, a cross-reference section
 * with one subsection per object, and a trailer with /Prev, /Root, /Info and /ID of the last one.
 */
export function writeUpdate(
  revision: OpenedRevision,
  objects: readonly UpdateObject[],
  largest = revision.pdf.context.largestObjectNumber,
): string {
  const { bytes, pdf } = revision;
  const base = bytes.length;
  // A revision starts on a line of its own.
  const lastByte = bytes[bytes.length - 1];
  let text = lastByte === 0x0a || lastByte === 0x0d ? '' : '\n';
  const offsets: { ref: PDFRef; offset: number }[] = [];
  for (const object of objects) {
    offsets.push({ ref: object.ref, offset: base + text.length });
    text += `${object.ref.objectNumber} ${object.ref.generationNumber} obj\n${object.body}\nendobj\n`;
  }
  const xrefAt = base + text.length;
  text += 'xref\n';
  for (const { ref, offset } of [...offsets].sort(
    (a, b) => a.ref.objectNumber - b.ref.objectNumber,
  )) {
    text += `${ref.objectNumber} 1\n${xrefEntry(offset, ref.generationNumber)}`;
  }
  const size = Math.max(...objects.map((o) => o.ref.objectNumber), largest);
  const info = pdf.context.trailerInfo;
  const trailer = [
    `/Size ${size + 1}`,
    `/Root ${String(info.Root)}`,
    ...(info.Info ? [`/Info ${String(info.Info)}`] : []),
    ...(info.ID ? [`/ID ${String(info.ID)}`] : []),
    `/Prev ${lastStartXref(bytes)}`,
  ];
  text += `trailer\n<< ${trailer.join(' ')} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return text;
}

/**
 * An object as pdf-lib writes it, one character per byte. (Not toString: a content stream's
 * toString gives its operators uncompressed beside the /Length of the compressed bytes.)
 */
function serialise(object: PDFObject): string {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/** Every indirect object's serialisation, to tell later which ones a change touched. */
function snapshot(pdf: PDFDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ref, object] of pdf.context.enumerateIndirectObjects())
    out.set(ref.toString(), serialise(object));
  return out;
}

/**
 * Changes `revision.pdf` with pdf-lib (`change` draws, embeds fonts, adds annotations) and
 * returns the file with the changes as an incremental update: exactly the objects that are new or
 * whose serialisation changed, after the earlier bytes, which stay as they were.
 */
export async function saveIncremental(
  revision: OpenedRevision,
  change: (pdf: PDFDocument) => Promise<void> | void,
): Promise<Uint8Array> {
  const { pdf } = revision;
  const before = snapshot(pdf);
  await change(pdf);
  await pdf.flush();
  const objects: UpdateObject[] = [];
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    const body = serialise(object);
    if (before.get(ref.toString()) !== body) objects.push({ ref, body });
  }
  if (objects.length === 0) return revision.bytes;
  const update = writeUpdate(revision, objects, pdf.context.largestObjectNumber);
  const out = new Uint8Array(revision.bytes.length + update.length);
  out.set(revision.bytes);
  out.set(latin1(update), revision.bytes.length);
  return out;
}
