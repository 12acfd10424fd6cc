import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stampAsCopy } from '../../../../renderer/pdf/copy-stamp';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import {
  embedTimestampToken,
  prepareDocumentTimestamp,
} from '../../../../renderer/pdf/sign/doc-timestamp';
import { loadOrCreateCa } from '../../../platform/ca';
import { openDatabase } from '../../../platform/db';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { loadOrCreateKeys } from '../../../platform/keys';
import { loadOrCreateTsa } from '../../../platform/tsa';
import { ROOT_PEM_PATH, signingDevice } from '../../../support/signing-device';
import { companyLetter, font, inputFor } from './letters';
import { pdfText } from './poppler';
import { opensslCmsVerify, opensslTsVerify, pdfsig, signatureParts } from './signature-tools';

/**
 * A reprint is the kept letter, as signed and timestamped, with a visible copy stamp appended in
 * an incremental update: both signatures still verify over their unchanged bytes.
 */

let stamped: Uint8Array;
let copy: Uint8Array;
const STAMP = { mark: '副本 COPY', note: '补打于 2027-01-05 · 窗口 A03', font };

beforeAll(async () => {
  const device = await signingDevice('ECDSA-P256-SHA256');
  const signed = await buildSignedCommitmentPdf(inputFor(companyLetter('zh-CN')), {
    signer: device.signer,
    certificate: device.certificate,
    reason: '本设备确认申请人在此签署本承诺书',
  });
  const db = openDatabase(':memory:');
  const keys = await loadOrCreateKeys(db, demoKeyMaterial());
  const ca = await loadOrCreateCa(db, keys, () => new Date());
  const tsa = await loadOrCreateTsa(db, ca, () => new Date());
  const prepared = await prepareDocumentTimestamp(signed);
  stamped = embedTimestampToken(prepared, await tsa.timestamp(prepared.digest, new Date(), 1));
  copy = await stampAsCopy(stamped, STAMP);
});

describe('a reprint', () => {
  it('keeps the timestamped letter byte for byte as its first part', () => {
    expect(copy.length).toBeGreaterThan(stamped.length);
    expect(Buffer.from(copy.subarray(0, stamped.length)).equals(Buffer.from(stamped))).toBe(true);
  });

  it('still verifies: the device signature over its revision, the timestamp over its own', () => {
    const report = pdfsig(copy).output;
    expect(report.split('Signature #2')[0]).toContain('Signature Validation: Signature is Valid.');
    expect(report).not.toContain('Signature #3');
    const device = signatureParts(copy, 0);
    expect(opensslCmsVerify(device.cms, device.signedBytes, ROOT_PEM_PATH).status).toBe(0);
    const timestamp = signatureParts(copy, 1);
    expect(opensslTsVerify(timestamp.cms, timestamp.signedBytes, ROOT_PEM_PATH).output).toContain(
      'Verification: OK',
    );
  });

  it('shows the stamp on every page, and the letter’s text unchanged', () => {
    const before = pdfText(stamped);
    const after = pdfText(copy);
    const pages = after.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(before.split('\f').filter((p) => p.trim() !== '').length);
    for (const page of pages) expect(page).toContain('副本 COPY');
    expect(after).toContain('补打于 2027-01-05');
    expect(before).not.toContain('补打于');
  });

  it('renders (pdftoppm, no system fonts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copy-'));
    writeFileSync(join(dir, 'copy.pdf'), copy);
    execFileSync('pdftoppm', ['-png', '-r', '40', join(dir, 'copy.pdf'), join(dir, 'p')], {
      env: { ...process.env, FONTCONFIG_FILE: '/dev/null' },
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
  });
});
