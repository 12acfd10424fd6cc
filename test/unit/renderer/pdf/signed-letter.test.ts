import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2';
import * as asn1js from 'asn1js';
import type { Language } from '../../../../shared/model';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import { ROOT_PEM_PATH, signingDevice } from '../../../support/signing-device';
import type { SigningDevice } from '../../../support/signing-device';
import { companyLetter, inputFor, letterPdf, personLetter } from './letters';
import { pdfText } from './poppler';
import {
  opensslCmsPrint,
  opensslCmsVerify,
  pdfsig,
  signatureParts,
  signerParts,
} from './signature-tools';

/**
 * The letter signed by the device as a PDF (PAdES baseline B), checked only by tools that know
 * nothing of this code: poppler's pdfsig and OpenSSL.
 */

let p256: SigningDevice;
const REASON = '本设备确认申请人在此签署本承诺书';

beforeAll(async () => {
  p256 = await signingDevice('ECDSA-P256-SHA256');
});

function signed(language: Language, device = p256, kind: 'company' | 'person' = 'company') {
  const document = kind === 'company' ? companyLetter(language) : personLetter(language);
  return buildSignedCommitmentPdf(inputFor(document), {
    signer: device.signer,
    certificate: device.certificate,
    reason: REASON,
  });
}

function flipped(pdf: Uint8Array, at: number): Uint8Array {
  const copy = pdf.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

describe('the signed letter', () => {
  it('pdfsig reports the device signature valid over the whole document', async () => {
    const pdf = await signed('zh-CN');
    const report = pdfsig(pdf);
    expect(report.output).toContain('Signature Validation: Signature is Valid.');
    expect(report.output).toContain('Total document signed');
    expect(report.output).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report.output).toContain('Signer Certificate Common Name: 130102001.07');
    // The claimed time is the record's signing time (14:03:12 China time), from /M.
    expect(report.output).toContain('Signing Time: Nov 05 2026 06:03:12');
  });

  it('OpenSSL verifies the CMS over the /ByteRange bytes against the shipped root', async () => {
    const pdf = await signed('zh-CN');
    const parts = signatureParts(pdf);
    const [a, b, c, d] = parts.byteRange;
    expect(a).toBe(0);
    expect(c + d).toBe(pdf.length);
    expect(b).toBeLessThan(c);
    const verdict = opensslCmsVerify(parts.cms, parts.signedBytes, ROOT_PEM_PATH);
    expect(verdict.output).toContain('Verification successful');
    expect(verdict.status).toBe(0);
  });

  it('carries content-type, message-digest and signing-certificate-v2, and no signing time', async () => {
    const pdf = await signed('zh-CN');
    const parts = signatureParts(pdf);
    const printed = opensslCmsPrint(parts.cms);
    const signedAttrs = printed.slice(
      printed.indexOf('signedAttrs:'),
      printed.indexOf('unsignedAttrs:'),
    );
    expect(signedAttrs).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(signedAttrs).toContain('messageDigest (1.2.840.113549.1.9.4)');
    expect(signedAttrs).toContain('signingCertificateV2');
    expect(signedAttrs).not.toMatch(/signingTime/);
    // DER: the SET OF attributes in the order of their encodings (X.690 §11.6).
    const { signedAttributes } = signerParts(parts.cms);
    const elements = (asn1js.fromBER(signedAttributes).result as asn1js.Set).valueBlock.value.map(
      (element) => Buffer.from(element.valueBeforeDecodeView),
    );
    expect(elements).toHaveLength(3);
    expect([...elements].sort(Buffer.compare)).toEqual(elements);
    // The signing certificate is named by the SHA-256 of the device's own certificate.
    const certHash = Buffer.from(sha256(p256.certificate)).toString('hex').toUpperCase();
    expect(signedAttrs).toContain(certHash);
  });

  it('is reported modified when one byte of either signed range changes', async () => {
    const pdf = await signed('zh-CN');
    const [, b, c, d] = signatureParts(pdf).byteRange;
    for (const at of [Math.floor(b / 2), c + Math.floor(d / 2)]) {
      const altered = flipped(pdf, at);
      const report = pdfsig(altered);
      expect(report.output).not.toContain('Signature is Valid');
      expect(report.output).toMatch(/Digest Mismatch|Signature is Invalid/);
      const parts = signatureParts(altered);
      expect(opensslCmsVerify(parts.cms, parts.signedBytes, ROOT_PEM_PATH).status).not.toBe(0);
    }
  });

  it('is refused by OpenSSL under a root the installation does not ship', async () => {
    const pdf = await signed('zh-CN');
    const parts = signatureParts(pdf);
    const dir = mkdtempSync(join(tmpdir(), 'root-'));
    const otherRoot = join(dir, 'other.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-out', key]);
    execFileSync('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-subj',
      '/CN=Hebei Hall Devices Root CA (DEMO)',
      '-days',
      '30',
      '-out',
      otherRoot,
    ]);
    expect(opensslCmsVerify(parts.cms, parts.signedBytes, otherRoot).status).not.toBe(0);
  });

  it('keeps the letter: both languages read the same text signed as unsigned', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      for (const kind of ['company', 'person'] as const) {
        const document = kind === 'company' ? companyLetter(language) : personLetter(language);
        const pdf = await signed(language, p256, kind);
        expect(pdfText(pdf)).toBe(pdfText(await letterPdf(document)));
        expect(pdfsig(pdf).output).toContain('Signature is Valid.');
      }
    }
  });

  it('is never made for a copy', async () => {
    await expect(
      buildSignedCommitmentPdf(inputFor(companyLetter('zh-CN'), { copy: true }), {
        signer: p256.signer,
        certificate: p256.certificate,
        reason: REASON,
      }),
    ).rejects.toThrow(/copy/);
  });
});

describe('an SM2 device’s signed letter', () => {
  it('names SM3 and SM2-with-SM3 by their GM/T OIDs, and the SM2 signature verifies in OpenSSL', async () => {
    const sm2 = await signingDevice('SM2-SM3');
    const pdf = await signed('zh-CN', sm2);
    const parts = signatureParts(pdf);
    const printed = opensslCmsPrint(parts.cms);
    expect(printed).toMatch(/algorithm: (sm3|1\.2\.156\.10197\.1\.401)/);
    expect(printed).toMatch(/algorithm: (SM2-with-SM3|1\.2\.156\.10197\.1\.501)/);
    // OpenSSL 3.0's CMS leaves out the signer's Z value (GM/T 0009 user ID) that GM/T 0010 asks
    // for, so the signature over the signed attributes is checked with `openssl dgst` instead.
    const dir = mkdtempSync(join(tmpdir(), 'sm2-'));
    const cert = join(dir, 'device.der');
    writeFileSync(cert, sm2.certificate);
    const publicKey = execFileSync('openssl', [
      'x509',
      '-inform',
      'DER',
      '-in',
      cert,
      '-pubkey',
      '-noout',
    ]);
    writeFileSync(join(dir, 'pub.pem'), publicKey);
    const { signedAttributes, signature } = signerParts(parts.cms);
    writeFileSync(join(dir, 'attrs.der'), signedAttributes);
    writeFileSync(join(dir, 'sig.der'), signature);
    const verdict = execFileSync(
      'openssl',
      [
        'dgst',
        '-sm3',
        '-verify',
        join(dir, 'pub.pem'),
        '-sigopt',
        'distid:1234567812345678',
        '-signature',
        join(dir, 'sig.der'),
        join(dir, 'attrs.der'),
      ],
      { encoding: 'utf8' },
    );
    expect(verdict).toContain('Verified OK');
  });
});
