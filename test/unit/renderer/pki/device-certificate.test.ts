import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../../../shared/crypto/signing';
import { createSm2Signer, generateSm2KeyPair } from '../../../../shared/crypto/sm2-signer';
import { publicKeyInfoOfSpki, spkiOf } from '../../../../shared/crypto/spki';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import { loadDeviceIdentity } from '../../../../renderer/device/identity';
import { PlatformClient } from '../../../../renderer/platform/client';
import { enrolDevice } from '../../../../renderer/platform/enrol';
import { provisionedRootCertificates } from '../../../../renderer/platform/provisioned-roots';
import { base64ToBytes } from '../../../../renderer/pki/base64';
import { checkDeviceCertificate } from '../../../../renderer/pki/device-certificate';
import { x509 } from '../../../../renderer/pki/x509';
import { KioskDb } from '../../../../renderer/store/db';
import { SHIPPED_ROOT_FILE } from '../../../platform/ca';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { DEMO_HALL } from '../../../platform/seed';
import { startPlatform, type TestPlatform } from '../../platform/helpers';
import { testDataKeys } from '../../../support/data-keys';
import { storeName } from '../sync/harness';

/**
 * At enrolment the platform, as the hall devices' CA, certifies the device's key; the device keeps
 * the certificate only when it is for its own key and id and chains to the root the app ships.
 */

let demo: TestPlatform;
let other: TestPlatform;
let codes = 0;
let dir: string;

beforeAll(async () => {
  demo = await startPlatform({ keys: demoKeyMaterial() });
  other = await startPlatform();
  dir = mkdtempSync(join(tmpdir(), 'device-cert-'));
});
afterAll(async () => {
  await demo.stop();
  await other.stop();
  rmSync(dir, { recursive: true, force: true });
});

