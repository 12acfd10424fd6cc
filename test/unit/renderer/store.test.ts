import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { archivedBlobKey } from '../../../renderer/store/blob-keys';
import { purgeExpiredRecords } from '../../../renderer/clerk/retention';
import { KioskDb } from '../../../renderer/store/db';
import {
  loadSignedEvent,
  submitSignedRecord,
  type SignedRecordInput,
} from '../../../renderer/store/records';
import { voidRecord } from '../../../renderer/store/record-actions';
import { readHead } from '../../../renderer/store/event-log';
import type { DeviceIdentity } from '../../../renderer/device/identity';
import { createVerifiers } from '../../../shared/crypto/providers';
import { verifyChain } from '../../../shared/events/chain';
import type { Signer } from '../../../shared/crypto/signing';
import { signedPayload } from '../shared/record/fixtures';
import { testDataKeys } from '../../support/data-keys';
import { testDevice } from '../../support/test-device';

let db: KioskDb;
let signer: Signer;
let device: DeviceIdentity;
let n = 0;

beforeEach(async () => {
  n += 1;
  db = new KioskDb(`test-${n}`, testDataKeys());
  ({ signer, device } = await testDevice());
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const at = new Date('2026-11-25T02:00:00Z'); // 10:00 in the hall

function input(recordId: string): SignedRecordInput {
  return {
    recordId,
    at,
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => ({ ...signedPayload(), commitmentCode, validUntil: '2027-11-25' }),
    signatureImage: { mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) },
    document: { title: 'letter' },
  };
}

describe('submitting a signed record', () => {
  it('writes the event, its outbox entry, the search row, the image and the serial together', async () => {
    const result = await submitSignedRecord(db, device, signer, input('r-1'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created).toBe(true);
    expect(result.record.commitmentCode).toBe('13010220261125010000');
    expect(result.record.day).toBe('2026-11-25');
    expect(result.record.state).toBe('signed');
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.where('state').equals('pending').count()).toBe(1);
    expect((await db.blobs.get('signature:r-1'))?.data).toEqual(new Uint8Array([1, 2, 3]));
    expect(await readHead(db)).toMatchObject({ seq: 1 });
  });

  it('keeps the photo taken at signing beside the signature, sealed, and the purge takes both', async () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    const result = await submitSignedRecord(db, device, signer, {
      ...input('r-1'),
      photoImage: { mimeType: 'image/jpeg', data: photo },
    });
    expect(result.ok).toBe(true);
    expect(await db.blobs.get('photo:r-1')).toMatchObject({ mimeType: 'image/jpeg', data: photo });
    // Sealed at rest: the raw store never holds the bytes.
    db.close();
    const raw = new Dexie(db.name);
    await raw.open();
    const stored = (await raw.table('blobs').get('photo:r-1')) as Record<string, unknown>;
    expect(stored.data).toBeUndefined();
    expect(Object.keys(stored)).toContain('key');
    raw.close();
    await db.open();
    await db.records.update('r-1', { synced: 1 });
    await db.outbox.toCollection().modify({ state: 'accepted' });
    // Evidence leaves the device only once the platform acknowledged each file.
    expect(await purgeExpiredRecords(db, '2028-01-01', 30)).toBe(0);
    for (const kind of ['signature', 'photo'] as const) {
      await db.blobs.put({
        key: archivedBlobKey(kind, 'r-1'),
        mimeType: 'application/json',
        data: new TextEncoder().encode('{}'),
      });
    }
    expect(await purgeExpiredRecords(db, '2028-01-01', 30)).toBe(1);
    expect(await db.blobs.count()).toBe(0);
  });

  it('finds a record’s signing event whatever the order of its event ids (seq 9 before 10)', async () => {
    for (let i = 1; i <= 9; i += 1) await submitSignedRecord(db, device, signer, input(`r-${i}`));
    const ctx = { db, signer, device, now: () => at };
    const voided = await voidRecord(
      ctx,
      'r-9',
      { id: 'S001', role: 'supervisor' },
      { reasonCode: 'entered-in-error', reasonText: 'typed twice' },
    );
    expect(voided.ok).toBe(true);
    // In key order 'dev:10' (the void) comes before 'dev:9' (the signing).
    const first = await db.events.where('recordId').equals('r-9').first();
    expect(first?.type).toBe('record.voided');
    const signed = await loadSignedEvent(db, 'r-9');
    expect([signed?.type, signed?.seq]).toEqual(['record.signed', 9]);
  });

  it('never makes two records from a second tap on submit', async () => {
    const [a, b] = await Promise.all([
      submitSignedRecord(db, device, signer, input('r-1')),
      submitSignedRecord(db, device, signer, input('r-1')),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect([a, b].filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await db.records.count()).toBe(1);
    expect(await db.events.count()).toBe(1);
  });

  it('keeps one contiguous, verifiable chain under concurrent submits', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `r-${i}`);
    const results = await Promise.all(
      ids.map((id) => submitSignedRecord(db, device, signer, input(id))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const codes = new Set(results.map((r) => (r.ok ? r.record.commitmentCode : '')));
    expect(codes.size).toBe(8);
    const events = await db.events.orderBy('seq').toArray();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const verdict = await verifyChain(
      events,
      { deviceId: device.deviceId, key: device.publicKey },
      createVerifiers(crypto.subtle),
    );
    expect(verdict.ok).toBe(true);
  });

  it('stores nothing when the payload is invalid', async () => {
    const bad: SignedRecordInput = {
      ...input('r-bad'),
      payload: (commitmentCode) => ({
        ...signedPayload(),
        commitmentCode,
        validUntil: '2000-01-01',
      }),
    };
    const result = await submitSignedRecord(db, device, signer, bad);
    expect(result.ok).toBe(false);
    expect(await db.events.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
    expect(await db.meta.get('serial:2026-11-25')).toBeUndefined();
  });
});
