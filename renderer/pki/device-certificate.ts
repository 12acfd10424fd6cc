import type { PublicKeyInfo } from '../../shared/crypto/signing';
import { publicKeyInfoOfSpki } from '../../shared/crypto/spki';
import { CertificateDerSchema } from '../../shared/platform/enrol';
import { x509 } from './x509';

/**
 * The check a device makes of the certificate the platform issues it at enrolment: it certifies
 * this device's own key under its id, for signing, and chains to a root that came with the
 * installation (resources/trust/platform-root.pem). A certificate learnt over the network proves
 * nothing unless a shipped root vouches for it.
 */

export type CertificateProblem =
  | 'malformed'
  | 'wrong-key'
  | 'wrong-subject'
  | 'not-for-signing'
  | 'not-yet-valid'
  | 'expired'
  | 'untrusted';

export type CertificateCheck =
  | { readonly ok: true; readonly certificate: x509.X509Certificate }
  | { readonly ok: false; readonly problem: CertificateProblem };

export interface ExpectedSubject {
  readonly deviceId: string;
  readonly publicKey: PublicKeyInfo;
}

function parse(text: string): x509.X509Certificate | null {
  try {
    return new x509.X509Certificate(text);
  } catch {
    return null;
  }
}

/** The shipped roots that parse, are CA certificates and sign themselves. */
export async function trustedRoots(pems: readonly string[]): Promise<x509.X509Certificate[]> {
  const roots: x509.X509Certificate[] = [];
  for (const pem of pems) {
    const root = parse(pem);
    if (!root) continue;
    const constraints = root.getExtension(x509.BasicConstraintsExtension);
    if (!constraints?.ca) continue;
    if (!(await root.isSelfSigned().catch(() => false))) continue;
    roots.push(root);
  }
  return roots;
}

export async function checkDeviceCertificate(
  base64: unknown,
  expected: ExpectedSubject,
  rootPems: readonly string[],
  now: Date,
): Promise<CertificateCheck> {
  const text = CertificateDerSchema.safeParse(base64);
  const cert = text.success ? parse(text.data) : null;
  if (!cert) return { ok: false, problem: 'malformed' };

  const key = publicKeyInfoOfSpki(new Uint8Array(cert.publicKey.rawData));
  if (
    !key ||
    key.algorithm !== expected.publicKey.algorithm ||
    key.publicKey !== expected.publicKey.publicKey
  )
    return { ok: false, problem: 'wrong-key' };
  const names = cert.subjectName.getField('CN');
  if (names.length !== 1 || names[0] !== expected.deviceId)
    return { ok: false, problem: 'wrong-subject' };

  const constraints = cert.getExtension(x509.BasicConstraintsExtension);
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  const signs =
    usage === null ||
    (usage.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !==
      0;
  if (constraints?.ca || !signs) return { ok: false, problem: 'not-for-signing' };
  if (now < cert.notBefore) return { ok: false, problem: 'not-yet-valid' };
  if (now > cert.notAfter) return { ok: false, problem: 'expired' };

  for (const root of await trustedRoots(rootPems)) {
    if (root.subject !== cert.issuer) continue;
    if (now < root.notBefore || now > root.notAfter) continue;
    const signed = await cert
      .verify({ publicKey: root.publicKey, signatureOnly: true })
      .catch(() => false);
    if (signed) return { ok: true, certificate: cert };
  }
  return { ok: false, problem: 'untrusted' };
}