function rewriting(edit: (body: Record<string, unknown>) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (new URL(String(input)).pathname !== '/v1/enrol' || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    edit(body);
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

async function p256Signer(): Promise<Signer> {
  return createWebCryptoSigner(
    crypto.subtle,
    await generateWebCryptoKeyPair(crypto.subtle, { extractable: false }),
  );
}

async function enrol(
  platform: TestPlatform,
  options: { fetch?: typeof fetch; signer?: Signer; roots?: readonly string[] } = {},
) {
  codes += 1;
  const code = `CERTTEST${String(codes).padStart(4, '0')}`;
  platform.server.admin.addEnrolmentCode(code, DEMO_HALL);
  const db = new KioskDb(storeName('cert'), testDataKeys());
  const client = new PlatformClient({
    baseUrl: platform.url,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const result = await enrolDevice(db, client, {
    hallCode: DEMO_HALL,
    window: 'A01',
    enrolmentCode: code,
    appVersion: '0.1.0',
    trustedRoots: options.roots ?? provisionedRootCertificates(),
    signer: options.signer ?? (await p256Signer()),
  });
  return { db, result };
}

/** What OpenSSL, knowing nothing of this code, says of a certificate against the shipped root. */
function opensslVerify(base64: string): string {
  const file = join(dir, `cert-${codes}.der`);
  writeFileSync(file, base64ToBytes(base64));
  const pem = join(dir, `cert-${codes}.pem`);
  execFileSync('openssl', ['x509', '-inform', 'DER', '-in', file, '-out', pem]);
  try {
    return execFileSync(
      'openssl',
      ['verify', '-CAfile', SHIPPED_ROOT_FILE.pathname, '-purpose', 'any', pem],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    return String((error as { stdout?: unknown }).stdout ?? error);
  }
}

describe('the device certificate', () => {
  it('the demo platform uses the root the app ships', () => {
    expect(demo.server.rootCertificate.trim()).toBe(provisionedRootCertificates()[0]?.trim());
  });

  it('is issued at enrolment for the device key, checked and stored; OpenSSL chains it to the shipped root', async () => {
    const signer = await p256Signer();
    const { db, result } = await enrol(demo, { signer });
    expect(result).toMatchObject({ ok: true });
    const identity = await loadDeviceIdentity(db);
    const stored = identity?.certificate;
    if (stored === undefined) throw new Error('no certificate stored');
    const cert = new x509.X509Certificate(base64ToBytes(stored));
    expect(cert.subjectName.getField('CN')).toEqual([identity?.deviceId]);
    expect(publicKeyInfoOfSpki(new Uint8Array(cert.publicKey.rawData))).toEqual(
      await signer.publicKeyInfo(),
    );
    expect(opensslVerify(stored)).toMatch(/: OK/);
  });

  it('is issued for an SM2 device key too (the curve named by its GM/T OID)', async () => {
    const signer = createSm2Signer(generateSm2KeyPair().privateKey);
    if (!signer) throw new Error('no SM2 signer');
    const { db, result } = await enrol(demo, { signer });
    expect(result).toMatchObject({ ok: true });
    const stored = (await loadDeviceIdentity(db))?.certificate;
    if (stored === undefined) throw new Error('no certificate stored');
    const text = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], {
      input: base64ToBytes(stored),
      encoding: 'utf8',
    });
    expect(text).toMatch(/SM2|1\.2\.156\.10197\.1\.301/);
  });

  it('from a platform whose root the installation does not ship is refused, storing nothing', async () => {
    const { db, result } = await enrol(other);
    expect(result).toEqual({ ok: false, error: 'bad-certificate', problem: 'untrusted' });
    expect(await loadDeviceIdentity(db)).toBeNull();
  });

  it('for another key, swapped on the way, is refused, storing nothing', async () => {
    const { result: first, db: firstDb } = await enrol(demo);
    expect(first).toMatchObject({ ok: true });
    const foreign = (await loadDeviceIdentity(firstDb))?.certificate;
    const { db, result } = await enrol(demo, {
      fetch: rewriting((body) => {
        body.deviceCertificate = foreign;
      }),
    });
    expect(result).toMatchObject({ ok: false, error: 'bad-certificate', problem: 'wrong-key' });
    expect(await loadDeviceIdentity(db)).toBeNull();
  });

  it('that is not a certificate is refused', async () => {
    const { result } = await enrol(demo, {
      fetch: rewriting((body) => {
        body.deviceCertificate = 'AAAAAAAA';
      }),
    });
    expect(result).toMatchObject({ ok: false, error: 'bad-certificate', problem: 'malformed' });
  });

  it('absent (an older platform), or with no shipped root to check it, enrols without one', async () => {
    const older = await enrol(demo, {
      fetch: rewriting((body) => {
        delete body.deviceCertificate;
      }),
    });
    expect(older.result).toMatchObject({ ok: true });
    expect((await loadDeviceIdentity(older.db))?.certificate).toBeUndefined();
    const unchecked = await enrol(other, { roots: [] });
    expect(unchecked.result).toMatchObject({ ok: true });
    expect((await loadDeviceIdentity(unchecked.db))?.certificate).toBeUndefined();
  });

  it('is checked for its subject and its validity period', async () => {
    const signer = await p256Signer();
    const { db } = await enrol(demo, { signer });
    const identity = await loadDeviceIdentity(db);
    if (!identity?.certificate) throw new Error('no certificate');
    const roots = provisionedRootCertificates();
    const expected = { deviceId: identity.deviceId, publicKey: identity.publicKey };
    const now = new Date();
    expect(await checkDeviceCertificate(identity.certificate, expected, roots, now)).toMatchObject({
      ok: true,
    });
    const later = new Date(now.getTime() + 6 * 365 * 86_400_000);
    expect(await checkDeviceCertificate(identity.certificate, expected, roots, later)).toEqual({
      ok: false,
      problem: 'expired',
    });
    const earlier = new Date(now.getTime() - 86_400_000);
    expect(await checkDeviceCertificate(identity.certificate, expected, roots, earlier)).toEqual({
      ok: false,
      problem: 'not-yet-valid',
    });
    expect(
      await checkDeviceCertificate(
        identity.certificate,
        { ...expected, deviceId: '130102001.99' },
        roots,
        now,
      ),
    ).toEqual({ ok: false, problem: 'wrong-subject' });
  });
});

describe('SubjectPublicKeyInfo of a device key', () => {
  it('round-trips both curves and refuses what is not a raw point', async () => {
    const p256 = await (await p256Signer()).publicKeyInfo();
    const sm2 = await createSm2Signer(generateSm2KeyPair().privateKey)?.publicKeyInfo();
    for (const key of [p256, sm2]) {
      if (!key) throw new Error('no key');
      const der = spkiOf(key);
      if (!der) throw new Error('no SPKI');
      expect(publicKeyInfoOfSpki(der)).toEqual(key);
    }
    expect(spkiOf({ ...p256, publicKey: 'AAAA' })).toBeNull();
    const der = spkiOf(p256);
    if (!der) throw new Error('no SPKI');
    expect(publicKeyInfoOfSpki(der.subarray(1))).toBeNull();
    const compressed = der.slice();
    compressed[26] = 0x02;
    expect(publicKeyInfoOfSpki(compressed)).toBeNull();
  });
});
