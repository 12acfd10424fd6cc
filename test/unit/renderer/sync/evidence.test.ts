import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredRecords } from '../../../../renderer/clerk/retention';
import {
  archivedBlobKey,
  letterBlobKey,
  photoBlobKey,
  signatureBlobKey,
} from '../../../../renderer/store/blob-keys';
import { submitSignedRecord } from '../../../../renderer/store/records';
import { runSync } from '../../../../renderer/sync/engine';
import { pendingEvidence } from '../../../../renderer/sync/evidence';
import { PLATFORM_ROUTES } from '../../../../shared/platform/routes';
import { COMPANY, signedPayload, startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { SIGNED_AT, depsFor, enrolAppDevice } from './harness';
import type { AppDevice } from './harness';

/**
 * The records' files go to the platform as evidence once the record is synced, each once; the
 * platform holds exactly the bytes the signed event binds; the purge waits for every file's
 * acknowledgement.
 */

let platform: TestPlatform;
const PATH = PLATFORM_ROUTES.evidence.path;
const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 4, 5, 6]);
const LETTER = new TextEncoder().encode('%PDF-1.7\n% the signed letter stands in here\n%%EOF\n');
const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

async function recordWithFiles(device: AppDevice, recordId: string, signature = SIGNATURE) {
  const made = await submitSignedRecord(device.db, device.identity, device.signer, {
    recordId,
    at: SIGNED_AT,
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => ({
      ...signedPayload(1, COMPANY),
      commitmentCode,
      signature: { method: 'drawn', imageHash: hex(SIGNATURE) },
      photo: { status: 'taken', imageHash: hex(PHOTO), at: '2026-03-15T09:30:00+08:00' },
    }),
    signatureImage: { mimeType: 'image/png', data: signature },
    photoImage: { mimeType: 'image/jpeg', data: PHOTO },
    document: { title: recordId },
  });
  expect(made).toMatchObject({ ok: true });
  await device.db.blobs.put({
    key: letterBlobKey(recordId),
    mimeType: 'application/pdf',
    data: LETTER,
  });
}

function held(recordId: string) {
  return platform.server.admin.db
    .prepare<[string], { kind: string; sha256: string; data: Buffer }>(
      'SELECT kind, sha256, data FROM evidence WHERE record_id = ? ORDER BY kind',
    )
    .all(recordId);
}

function counting(calls: string[]): typeof fetch {
  return (input, init) => {
    calls.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
}

describe('evidence to the platform', () => {
  it('sends the letter, signature and photo of a synced record once, as the event binds them', async () => {
    const device = await enrolAppDevice(platform);
    const recordId = `${device.name}/ev-1`;
    await recordWithFiles(device, recordId);
    const calls: string[] = [];
    // Not synced yet: nothing goes.
    await runSync(depsFor(platform, device, { fetch: counting(calls) }), { steps: ['evidence'] });
    expect(calls).not.toContain(PATH);

    const outcome = await runSync(depsFor(platform, device, { fetch: counting(calls) }));
    expect(outcome).toMatchObject({ ok: true });
    expect(calls.filter((p) => p === PATH)).toHaveLength(3);
    const rows = held(recordId);
    expect(rows.map((r) => r.kind)).toEqual(['letter', 'photo', 'signature']);
    expect(
      rows.map((r) =>
        Buffer.compare(
          r.data,
          Buffer.from(
            { letter: LETTER, photo: PHOTO, signature: SIGNATURE }[r.kind as 'letter'] ?? [],
          ),
        ),
      ),
    ).toEqual([0, 0, 0]);
    expect(await pendingEvidence(device.db)).toEqual([]);
    for (const kind of ['letter', 'signature', 'photo'] as const)
      expect(await device.db.blobs.get(archivedBlobKey(kind, recordId))).toBeDefined();

    // Acknowledged: nothing is sent again, and the purge may take the files.
    calls.length = 0;
    await runSync(depsFor(platform, device, { fetch: counting(calls) }));
    expect(calls).not.toContain(PATH);
    expect(await purgeExpiredRecords(device.db, '2030-01-01', 30)).toBe(1);
    expect(await device.db.blobs.get(signatureBlobKey(recordId))).toBeUndefined();
  });

  it('answers a file sent again as a duplicate with its first acknowledgement', async () => {
    const device = await enrolAppDevice(platform);
    const recordId = `${device.name}/ev-2`;
    await recordWithFiles(device, recordId);
    await runSync(depsFor(platform, device));
    const first = await device.db.blobs.get(archivedBlobKey('photo', recordId));
    await device.db.blobs.delete(archivedBlobKey('photo', recordId));
    const before = platform.server.admin.digest();
    await runSync(depsFor(platform, device), { steps: ['evidence'] });
    expect(platform.server.admin.digest()).toBe(before);
    const again = await device.db.blobs.get(archivedBlobKey('photo', recordId));
    expect(again?.data).toEqual(first?.data);
  });

  it('refuses a signature image other than the one the event binds; the device keeps it and its record', async () => {
    const device = await enrolAppDevice(platform);
    const recordId = `${device.name}/ev-3`;
    await recordWithFiles(device, recordId, new Uint8Array([9, 9, 9]));
    await runSync(depsFor(platform, device));
    expect(held(recordId).map((r) => r.kind)).toEqual(['letter', 'photo']);
    expect(await device.db.blobs.get(archivedBlobKey('signature', recordId))).toBeUndefined();
    expect(await purgeExpiredRecords(device.db, '2030-01-01', 30)).toBe(0);
    expect(await device.db.blobs.get(photoBlobKey(recordId))).toBeDefined();
  });
});
