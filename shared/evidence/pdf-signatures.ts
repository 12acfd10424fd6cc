import { VERIFY_INFO_KEY, parseVerifyReference } from './verify-link';
import type { VerifyReference } from './verify-link';

/**
 * The signatures of a PDF as any reader finds them: each /ByteRange and the /Contents hole it
 * leaves, the sub-filter that says what the hole holds (a CAdES signature, or an RFC 3161 document
 * timestamp), and the bytes it covers. Pure: the cryptography is checked by the caller
 * (renderer/pki/letter-signatures.ts); this module decides only what a range proves about the file.
 *
 * A range proves something only when it is well formed: it starts at byte 0, its hole is exactly
 * the `<hex>` of the /Contents, and its end is the end of a revision (an `%%EOF`). Bytes after the
 * last signature's range are an update nobody signed (a copy stamp is one; an alteration is
 * another), which the verifier reports as such.
 */

export type PdfSignatureKind = 'cades' | 'timestamp' | 'other';

export interface PdfSignatureEntry {
  readonly kind: PdfSignatureKind;
  readonly byteRange: readonly [number, number, number, number];
  /** False when the range is not a well-formed cover of a revision (see above). */
  readonly wellFormed: boolean;
  /** The signed bytes, in their two pieces (empty when not well formed). */
  readonly signedParts: readonly Uint8Array[];
  /** The DER in the hole, cut to its own length (the rest is zero padding); null if unreadable. */
  readonly contents: Uint8Array | null;
  /** The end of the revision this signature covers. */
  readonly revisionEnd: number;
  /** /M as written (the claimed signing time), or null. */
  readonly claimedTime: string | null;
}

export interface PdfSignatures {
  readonly entries: readonly PdfSignatureEntry[];
  /** Bytes after the last well-formed signature's revision (beyond trailing white space). */
  readonly unsignedTail: number;
  /** The record reference from the first CAdES signature's signed revision; null if none. */
  readonly reference: VerifyReference | null;
}

/** Each byte as one character (ISO-8859-1): PDF syntax is bytes, and offsets stay offsets. */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192)
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A DER TLV's full length from its header; null for an indefinite or impossible length. */
export function derLength(der: Uint8Array): number | null {
  const first = der[1];
  if (first === undefined) return null;
  if ((first & 0x80) === 0) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || der.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + (der[2 + i] ?? 0);
  const total = 2 + count + length;
  return total <= der.length ? total : null;
}

function subFilterBefore(text: string, at: number): PdfSignatureKind {
  const window = text.slice(Math.max(0, at - 2048), at);
  const matches = [...window.matchAll(/\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/g)];
  const name = matches[matches.length - 1]?.[1];
  if (name === 'ETSI.CAdES.detached' || name === 'adbe.pkcs7.detached') return 'cades';
  if (name === 'ETSI.RFC3161') return 'timestamp';
  return 'other';
}

/** `/M (D:…)` in the signature dictionary around the hole (before or after it). */
function claimedTimeNear(text: string, holeStart: number, holeEnd: number): string | null {
  const around =
    text.slice(Math.max(0, holeStart - 2048), holeStart) + text.slice(holeEnd, holeEnd + 2048);
  return /\/M\s*\((D:[0-9Z+\-']{4,32})\)/.exec(around)?.[1] ?? null;
}

/** A revision ends right after `%%EOF` and its end-of-line. */
function endsRevision(text: string, end: number): boolean {
  return /%%EOF\s*$/.test(text.slice(Math.max(0, end - 16), end));
}

function referenceIn(text: string): VerifyReference | null {
  const pattern = new RegExp(`/${VERIFY_INFO_KEY}\\s*\\(([^()\\\\]{1,600})\\)`, 'g');
  const matches = [...text.matchAll(pattern)];
  const last = matches[matches.length - 1]?.[1];
  return last ? parseVerifyReference(last) : null;
}

export function findPdfSignatures(bytes: Uint8Array): PdfSignatures {
  const text = latin1(bytes);
  const entries: PdfSignatureEntry[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
    const revisionEnd = c + d;
    const wellFormed =
      a === 0 &&
      b > 0 &&
      c > b + 1 &&
      revisionEnd <= bytes.length &&
      text[b] === '<' &&
      text[c - 1] === '>' &&
      /^[0-9a-fA-F]*$/.test(text.slice(b + 1, c - 1)) &&
      endsRevision(text, revisionEnd);
    const raw = wellFormed ? hexToBytes(text.slice(b + 1, c - 1)) : null;
    const length = raw ? derLength(raw) : null;
    entries.push({
      kind: subFilterBefore(text, match.index),
      byteRange: [a, b, c, d],
      wellFormed,
      signedParts: wellFormed ? [bytes.subarray(0, b), bytes.subarray(c, revisionEnd)] : [],
      contents: raw && length ? raw.subarray(0, length) : null,
      revisionEnd,
      claimedTime: wellFormed ? claimedTimeNear(text, b, c) : null,
    });
  }
  const lastEnd = Math.max(0, ...entries.filter((e) => e.wellFormed).map((e) => e.revisionEnd));
  const tail = lastEnd === 0 ? 0 : text.slice(lastEnd).replace(/\s+$/, '').length;
  const first = entries.find((e) => e.kind === 'cades' && e.wellFormed);
  return {
    entries,
    unsignedTail: tail,
    // Read only from the bytes the device signed: an update cannot swap the record it names.
    reference: first
      ? referenceIn(
          text.slice(0, first.byteRange[1]) + text.slice(first.byteRange[2], first.revisionEnd),
        )
      : null,
  };
}
