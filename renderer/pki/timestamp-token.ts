import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { trustedRoots } from './device-certificate';
import { x509 } from './x509';
import { rawSignature } from './der-signature';

/**
 * The device's check of an RFC 3161 TimeStampToken from the platform, before it goes into the
 * letter: a SignedData over a TSTInfo whose message imprint is the SHA-256 the device asked for,
 * signed by a certificate for time-stamping only that a shipped root issued. A token learnt over
 * the network proves nothing unless a shipped root vouches for its signer.
 */

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

const CONTENT_TYPE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

export type TimestampProblem =
  'malformed' | 'wrong-digest' | 'bad-signature' | 'not-a-tsa' | 'untrusted';

export type TimestampCheck =
  | { readonly ok: true; readonly time: Date; readonly serial: string; readonly tsa: string }
  | { readonly ok: false; readonly problem: TimestampProblem };

interface Parsed {
  readonly signedData: pkijs.SignedData;
  readonly tstInfo: pkijs.TSTInfo;
  readonly signer: pkijs.Certificate;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function parse(token: Uint8Array): Parsed | null {
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(token));
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return null;
    const signedData = new pkijs.SignedData({ schema: info.content });
    const encap = signedData.encapContentInfo;
    if (encap.eContentType !== TST_INFO || !encap.eContent) return null;
    const tstInfo = pkijs.TSTInfo.fromBER(encap.eContent.getValue());
    const signerInfo = signedData.signerInfos[0];
    if (signedData.signerInfos.length !== 1 || !signerInfo) return null;
    const sid = signerInfo.sid;
    if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return null;
    const signer = (signedData.certificates ?? []).find(
      (c): c is pkijs.Certificate =>
        c instanceof pkijs.Certificate &&
        c.issuer.isEqual(sid.issuer) &&
        c.serialNumber.isEqual(sid.serialNumber),
    );
    return signer ? { signedData, tstInfo, signer } : null;
  } catch {
    return null;
  }
}

/**
 * The signed attributes name the TSTInfo as content and carry its SHA-256, and the TSA's P-256 key
 * signed them (their DER re-tagged as a SET, RFC 5652 §5.4).
 */
async function signatureHolds(
  signedData: pkijs.SignedData,
  cert: x509.X509Certificate,
): Promise<boolean> {
  const signerInfo = signedData.signerInfos[0];
  const content = signedData.encapContentInfo.eContent?.getValue();
  const attributes = signerInfo?.signedAttrs;
  if (!signerInfo || !content || !attributes) return false;
  const value = (type: string) =>
    attributes.attributes.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined;
  const contentType = value(CONTENT_TYPE);
  const messageDigest = value(MESSAGE_DIGEST);
  if (
    !(contentType instanceof asn1js.ObjectIdentifier) ||
    contentType.valueBlock.toString() !== TST_INFO
  )
    return false;
  if (!(messageDigest instanceof asn1js.OctetString)) return false;
  const subtle = globalThis.crypto.subtle;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new Uint8Array(content)));
  if (!sameBytes(new Uint8Array(messageDigest.valueBlock.valueHexView), digest)) return false;
  if (signerInfo.signatureAlgorithm.algorithmId !== ECDSA_SHA256) return false;
  const signed = Uint8Array.from(new Uint8Array(attributes.encodedValue));
  signed[0] = 0x31;
  const raw = rawSignature(new Uint8Array(signerInfo.signature.valueBlock.valueHexView));
  if (!raw) return false;
  try {
    const key = await cert.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, signed);
  } catch {
    return false;
  }
}

/** Checks `token` (DER) for the SHA-256 `digest` against the shipped roots. */
export async function checkTimestampToken(
  token: Uint8Array,
  digest: Uint8Array,
  rootPems: readonly string[],
): Promise<TimestampCheck> {
  const parsed = parse(token);
  if (!parsed) return { ok: false, problem: 'malformed' };
  const { signedData, tstInfo, signer } = parsed;
  const imprint = tstInfo.messageImprint;
  if (
    imprint.hashAlgorithm.algorithmId !== SHA256 ||
    !sameBytes(new Uint8Array(imprint.hashedMessage.valueBlock.valueHexView), digest)
  )
    return { ok: false, problem: 'wrong-digest' };

  const cert = new x509.X509Certificate(new Uint8Array(signer.toSchema().toBER()));
  const usage = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const constraints = cert.getExtension(x509.BasicConstraintsExtension);
  if (!usage?.critical || !usage.usages.map(String).includes(TIME_STAMPING) || constraints?.ca)
    return { ok: false, problem: 'not-a-tsa' };

  if (!(await signatureHolds(signedData, cert))) return { ok: false, problem: 'bad-signature' };

  const time = tstInfo.genTime;
  for (const root of await trustedRoots(rootPems)) {
    if (root.subject !== cert.issuer) continue;
    if (time < cert.notBefore || time > cert.notAfter) continue;
    const issued = await cert
      .verify({ publicKey: root.publicKey, signatureOnly: true })
      .catch(() => false);
    if (issued)
      return {
        ok: true,
        time,
        serial: tstInfo.serialNumber.toBigInt().toString(),
        tsa: cert.subjectName.getField('CN')[0] ?? cert.subject,
      };
  }
  return { ok: false, problem: 'untrusted' };
}
