import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import { letterBlobKey, letterTimestampBlobKey } from '../../../../renderer/store/blob-keys';
import { runSync } from '../../../../renderer/sync/engine';
import type { LetterTimestampNote } from '../../../../renderer/sync/letter-timestamp';
import { PLATFORM_ROUTES } from '../../../../shared/platform/routes';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { ROOT_PEM_PATH, signingDevice } from '../../../support/signing-device';
import { companyLetter, inputFor } from '../pdf/letters';
import { opensslTsVerify, pdfsig, signatureParts } from '../pdf/signature-tools';
import { depsFor, enrolAppDevice, makeRecord } from './harness';
import type { AppDevice } from './harness';

/**
 * Sync timestamps the letters the device keeps: once a record is synced, its signed letter gets
 * the platform's RFC 3161 token as a document timestamp; the signed bytes stay the letter's first
 * bytes. The platform runs with the demo key, so its CA and TSA chain to the shipped root.
 */

let platform: TestPlatform;
let device: AppDevice;
let letter: Uint8Array;
const PATH = PLATFORM_ROUTES['letter-timestamp'].path;

beforeAll(async () => {
  platform = await startPlatform({ keys: demoKeyMaterial() });
  const signer = await signingDevice('ECDSA-P256-SHA256');
  letter = await buildSignedCommitmentPdf(inputFor(companyLetter('zh-CN')), {
    signer: signer.signer,
    certificate: signer.certificate,
    reason: '本设备确认申请人在此签署本承诺书',
  });
});
afterAll(() => platform.stop());

async function keptLetter(recordId: string): Promise<void> {
  expect(await makeRecord(device, recordId)).toMatchObject({ ok: true });
  await device.db.blobs.put({
    key: letterBlobKey(recordId),
    mimeType: 'application/pdf',
    data: letter,
  });
}

/** Counts the timestamp requests; `alter` may change the platform's answer on its way. */
function watching(calls: string[], alter?: (body: Record<string, unknown>) => void): typeof fetch {
  return async (input, init) => {
    const path = new URL(String(input)).pathname;
    calls.push(path);
    const response = await fetch(input, init);
    if (path !== PATH || !alter || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    alter(body);
    return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
  };
}

describe('the letters’ document timestamps on sync', () => {
  it('waits for the record to be synced, then timestamps the kept letter once', async () => {
    device = await enrolAppDevice(platform);
    const recordId = `${device.name}/ts-1`;
    await keptLetter(recordId);
    const calls: string[] = [];

    // Not yet pushed: nothing is asked.
    await runSync(depsFor(platform, device, { fetch: watching(calls) }), { steps: ['timestamp'] });
    expect(calls).not.toContain(PATH);
    expect(await device.db.blobs.get(letterTimestampBlobKey(recordId))).toBeUndefined();

    const outcome = await runSync(depsFor(platform, device, { fetch: watching(calls) }));
    expect(outcome).toMatchObject({ ok: true, error: null });
    expect(calls.filter((p) => p === PATH)).toHaveLength(1);
    const stamped = (await device.db.blobs.get(letterBlobKey(recordId)))?.data;
    if (!stamped) throw new Error('letter gone');
    expect(stamped.length).toBeGreaterThan(letter.length);
    expect(Buffer.from(stamped.subarray(0, letter.length)).equals(Buffer.from(letter))).toBe(true);
    const noteBlob = await device.db.blobs.get(letterTimestampBlobKey(recordId));
    const note = JSON.parse(new TextDecoder().decode(noteBlob?.data)) as LetterTimestampNote;
    expect(note.signedLength).toBe(letter.length);

    const report = pdfsig(stamped).output;
    expect(report.split('Signature #2')[0]).toContain('Signature is Valid.');
    expect(report).toContain('Signature Field Name: DocumentTimestamp');
    const parts = signatureParts(stamped, 1);
    expect(opensslTsVerify(parts.cms, parts.signedBytes, ROOT_PEM_PATH).output).toContain(
      'Verification: OK',
    );

    // Again: nothing left to timestamp, nothing asked.
    calls.length = 0;
    await runSync(depsFor(platform, device, { fetch: watching(calls) }));
    expect(calls).not.toContain(PATH);
  });

  it('keeps the letter as signed when the answer’s token does not check out', async () => {
    device = await enrolAppDevice(platform);
    const recordId = `${device.name}/ts-2`;
    await keptLetter(recordId);
    const calls: string[] = [];
    const tamper = (body: Record<string, unknown>) => {
      const token = Buffer.from(String(body.token), 'base64');
      token[token.length - 2] = (token[token.length - 2] ?? 0) ^ 1;
      body.token = token.toString('base64');
    };
    await runSync(depsFor(platform, device, { fetch: watching(calls, tamper) }));
    expect(calls).toContain(PATH);
    const kept = (await device.db.blobs.get(letterBlobKey(recordId)))?.data;
    expect(kept && Buffer.from(kept).equals(Buffer.from(letter))).toBe(true);
    expect(await device.db.blobs.get(letterTimestampBlobKey(recordId))).toBeUndefined();

    // The next run, with an honest answer, timestamps it.
    await runSync(depsFor(platform, device));
    expect(await device.db.blobs.get(letterTimestampBlobKey(recordId))).toBeDefined();
  });
});
