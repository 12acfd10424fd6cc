import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifiers } from '../../../../shared/crypto/providers';
import { documentHash } from '../../../../shared/document/hash';
import { letterVerdict } from '../../../../shared/evidence/letter-verdict';
import type { RecordFacts } from '../../../../shared/evidence/letter-verdict';
import { verifyMarker } from '../../../../shared/evidence/verify-link';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import { stampAsCopy } from '../../../../renderer/pdf/copy-stamp';
import {
  embedTimestampToken,
  prepareDocumentTimestamp,
} from '../../../../renderer/pdf/sign/doc-timestamp';
import { checkLetterSignatures } from '../../../../renderer/pki/letter-signatures';
import { base64ToBytes } from '../../../../renderer/pki/base64';
import { x509 } from '../../../../renderer/pki/x509';
import {
  SHIPPED_ROOT_FILE,
  createRootCertificate,
  issueDeviceCertificate,
  loadOrCreateCa,
} from '../../../platform/ca';
import { openDatabase } from '../../../platform/db';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { loadOrCreateKeys } from '../../../platform/keys';
import { loadOrCreateTsa } from '../../../platform/tsa';
import type { PlatformTsa } from '../../../platform/tsa';
import { signingDevice } from '../../../support/signing-device';
import type { SigningDevice } from '../../../support/signing-device';
import { companyLetter, font, inputFor } from '../pdf/letters';
import { pdfsig } from '../pdf/signature-tools';

/**
 * The console's letter verifier on real PDFs: a letter signed by a device under the shipped root
 * and timestamped by the platform's TSA, then the same letter with one byte changed, re-signed by
 * a device of another root, stamped as a copy, and presented for a record this hall does not hold.
 * pdfsig confirms each altered file is altered for an independent reader too.
 */

const ROOTS = [readFileSync(SHIPPED_ROOT_FILE, 'utf8')];
const verifiers = createVerifiers(webcrypto.subtle);
const RECORD_ID = 'rec-0001';
const HALL = '130102001';
const document = companyLetter('zh-CN');
const HASH = documentHash(document);
const AT = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);

let device: SigningDevice;
let tsa: PlatformTsa;
let signed: Uint8Array;
let stamped: Uint8Array;

const held: RecordFacts = {
  found: true,
  deviceId: '130102001.07',
  documentHash: HASH,
  commitmentCode: '13010220261105010042',
};

function input() {
  const base = inputFor(document);
  return inputFor(document, {
    // Signed now, under a certificate issued now (the fixture's day is before it).
    record: { ...base.record, signedAt: new Date().toISOString() },
    qr: {
      text: `http://platform.example/v/${RECORD_ID}/${HASH}`,
      marker: verifyMarker({ recordId: RECORD_ID, documentHash: HASH }),
    },
  });
}

async function sign(signer: SigningDevice): Promise<Uint8Array> {
  return buildSignedCommitmentPdf(input(), {
    signer: signer.signer,
    certificate: signer.certificate,
    reason: '本设备确认申请人在此签署本承诺书',
  });
}

async function verdict(pdf: Uint8Array, record: RecordFacts = held, hallCode = HALL) {
  const facts = await checkLetterSignatures(pdf, ROOTS, verifiers, new Date());
  return letterVerdict({ ...facts, hallCode, record });
}

function codes(v: Awaited<ReturnType<typeof verdict>>): string[] {
  return v.findings.map((f) => f.code);
}

beforeAll(async () => {
  device = await signingDevice('ECDSA-P256-SHA256');
  const db = openDatabase(':memory:');
  const keys = await loadOrCreateKeys(db, demoKeyMaterial());
  const ca = await loadOrCreateCa(db, keys, () => new Date());
  tsa = await loadOrCreateTsa(db, ca, () => new Date());
  signed = await sign(device);
  const prepared = await prepareDocumentTimestamp(signed);
  stamped = embedTimestampToken(prepared, await tsa.timestamp(prepared.digest, AT, 3));
});

