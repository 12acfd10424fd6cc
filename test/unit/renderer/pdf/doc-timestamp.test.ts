import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import {
  embedTimestampToken,
  prepareDocumentTimestamp,
} from '../../../../renderer/pdf/sign/doc-timestamp';
import { checkTimestampToken } from '../../../../renderer/pki/timestamp-token';
import { loadOrCreateCa } from '../../../platform/ca';
import { openDatabase } from '../../../platform/db';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { loadOrCreateKeys } from '../../../platform/keys';
import { loadOrCreateTsa } from '../../../platform/tsa';
import type { PlatformTsa } from '../../../platform/tsa';
import { ROOT_PEM_PATH, signingDevice } from '../../../support/signing-device';
import type { SigningDevice } from '../../../support/signing-device';
import { companyLetter, inputFor } from './letters';
import {
  opensslCmsVerify,
  opensslTsVerify as verifyToken,
  pdfsig,
  signatureParts,
} from './signature-tools';

/**
 * The platform's RFC 3161 token added to the device-signed letter as a document timestamp, in an
 * incremental update: checked by pdfsig and OpenSSL alone (signature-tools.ts cuts the parts out
 * by the /ByteRange, as any reader does).
 */

let device: SigningDevice;
let tsa: PlatformTsa;
let signed: Uint8Array;
let stamped: Uint8Array;
/** Whole seconds, after the TSA certificate made at the start of the run. */
const AT = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);

async function timestamped(pdf: Uint8Array): Promise<Uint8Array> {
  const prepared = await prepareDocumentTimestamp(pdf);
  return embedTimestampToken(prepared, await tsa.timestamp(prepared.digest, AT, 7));
}

function opensslTsVerify(token: Uint8Array, data: Uint8Array) {
  return verifyToken(token, data, ROOT_PEM_PATH);
}

beforeAll(async () => {
  device = await signingDevice('ECDSA-P256-SHA256');
  const db = openDatabase(':memory:');
  const keys = await loadOrCreateKeys(db, demoKeyMaterial());
  const ca = await loadOrCreateCa(db, keys, () => new Date());
  tsa = await loadOrCreateTsa(db, ca, () => new Date());
  signed = await buildSignedCommitmentPdf(inputFor(companyLetter('zh-CN')), {
    signer: device.signer,
    certificate: device.certificate,
    reason: '本设备确认申请人在此签署本承诺书',
  });
  stamped = await timestamped(signed);
});

describe('the document timestamp', () => {
  it('keeps every byte of the signed revision: the timestamped file starts with it', () => {
    expect(stamped.length).toBeGreaterThan(signed.length);
    expect(Buffer.from(stamped.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);
  });

  it('pdfsig shows both: the device signature valid over its revision, the timestamp over all', () => {
    const report = pdfsig(stamped).output;
    const [first, second] = report.split('Signature #2');
    expect(first).toContain('Signature #1');
    expect(first).toContain('Signature Type: ETSI.CAdES.detached');
    expect(first).toContain('Signature Validation: Signature is Valid.');
    expect(first).toContain(`Signed Ranges: [0 - `);
    expect(first).not.toContain('Total document signed');
    // Poppler 22 lists a document timestamp but cannot validate one ("Unimplemented Feature");
    // OpenSSL checks its token below.
    expect(second).toContain('Signature Field Name: DocumentTimestamp');
    expect(second).toContain(
      'Signer Certificate Common Name: Hebei Platform Time-Stamping Authority (DEMO)',
    );
    expect(second).toContain('Total document signed');
    const text = Buffer.from(stamped.subarray(signed.length)).toString('latin1');
    expect(text).toContain('/Type /DocTimeStamp');
    expect(text).toContain('/SubFilter /ETSI.RFC3161');
  });

  it('openssl ts -verify accepts the token over the byte range against the shipped root', () => {
    const parts = signatureParts(stamped, 1);
    expect(parts.byteRange[2] + parts.byteRange[3]).toBe(stamped.length);
    const verdict = opensslTsVerify(parts.cms, parts.signedBytes);
    expect(verdict.output).toContain('Verification: OK');
    expect(verdict.status).toBe(0);
    // The device signature still verifies over its own, unchanged, range.
    const first = signatureParts(stamped, 0);
    expect(opensslCmsVerify(first.cms, first.signedBytes, ROOT_PEM_PATH).status).toBe(0);
  });

  it('reports a flipped byte: in the signed revision both fail, in the update the timestamp only', () => {
    const [, b] = signatureParts(stamped, 0).byteRange;
    const inRevision = stamped.slice();
    inRevision[Math.floor(b / 2)] = (inRevision[Math.floor(b / 2)] ?? 0) ^ 0x01;
    const report = pdfsig(inRevision).output;
    expect(report).not.toContain('Signature is Valid');
    const tsParts = signatureParts(inRevision, 1);
    expect(opensslTsVerify(tsParts.cms, tsParts.signedBytes).status).not.toBe(0);

    // A byte of the update outside both holes: the device's range is intact, the timestamp's not.
    const [, , c2] = signatureParts(stamped, 1).byteRange;
    const inUpdate = stamped.slice();
    inUpdate[c2 + 3] = (inUpdate[c2 + 3] ?? 0) ^ 0x01;
    expect(pdfsig(inUpdate).output.split('Signature #2')[0]).toContain('Signature is Valid.');
    const altered = signatureParts(inUpdate, 1);
    expect(opensslTsVerify(altered.cms, altered.signedBytes).status).not.toBe(0);
  });

  it('a token for another digest is refused by OpenSSL', async () => {
    const prepared = await prepareDocumentTimestamp(signed);
    const other = prepared.digest.slice();
    other[0] = (other[0] ?? 0) ^ 0xff;
    const wrong = embedTimestampToken(prepared, await tsa.timestamp(other, AT, 8));
    const parts = signatureParts(wrong, 1);
    expect(opensslTsVerify(parts.cms, parts.signedBytes).status).not.toBe(0);
  });
});

describe('the device’s check of a token before it goes into the letter', () => {
  it('accepts the platform’s token for the digest asked, under the shipped root', async () => {
    const prepared = await prepareDocumentTimestamp(signed);
    const token = await tsa.timestamp(prepared.digest, AT, 9);
    const check = await checkTimestampToken(token, prepared.digest, [
      readFileSync(ROOT_PEM_PATH, 'utf8'),
    ]);
    expect(check).toEqual({
      ok: true,
      time: AT,
      serial: '9',
      tsa: 'Hebei Platform Time-Stamping Authority (DEMO)',
    });
  });

  it('refuses another digest, a changed byte, and a root it does not ship', async () => {
    const prepared = await prepareDocumentTimestamp(signed);
    const token = await tsa.timestamp(prepared.digest, AT, 10);
    const roots = [readFileSync(ROOT_PEM_PATH, 'utf8')];
    const other = prepared.digest.slice();
    other[5] = (other[5] ?? 0) ^ 1;
    expect(await checkTimestampToken(token, other, roots)).toEqual({
      ok: false,
      problem: 'wrong-digest',
    });
    // A byte of the signature value (the token's last bytes) changed.
    const altered = token.slice();
    altered[altered.length - 3] = (altered[altered.length - 3] ?? 0) ^ 1;
    expect((await checkTimestampToken(altered, prepared.digest, roots)).ok).toBe(false);
    expect(await checkTimestampToken(token, prepared.digest, [])).toEqual({
      ok: false,
      problem: 'untrusted',
    });
    expect(await checkTimestampToken(new Uint8Array([1, 2, 3]), prepared.digest, roots)).toEqual({
      ok: false,
      problem: 'malformed',
    });
  });
});
