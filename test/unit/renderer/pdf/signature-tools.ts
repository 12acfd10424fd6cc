import { spawnSync } from 'node:child_process';
import * as asn1js from 'asn1js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Independent checks of a signed PDF: poppler's `pdfsig` (NSS underneath) reads the PDF as any
 * reader would; the CMS and the signed bytes are cut out by the /ByteRange alone and handed to
 * OpenSSL. Nothing here uses the code under test.
 */

export interface Outcome {
  readonly status: number;
  readonly output: string;
}

function run(tool: string, args: readonly string[], input?: Uint8Array): Outcome {
  const result = spawnSync(tool, args, { encoding: 'utf8', ...(input ? { input } : {}) });
  if (result.error) throw new Error(`${tool} could not run: ${result.error.message}`);
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function tempFile(name: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sig-')), name);
  writeFileSync(path, bytes);
  return path;
}

export function pdfsig(pdf: Uint8Array): Outcome {
  return run('pdfsig', [tempFile('letter.pdf', pdf)]);
}

export interface SignatureParts {
  readonly byteRange: readonly [number, number, number, number];
  /** The bytes the /ByteRange covers, in order. */
  readonly signedBytes: Uint8Array;
  /** The /Contents hex decoded, cut to the DER's own length (the rest is zero padding). */
  readonly cms: Uint8Array;
}

/** The first (or `index`-th) signature's parts, found by its /ByteRange as a reader finds them. */
export function signatureParts(pdf: Uint8Array, index = 0): SignatureParts {
  const text = Buffer.from(pdf).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const match = ranges[index];
  if (!match) throw new Error('no /ByteRange');
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = text.slice(a + b + 1, c - 1);
  const der = Buffer.from(hex, 'hex');
  const lengthBytes = (der[1] ?? 0) & 0x80 ? (der[1] ?? 0) & 0x7f : 0;
  const length =
    lengthBytes === 0 ? (der[1] ?? 0) : der.subarray(2, 2 + lengthBytes).readUIntBE(0, lengthBytes);
  return {
    byteRange: [a, b, c, d],
    signedBytes: new Uint8Array(signedBytes),
    cms: new Uint8Array(der.subarray(0, 2 + lengthBytes + length)),
  };
}

/** `openssl cms -verify` of a detached CMS over `content`, trusting only `rootPem`. */
export function opensslCmsVerify(cms: Uint8Array, content: Uint8Array, rootPem: string): Outcome {
  return run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    tempFile('signature.p7s', cms),
    '-content',
    tempFile('content.bin', content),
    '-CAfile',
    rootPem,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
}

/** `openssl cms -cmsout -print`: the structure as OpenSSL parses it. */
export function opensslCmsPrint(cms: Uint8Array): string {
  return run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], cms).output;
}

/**
 * The one SignerInfo's signed attributes as they are signed (DER, re-tagged as a SET) and its
 * signature value, read with asn1js (not with the code that wrote them).
 */
export function signerParts(cms: Uint8Array): {
  signedAttributes: Uint8Array;
  signature: Uint8Array;
} {
  const { result } = asn1js.fromBER(new Uint8Array(cms));
  const child = (node: asn1js.AsnType | undefined, i: number): asn1js.AsnType | undefined =>
    node instanceof asn1js.Constructed ? node.valueBlock.value[i] : undefined;
  const signedData = child(child(result, 1), 0);
  if (!(signedData instanceof asn1js.Constructed)) throw new Error('no SignedData');
  const signerInfos = signedData.valueBlock.value[signedData.valueBlock.value.length - 1];
  const signerInfo = child(signerInfos, 0);
  const attributes = child(signerInfo, 3);
  const signature = child(signerInfo, 5);
  if (!attributes || !(signature instanceof asn1js.OctetString)) throw new Error('no SignerInfo');
  const signedAttributes = new Uint8Array(attributes.valueBeforeDecodeView);
  signedAttributes[0] = 0x31;
  return { signedAttributes, signature: new Uint8Array(signature.valueBlock.valueHexView) };
}

/** `openssl ts -verify` of an RFC 3161 TimeStampToken (DER) over `data`, trusting only `rootPem`. */
export function opensslTsVerify(token: Uint8Array, data: Uint8Array, rootPem: string): Outcome {
  return run('openssl', [
    'ts',
    '-verify',
    '-in',
    tempFile('token.tsr', token),
    '-token_in',
    '-data',
    tempFile('data.bin', data),
    '-CAfile',
    rootPem,
  ]);
}