describe('the letter verifier', () => {
  it('finds a signed, timestamped letter of this hall valid, and names its record', async () => {
    const v = await verdict(stamped);
    expect(v.overall).toBe('valid');
    expect(v.reference).toEqual({ recordId: RECORD_ID, documentHash: HASH });
    expect(codes(v)).toEqual([
      'signature-valid',
      'signer-trusted',
      'timestamp-valid',
      'record-matches',
    ]);
    expect(v.findings[0]?.params['device']).toBe('130102001.07');
    expect(v.findings[2]?.params['time']).toBe(AT.toISOString());
  });

  it('notes a letter not yet timestamped, and an SM2 device signature verifies too', async () => {
    expect(codes(await verdict(signed))).toContain('timestamp-absent');
    expect((await verdict(signed)).overall).toBe('valid');
    const sm2 = await signingDevice('SM2-SM3');
    expect((await verdict(await sign(sm2))).overall).toBe('valid');
  });

  it('reports one flipped byte of the signed revision as altered (pdfsig agrees)', async () => {
    const altered = stamped.slice();
    const at = Math.floor(signed.length / 3);
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    expect(pdfsig(altered).output).not.toContain('Signature is Valid');
    const v = await verdict(altered);
    expect(v.overall).toBe('altered');
    expect(codes(v)).toContain('bytes-altered');
    expect(codes(v)).toContain('timestamp-invalid');
  });

  it('reports a changed byte of the timestamp update: the device signature holds, the timestamp not', async () => {
    const altered = stamped.slice();
    altered[signed.length + 40] = (altered[signed.length + 40] ?? 0) ^ 0x01;
    const v = await verdict(altered);
    expect(v.overall).toBe('altered');
    expect(codes(v)).toContain('signature-valid');
    expect(codes(v)).toContain('timestamp-invalid');
  });

  it('says an unknown signer when the certificate chains to no shipped root', async () => {
    const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const root = await createRootCertificate(pair, new Date(Date.now() - 60_000));
    const certificate = await issueDeviceCertificate({
      root: new x509.X509Certificate(root.rawData),
      key: pair.privateKey,
      device: {
        deviceId: device.deviceId,
        hallCode: HALL,
        organ: '石家庄市长安区行政审批局',
        publicKey: await device.signer.publicKeyInfo(),
      },
      at: new Date(),
    });
    if (!certificate) throw new Error('no certificate');
    const foreign = await sign({ ...device, certificate: base64ToBytes(certificate) });
    expect(pdfsig(foreign).output).toContain('Signature is Valid.');
    const v = await verdict(foreign);
    expect(v.overall).toBe('unknown-signer');
    expect(codes(v)).toContain('signer-unknown');
  });

  it("says not this hall's record: unknown to the hall, or signed by another hall's device", async () => {
    const unknown = await verdict(stamped, { found: false });
    expect(unknown.overall).toBe('not-this-hall');
    expect(codes(unknown)).toContain('record-unknown');
    const elsewhere = await verdict(stamped, held, '130104001');
    expect(elsewhere.overall).toBe('not-this-hall');
    expect(codes(elsewhere)).toContain('other-hall');
  });

  it('refuses a letter whose signed document is not the record’s', async () => {
    const v = await verdict(stamped, { ...held, documentHash: 'f'.repeat(64) });
    expect(v.overall).toBe('altered');
    expect(codes(v)).toContain('record-hash-differs');
  });

  it('a copy-stamped reprint still verifies, with the unsigned stamp noted', async () => {
    const copy = await stampAsCopy(stamped, { mark: '副本 COPY', note: '副本', font });
    const v = await verdict(copy);
    expect(v.overall).toBe('valid');
    expect(codes(v)).toContain('later-update');
  });

  it('an unsigned PDF is unsigned', async () => {
    const { buildCommitmentPdf } = await import('../../../../renderer/pdf/commitment-pdf');
    const v = await verdict(await buildCommitmentPdf(input()));
    expect(v.overall).toBe('unsigned');
  });
});
