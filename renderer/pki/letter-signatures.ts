import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesToBase64url } from '../../shared/crypto/base64url';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import { publicKeyInfoOfSpki } from '../../shared/crypto/spki';
import { findPdfSignatures } from '../../shared/evidence/pdf-signatures';
import type { PdfSignatureEntry, PdfSignatures } from '../../shared/evidence/pdf-signatures';
import type { CadesFacts, TimestampFacts } from '../../shared/evidence/letter-verdict';
import { CMS_ALGORITHMS, OID } from '../pdf/sign/cms';
import { trustedRoots } from './device-certificate';
import { checkTimestampToken } from './timestamp-token';
import { x509 } from './x509';
import { rawSignature } from './der-signature';

/**
 * The cryptography of a letter's signatures, for the verifier (shared/evidence/letter-verdict.ts):
 * each CAdES signature's digest against the bytes its /ByteRange covers, its signature under the
 * certificate it carries (P-256 or SM2, through the shared verifiers), and that certificate's
 * chain to a shipped root; each document timestamp's token as the sync checks it. Nothing here
 * trusts a certificate the PDF brings unless a shipped root issued it.
 */

export interface LetterSignatureFacts {
  readonly signatures: PdfSignatures;
  readonly cades: readonly (CadesFacts | null)[];
  readonly timestamps: readonly TimestampFacts[];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function chainsToRoot(
  cert: x509.X509Certificate,
  roots: readonly x509.X509Certificate[],
  at: Date,
): Promise<boolean> {
  if (at < cert.notBefore || at > cert.notAfter) return false;
  for (const root of roots) {
    if (root.subject !== cert.issuer) continue;
    const issued = await cert
      .verify({ publicKey: root.publicKey, signatureOnly: true })
      .catch(() => false);
    if (issued) return true;
  }
  return false;
}

/** `D:20261205103000+08'00'` as a Date; null if unreadable. */
function pdfDate(text: string | null): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
    text ?? '',
  );
  if (!m) return null;
  const offset = m[8] ? `${m[8]}${m[9] ?? '00'}:${m[10] ?? '00'}` : 'Z';
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

async function checkCades(
  entry: PdfSignatureEntry,
  roots: readonly x509.X509Certificate[],
  verifiers: VerifierRegistry,
  now: Date,
): Promise<CadesFacts | null> {
  if (!entry.contents) return null;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(entry.contents));
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return null;
    const signedData = new pkijs.SignedData({ schema: info.content });
    const signerInfo = signedData.signerInfos[0];
    const sid = signerInfo?.sid;
    if (!signerInfo || !(sid instanceof pkijs.IssuerAndSerialNumber)) return null;
    const holder = (signedData.certificates ?? []).find(
      (c): c is pkijs.Certificate =>
        c instanceof pkijs.Certificate &&
        c.issuer.isEqual(sid.issuer) &&
        c.serialNumber.isEqual(sid.serialNumber),
    );
    if (!holder) return null;
    const cert = new x509.X509Certificate(new Uint8Array(holder.toSchema().toBER()));
    const key = publicKeyInfoOfSpki(new Uint8Array(cert.publicKey.rawData));
    const algorithms = key ? CMS_ALGORITHMS[key.algorithm] : null;
    const attributes = signerInfo.signedAttrs;
    if (!key || !algorithms || !attributes) return null;

    const value = (type: string) =>
      attributes.attributes.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined;
    const digest = value(OID.messageDigest);
    const contentType = value(OID.contentType);
    const digestMatches =
      signerInfo.digestAlgorithm.algorithmId === algorithms.digestOid &&
      digest instanceof asn1js.OctetString &&
      contentType instanceof asn1js.ObjectIdentifier &&
      contentType.valueBlock.toString() === OID.data &&
      sameBytes(
        new Uint8Array(digest.valueBlock.valueHexView),
        algorithms.digest(entry.signedParts),
      );

    // What is signed is the attributes' DER with the SET tag (RFC 5652 §5.4).
    const signed = Uint8Array.from(new Uint8Array(attributes.encodedValue));
    signed[0] = 0x31;
    const raw = rawSignature(new Uint8Array(signerInfo.signature.valueBlock.valueHexView));
    const signatureHolds =
      raw !== null &&
      signerInfo.signatureAlgorithm.algorithmId === algorithms.signatureOid &&
      (await verifiers
        .verifierFor(key.algorithm)
        .verify(key, signed, bytesToBase64url(raw))
        .catch(() => false));
    const at = pdfDate(entry.claimedTime) ?? now;
    return {
      digestMatches,
      signatureHolds,
      trusted: await chainsToRoot(cert, roots, at),
      deviceId: cert.subjectName.getField('CN')[0] ?? null,
      hallCode: cert.subjectName.getField('OU')[0] ?? null,
    };
  } catch {
    return null;
  }
}

async function checkTimestamp(
  entry: PdfSignatureEntry,
  rootPems: readonly string[],
): Promise<TimestampFacts> {
  if (!entry.contents || !entry.wellFormed) return { ok: false, problem: 'malformed' };
  const digest = CMS_ALGORITHMS['ECDSA-P256-SHA256'].digest(entry.signedParts);
  const check = await checkTimestampToken(entry.contents, digest, rootPems);
  return check.ok
    ? { ok: true, time: check.time.toISOString(), tsa: check.tsa }
    : { ok: false, problem: check.problem };
}

export async function checkLetterSignatures(
  pdf: Uint8Array,
  rootPems: readonly string[],
  verifiers: VerifierRegistry,
  now: Date,
): Promise<LetterSignatureFacts> {
  const signatures = findPdfSignatures(pdf);
  const roots = await trustedRoots(rootPems);
  const cades: (CadesFacts | null)[] = [];
  const timestamps: TimestampFacts[] = [];
  for (const entry of signatures.entries) {
    if (entry.kind === 'cades') cades.push(await checkCades(entry, roots, verifiers, now));
    else if (entry.kind === 'timestamp') timestamps.push(await checkTimestamp(entry, rootPems));
  }
  return { signatures, cades, timestamps };
}
