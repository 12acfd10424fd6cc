import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cryptoKeys, serialNumber } from './ca';
import type { PlatformCa } from './ca';
import { getMeta, setMeta } from './db';
import type { Db } from './db';

/**
 * The platform as a time-stamping authority (RFC 3161): the time it attests in every receipt, also
 * as a standard TimeStampToken, so that a PDF reader or `openssl ts -verify` checks the letter's
 * document timestamp with nothing of this project. The TSA has its own P-256 key and a certificate
 * for time-stamping only (extended key usage timeStamping, critical, as RFC 3161 §2.3 asks), issued
 * under the devices' root, so the root the app ships is the one anchor for both signatures.
 */

/** The libraries' parameter type: the DOM's Crypto, which Node's webcrypto is (this compiles without DOM). */
type ProviderCrypto = Parameters<typeof x509.cryptoProvider.set>[1];
x509.cryptoProvider.set(webcrypto as ProviderCrypto);
pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as ProviderCrypto }),
);
type CryptoKey = webcrypto.CryptoKey;
type JsonWebKey = webcrypto.JsonWebKey;

const TSA_KEY_META = 'tsa-key';
const TSA_CERT_META = 'tsa-certificate';
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** The reference platform's time-stamp policy (an example arc: this is a demo TSA). */
  policy: '2.999.3161.1',
} as const;

export const TSA_NAME: x509.JsonName = [
  { C: ['CN'] },
  { O: ['Hebei Credit Information Sharing Platform (reference, DEMO)'] },
  { CN: ['Hebei Platform Time-Stamping Authority (DEMO)'] },
];

export interface PlatformTsa {
  /** The TSA certificate, DER. */
  readonly certificate: Uint8Array;
  /**
   * A TimeStampToken (the DER of a ContentInfo holding SignedData over a TSTInfo) for a SHA-256
   * digest, at `at` (whole seconds), with `serial` as its serial number.
   */
  timestamp(digest: Uint8Array, at: Date, serial: number): Promise<Uint8Array>;
}

interface StoredKey {
  readonly privateJwk: JsonWebKey;
}

async function issueTsaCertificate(
  db: Db,
  ca: PlatformCa,
  publicKey: CryptoKey,
  at: Date,
): Promise<x509.X509Certificate> {
  const caKeys = await cryptoKeys(db);
  const notAfter = new Date(at);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  return x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: TSA_NAME,
    issuer: ca.root.subjectName,
    notBefore: new Date(at.getTime() - 10 * 60_000),
    notAfter,
    publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.root.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
}

/** The key and certificate stored; else new ones (a root that changed gets a new certificate). */
async function loadOrCreateMaterial(
  db: Db,
  ca: PlatformCa,
  now: () => Date,
): Promise<{ privateKey: CryptoKey; certificate: x509.X509Certificate }> {
  const storedKey = getMeta(db, TSA_KEY_META);
  let privateJwk: JsonWebKey;
  if (storedKey === undefined) {
    const pair = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    privateJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
    setMeta(db, TSA_KEY_META, JSON.stringify({ privateJwk } satisfies StoredKey));
  } else {
    privateJwk = (JSON.parse(storedKey) as StoredKey).privateJwk;
  }
  const privateKey = await webcrypto.subtle.importKey('jwk', privateJwk, EC, false, ['sign']);
  const { kty, crv, x, y } = privateJwk;
  const publicJwk: JsonWebKey = { kty, crv, x, y };
  const publicKey = await webcrypto.subtle.importKey('jwk', publicJwk, EC, true, ['verify']);
  const storedCert = getMeta(db, TSA_CERT_META);
  let certificate = storedCert === undefined ? null : new x509.X509Certificate(storedCert);
  if (certificate && certificate.issuer !== ca.root.subject) certificate = null;
  if (!certificate) {
    certificate = await issueTsaCertificate(db, ca, publicKey, now());
    setMeta(db, TSA_CERT_META, certificate.toString('pem'));
  }
  return { privateKey, certificate };
}

/** X.690 §11.6: the SET OF signed attributes in the order of their encodings. */
function sortedAttributes(attributes: readonly pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER()) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((a) => a.attribute);
}

/** ESS signing-certificate-v2 (RFC 5035), which `openssl ts -verify` requires of a TSA. */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): pkijs.Attribute {
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() }),
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

export async function loadOrCreateTsa(
  db: Db,
  ca: PlatformCa,
  now: () => Date,
): Promise<PlatformTsa> {
  const { privateKey, certificate } = await loadOrCreateMaterial(db, ca, now);
  const der = new Uint8Array(certificate.rawData);
  const cert = pkijs.Certificate.fromBER(der);

  async function timestamp(digest: Uint8Array, at: Date, serial: number): Promise<Uint8Array> {
    if (digest.length !== 32) throw new Error('a SHA-256 digest is 32 bytes');
    // Whole seconds: a GeneralizedTime without a fraction is DER however it is read back.
    const genTime = new Date(Math.floor(at.getTime() / 1000) * 1000);
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: OID.policy,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: digest }),
      }),
      serialNumber: new asn1js.Integer({ value: serial }),
      genTime,
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
    });
    const content = new Uint8Array(tstInfo.toSchema().toBER());
    const attributes = sortedAttributes([
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [
          new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() }),
        ],
      }),
      signingCertificateV2(cert, der),
    ]);
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: OID.tstInfo,
        eContent: new asn1js.OctetString({ valueHex: content }),
      }),
      certificates: [cert],
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({
            issuer: cert.issuer,
            serialNumber: cert.serialNumber,
          }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
        }),
      ],
    });
    await signedData.sign(privateKey, 0, 'SHA-256');
    const info = new pkijs.ContentInfo({
      contentType: pkijs.ContentInfo.SIGNED_DATA,
      content: signedData.toSchema(true),
    });
    return new Uint8Array(info.toSchema().toBER());
  }

  return { certificate: der, timestamp };
}
