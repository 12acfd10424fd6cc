import { sha256 } from '@noble/hashes/sha2';
import { sm3 } from 'sm-crypto-v2';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { base64urlToBytes } from '../../../shared/crypto/base64url';
import type { SignatureAlgorithm, Signer } from '../../../shared/crypto/signing';

/**
 * A CAdES detached signature (CMS SignedData, RFC 5652 / ETSI EN 319 122-1 baseline B) over some
 * bytes, signed through the device's Signer: the private key is never needed, so a non-extractable
 * WebCrypto key (or a hardware SM2 key) signs it. pkijs and asn1js build the structures; the
 * signed attributes are content-type, message-digest and signing-certificate-v2, and no signing
 * time (PAdES puts the claimed time in the signature dictionary's /M instead).
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  /** GM/T 0006: SM3 hash, and SM2 signature with SM3. */
  sm3: '1.2.156.10197.1.401',
  sm2WithSm3: '1.2.156.10197.1.501',
} as const;

/** Per device algorithm: the digest the CMS names and computes, and the signature's OID. */
export interface CmsAlgorithms {
  readonly digestOid: string;
  readonly signatureOid: string;
  /** The digest of the signed bytes, which may come in pieces (a PDF's two byte ranges). */
  digest(parts: readonly Uint8Array[]): Uint8Array;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const CMS_ALGORITHMS: Readonly<Record<SignatureAlgorithm, CmsAlgorithms>> = {
  'ECDSA-P256-SHA256': {
    digestOid: OID.sha256,
    signatureOid: OID.ecdsaWithSha256,
    digest(parts) {
      const hash = sha256.create();
      for (const part of parts) hash.update(part);
      return hash.digest();
    },
  },
  'SM2-SM3': {
    digestOid: OID.sm3,
    signatureOid: OID.sm2WithSm3,
    digest(parts) {
      const hex = sm3(concat(parts));
      return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
    },
  },
};

/** An unsigned big-endian integer's content octets as DER wants them: minimal, and positive. */
function derIntegerContent(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  if (((trimmed[0] ?? 0) & 0x80) === 0) return trimmed;
  const padded = new Uint8Array(trimmed.length + 1);
  padded.set(trimmed, 1);
  return padded;
}

/** Raw r||s (what the Signer returns, for both curves) as the DER SEQUENCE CMS carries. */
export function rawToDerSignature(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new Error('expected a 64-byte r||s signature');
  const sequence = new asn1js.Sequence({
    value: [raw.subarray(0, 32), raw.subarray(32)].map(
      (half) => new asn1js.Integer({ valueHex: derIntegerContent(half) }),
    ),
  });
  return new Uint8Array(sequence.toBER());
}

/** X.690 §11.6: a SET OF is encoded with its elements in the order of their encodings. */
function compareDer(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function sortedAttributes(attributes: readonly pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }))
    .sort((x, y) => compareDer(x.der, y.der))
    .map((x) => x.attribute);
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to this very certificate. */
function signingCertificateV2(
  certificate: pkijs.Certificate,
  der: Uint8Array,
  algorithms: CmsAlgorithms,
): pkijs.Attribute {
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      // hashAlgorithm DEFAULT sha256: present only for another hash (SM3).
      ...(algorithms.digestOid === OID.sha256
        ? []
        : [new pkijs.AlgorithmIdentifier({ algorithmId: algorithms.digestOid }).toSchema()]),
      new asn1js.OctetString({ valueHex: algorithms.digest([der]) }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 4 },
                value: [certificate.issuer.toSchema()],
              }),
            ],
          }),
          certificate.serialNumber,
        ],
      }),
    ],
  });
  return new pkijs.Attribute({
    type: OID.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

export interface CmsInput {
  /** The signed bytes, in pieces; only their digest is used. */
  readonly content: readonly Uint8Array[];
  /** The signer's certificate, DER (the one the platform issued at enrolment). */
  readonly certificate: Uint8Array;
  readonly signer: Signer;
}

/** The DER of a ContentInfo holding the detached SignedData. */
export async function signDetachedCms(input: CmsInput): Promise<Uint8Array> {
  const algorithms = CMS_ALGORITHMS[input.signer.algorithm];
  const certificate = pkijs.Certificate.fromBER(new Uint8Array(input.certificate));
  const attributes = sortedAttributes([
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: algorithms.digest(input.content) })],
    }),
    signingCertificateV2(certificate, input.certificate, algorithms),
  ]);
  // What is signed is the attributes' DER with the SET tag (RFC 5652 §5.4), not the [0] of the
  // SignerInfo; the same sorted order goes into both.
  const signedAttributes = new asn1js.Set({ value: attributes.map((a) => a.toSchema()) });
  const raw = base64urlToBytes(await input.signer.sign(new Uint8Array(signedAttributes.toBER())));
  if (raw === null) throw new Error('the signer returned no signature');

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: algorithms.digestOid }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: algorithms.signatureOid }),
    signature: new asn1js.OctetString({ valueHex: rawToDerSignature(raw) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: algorithms.digestOid })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
