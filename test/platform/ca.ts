import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { PublicKeyInfo } from '../../shared/crypto/signing';
import { publicKeyInfoOfSpki, spkiOf } from '../../shared/crypto/spki';
import { getMeta, setMeta } from './db';
import type { Db } from './db';
import { KEY_META } from './keys';
import type { PlatformKeyMaterial, PlatformKeys } from './keys';

/**
 * The platform as the hall devices' certificate authority. Its root is self-signed with the
 * platform's signing key; the app ships it (resources/trust/platform-root.pem) beside the platform
 * keys, so a device checks the certificate it gets at enrolment against a root that came with the
 * installation, and any PDF reader that trusts the root checks the letters the device signs.
 */

/** x509's parameter type: the DOM's Crypto, which Node's webcrypto is (this compiles without DOM). */
type ProviderCrypto = Parameters<typeof x509.cryptoProvider.set>[1];
x509.cryptoProvider.set(webcrypto as ProviderCrypto);

export const SHIPPED_ROOT_FILE = new URL(
  '../../resources/trust/platform-root.pem',
  import.meta.url,
);
const ROOT_META = 'ca-root-certificate';
const DEVICE_CERT_META = 'ca-device-certificate:';
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** How long a device certificate is valid: longer than any disclosure period a letter serves. */
const DEVICE_YEARS = 5;
/** Allowance for a device clock a little behind the platform's. */
const SKEW_MS = 10 * 60_000;

export const ROOT_NAME: x509.JsonName = [
  { C: ['CN'] },
  { O: ['Hebei Credit Information Sharing Platform (reference, DEMO)'] },
  { CN: ['Hebei Hall Devices Root CA (DEMO)'] },
];

export interface PlatformCa {
  readonly root: x509.X509Certificate;
  /** The root as PEM, as resources/trust ships it. */
  readonly rootPem: string;
  /**
   * The device's certificate, base64 DER: issued at first enrolment and the same one on a retry.
   * Null for a key that cannot be put in a certificate.
   */
  deviceCertificate(db: Db, device: DeviceSubject): Promise<string | null>;
  /** A new certificate for the device's new key (a key rotation), not yet stored. */
  issue(device: DeviceSubject): Promise<string | null>;
  /** Stores `certificate` as the device's, replacing the one held (inside the caller's transaction). */
  store(db: Db, deviceId: string, certificate: string | null): void;
}

export interface DeviceSubject {
  readonly deviceId: string;
  readonly hallCode: string;
  readonly organ: string;
  readonly publicKey: PublicKeyInfo;
}

/** The platform signing key as the CA's key pair (the timestamp authority's certificate, tsa.ts). */
export async function cryptoKeys(db: Db): Promise<webcrypto.CryptoKeyPair> {
  const stored = getMeta(db, KEY_META);
  if (stored === undefined) throw new Error('the platform key is made before its CA');
  const material = JSON.parse(stored) as PlatformKeyMaterial;
  return {
    privateKey: await webcrypto.subtle.importKey('jwk', material.privateJwk, EC, false, ['sign']),
    publicKey: await webcrypto.subtle.importKey('jwk', material.publicJwk, EC, true, ['verify']),
  };
}

/** A positive serial of 16 random bytes, as hex. */
export function serialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

/** A new self-signed root for the platform key (used once to make the shipped demo root). */
export async function createRootCertificate(
  keys: webcrypto.CryptoKeyPair,
  notBefore: Date,
): Promise<x509.X509Certificate> {
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 20);
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: ROOT_NAME,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
}

function shippedRoot(): x509.X509Certificate | null {
  try {
    return new x509.X509Certificate(readFileSync(SHIPPED_ROOT_FILE, 'utf8'));
  } catch {
    return null;
  }
}

async function sameKey(cert: x509.X509Certificate, key: PublicKeyInfo): Promise<boolean> {
  const held = publicKeyInfoOfSpki(new Uint8Array(cert.publicKey.rawData));
  return held !== null && held.algorithm === key.algorithm && held.publicKey === key.publicKey;
}

export interface IssueInput {
  readonly root: x509.X509Certificate;
  /** The root's private key. */
  readonly key: webcrypto.CryptoKey;
  readonly device: DeviceSubject;
  readonly at: Date;
}

/** A device certificate (base64 DER) under `root`; null for a key no certificate can hold. */
export async function issueDeviceCertificate(input: IssueInput): Promise<string | null> {
  const { device, at } = input;
  const der = spkiOf(device.publicKey);
  if (der === null) return null;
  const spki = new Uint8Array(der);
  const notAfter = new Date(at);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + DEVICE_YEARS);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: [
      { C: ['CN'] },
      { O: [device.organ] },
      { OU: [device.hallCode] },
      { CN: [device.deviceId] },
    ] satisfies x509.JsonName,
    issuer: input.root.subjectName,
    notBefore: new Date(at.getTime() - SKEW_MS),
    notAfter,
    publicKey: new x509.PublicKey(spki),
    signingKey: input.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(input.root.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(spki),
    ],
  });
  return Buffer.from(cert.rawData).toString('base64');
}

/**
 * The root for this platform's key: the one stored; else the shipped demo root when the platform
 * runs with the demo key (so devices of web mode and tests trust it); else a new one, stored.
 */
export async function loadOrCreateCa(
  db: Db,
  keys: PlatformKeys,
  now: () => Date,
): Promise<PlatformCa> {
  const pair = await cryptoKeys(db);
  const stored = getMeta(db, ROOT_META);
  let root = stored === undefined ? null : new x509.X509Certificate(stored);
  if (root && !(await sameKey(root, keys.publicKey))) root = null;
  if (!root) {
    const shipped = shippedRoot();
    root =
      shipped && (await sameKey(shipped, keys.publicKey))
        ? shipped
        : await createRootCertificate(pair, new Date(now().getTime() - SKEW_MS));
    setMeta(db, ROOT_META, root.toString('pem'));
  }
  const issuer = root;
  const issue = (device: DeviceSubject): Promise<string | null> =>
    issueDeviceCertificate({ root: issuer, key: pair.privateKey, device, at: now() });

  return {
    root: issuer,
    rootPem: issuer.toString('pem'),
    issue,
    store(current, deviceId, certificate) {
      const key = `${DEVICE_CERT_META}${deviceId}`;
      if (certificate !== null) setMeta(current, key, certificate);
      else current.prepare('DELETE FROM meta WHERE key = ?').run(key);
    },
    // The database comes per call: a simulated restart swaps the context's handle.
    async deviceCertificate(current, device) {
      const key = `${DEVICE_CERT_META}${device.deviceId}`;
      const held = getMeta(current, key);
      if (held !== undefined) return held;
      const issued = await issue(device);
      if (issued !== null) setMeta(current, key, issued);
      return issued;
    },
  };
}
