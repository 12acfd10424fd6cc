import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeExpiredRecords } from '../../../renderer/clerk/retention';
import { archivedBlobKey, letterBlobKey, photoBlobKey } from '../../../renderer/store/blob-keys';
import { findByText } from '../../../renderer/clerk/text-index';
import { openFields } from '../../../renderer/store/at-rest/field-cipher';
import type { DeviceIdentity } from '../../../renderer/device/identity';
import { KioskDb, type OutboxEntry, type StoredEvent } from '../../../renderer/store/db';
import { appendEvents } from '../../../renderer/store/event-log';
import { submitSignedRecord, type SignedRecordInput } from '../../../renderer/store/records';
import { reconcile } from '../../../renderer/sync/reconcile';
import { createVerifiers } from '../../../shared/crypto/providers';
import type { Signer } from '../../../shared/crypto/signing';
import { verifyChain } from '../../../shared/events/chain';
import { GENESIS_HASH, signedBytes } from '../../../shared/events/envelope';
import type { Entity } from '../../../shared/entity';
import { COMPANY_USCC, RESIDENT_ID, signedPayload } from '../shared/record/fixtures';
import { testDataKeys } from '../../support/data-keys';
import { testDevice } from '../../support/test-device';

let db: KioskDb;
let signer: Signer;
let device: DeviceIdentity;
let n = 0;

beforeEach(async () => {
  n += 1;
  db = new KioskDb(`retention-${n}`, testDataKeys());
  ({ signer, device } = await testDevice());
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const DAY = '2026-11-25';
const OLD = 'r-old';
const NEW = 'r-new';

/** Every personal field the applicant gave: none of it may survive the purge. */
const PERSONAL = {
  entityName: '石家庄示例食品有限公司',
  entityId: COMPANY_USCC,
  representative: '王五',
  agentName: '张三丰',
  agentId: RESIDENT_ID,
  phone: '13812345678',
  address: '石家庄市长安区中山东路1号',
};

const entity: Entity = {
  kind: 'legal-person',
  name: PERSONAL.entityName,
  idType: 'uscc',
  idNumber: PERSONAL.entityId,
  representative: { name: PERSONAL.representative },
  agent: { name: PERSONAL.agentName, idType: 'resident-id', idNumber: PERSONAL.agentId },
  phone: PERSONAL.phone,
  address: PERSONAL.address,
};

function input(recordId: string, at: Date): SignedRecordInput {
  return {
    recordId,
    at,
    actor: { kind: 'applicant' },
    payload: (commitmentCode) => ({
      ...signedPayload(),
      entity,
      commitmentCode,
      validUntil: '2027-11-25',
    }),
    signatureImage: { mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) },
    photoImage: { mimeType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8]) },
    document: { title: 'letter' },
  };
}

async function append(recordId: string | null, type: string, payload: StoredEvent['payload']) {
  const result = await appendEvents(
    db,
    signer,
    () => [
      {
        deviceId: device.deviceId,
        recordId,
        type,
        at: '2026-11-25T11:00:00+08:00',
        actor: { kind: 'clerk', id: 'c-007' },
        payload,
      },
    ],
    async () => undefined,
  );
  expect(result.ok).toBe(true);
}

/** What the platform's receipt sync leaves: accepted, with a receipt, and the row marked synced. */
async function markSynced(recordId: string | null) {
  const entries = await db.outbox.toArray();
  const receipted = entries
    .filter((o) => o.recordId === recordId)
    .map((o): OutboxEntry => ({
      ...o,
      state: 'accepted',
      receipt: {
        receiptNo: `R-${o.seq}`,
        platformTime: '2026-11-25T12:00:00+08:00',
        token: { alg: 'ECDSA-P256-SHA256', keyId: 'platform-1', value: 'c2ln' },
      },
    }));
  await db.outbox.bulkPut(receipted);
  if (recordId !== null) await db.records.update(recordId, { synced: 1 });
}

/** What the evidence sync leaves: the platform's acknowledgement of each file of the record. */
async function markArchived(
  recordId: string,
  kinds: readonly ('letter' | 'signature' | 'photo')[] = ['signature', 'photo'],
) {
  for (const kind of kinds) {
    await db.blobs.put({
      key: archivedBlobKey(kind, recordId),
      mimeType: 'application/json',
      data: new TextEncoder().encode('{}'),
    });
  }
}

/**
 * Seq 1: OLD signed; 2: OLD voided (free text naming the agent); 3: a clerk audit event;
 * 4: NEW signed. OLD and the audit event are synced, NEW is not.
 */
async function setUp(): Promise<{ code: string; before: StoredEvent[] }> {
  const old = await submitSignedRecord(
    db,
    device,
    signer,
    input(OLD, new Date(`${DAY}T02:00:00Z`)),
  );
  expect(old.ok).toBe(true);
  await append(OLD, 'record.voided', {
    reasonCode: 'applicant-withdrew',
    reasonText: `${PERSONAL.agentName} 撤回`,
    by: 'c-007',
    approvedBy: 'c-008',
  });
  await append(null, 'audit.clerk.signed-in', { role: 'clerk' });
  const fresh = await submitSignedRecord(
    db,
    device,
    signer,
    input(NEW, new Date(`${DAY}T05:00:00Z`)),
  );
  expect(fresh.ok).toBe(true);
  await markSynced(OLD);
  await markSynced(null);
  await markArchived(OLD);
  const before = await db.events.orderBy('seq').toArray();
  expect(before.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  return { code: old.ok ? old.record.commitmentCode : '', before };
}

const envelopeOf = ({ payload: _payload, ...rest }: StoredEvent) => rest;

describe('purging an expired synced record', () => {
  it('keeps it while a file of it (signature, photo, letter) has no acknowledgement as evidence', async () => {
    await setUp();
    await db.blobs.delete(archivedBlobKey('photo', OLD));
    expect(await purgeExpiredRecords(db, '2028-01-01', 30)).toBe(0);
    expect(await db.records.get(OLD)).toBeDefined();
    expect(await db.blobs.get(photoBlobKey(OLD))).toBeDefined();
    await markArchived(OLD, ['photo']);
    await db.blobs.put({
      key: letterBlobKey(OLD),
      mimeType: 'application/pdf',
      data: new Uint8Array([0x25]),
    });
    expect(await purgeExpiredRecords(db, '2028-01-01', 30)).toBe(0);
    await markArchived(OLD, ['letter']);
    expect(await purgeExpiredRecords(db, '2028-01-01', 30)).toBe(1);
    expect(await db.blobs.get(letterBlobKey(OLD))).toBeUndefined();
    expect(await db.blobs.get(archivedBlobKey('letter', OLD))).toBeUndefined();
  });

  it('leaves none of the applicant’s personal data in its events', async () => {
    const { before } = await setUp();
    // The store really held it before: the check below is not vacuous.
    expect(JSON.stringify(before[0]?.payload)).toContain(PERSONAL.agentId);
    expect(await purgeExpiredRecords(db, '2028-01-01', 30)).toBe(1);
    const purged = await db.events.where('recordId').equals(OLD).toArray();
    expect(purged).toHaveLength(2);
    const text = JSON.stringify(purged.map((e) => e.payload));
    for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
  });

  it('keeps every event with its seq, hash, prevHash, signature and the rest of its envelope', async () => {
    const { before } = await setUp();
    await purgeExpiredRecords(db, '2028-01-01', 30);
    const after = await db.events.orderBy('seq').toArray();
    expect(after.map(envelopeOf)).toEqual(before.map(envelopeOf));
    // The links still run from genesis to the head.
    after.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : after[i - 1]?.hash));
  });

  it('keeps each device signature over the stored hash verifiable', async () => {
    await setUp();
    await purgeExpiredRecords(db, '2028-01-01', 30);
    const verifiers = createVerifiers(crypto.subtle);
    for (const e of await db.events.orderBy('seq').toArray()) {
      const valid = await verifiers
        .verifierFor(e.sig.alg)
        .verify(device.publicKey, signedBytes(e.hash), e.sig.value);
      expect(valid, `seq ${e.seq}`).toBe(true);
    }
    // By design only the purged contents no longer match their hashes: no link is reported broken.
    const verdict = await verifyChain(
      await db.events.orderBy('seq').toArray(),
      { deviceId: device.deviceId, key: device.publicKey },
      verifiers,
    );
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.breaks.map((b) => [b.kind, b.seq])).toEqual([
      ['altered', 1],
      ['altered', 2],
    ]);
  });

  it('keeps the commitment code in the signed event’s residue and nothing else', async () => {
    const { code } = await setUp();
    expect(code).toMatch(/^\d{20}$/u);
    await purgeExpiredRecords(db, '2028-01-01', 30);
    const [signed, voided] = await db.events.where('recordId').equals(OLD).sortBy('seq');
    expect(signed?.payload).toEqual({ purged: true, commitmentCode: code });
    expect(voided?.payload).toEqual({ purged: true });
  });

  it('still counts the purged record in its day’s reconciliation', async () => {
    const { code } = await setUp();
    await purgeExpiredRecords(db, '2028-01-01', 30);
    const result = await reconcile(db, { day: DAY });
    expect(result.made).toContainEqual({ recordId: OLD, commitmentCode: code, day: DAY });
    expect(result.accepted.map((r) => r.recordId)).toEqual([OLD]);
    expect(result.pending.map((r) => r.recordId)).toEqual([NEW]);
    expect(result.unaccounted).toEqual([]);
    expect(result.addsUp).toBe(true);
  });

  it('takes the record out of the text index and its saved, sealed copy', async () => {
    await setUp();
    expect((await findByText(db, PERSONAL.entityName, 10)).rows).toHaveLength(2);
    const savedNames = async () => {
      const saved = (await db.meta.get('textIndexSnapshot'))?.value as { sealed: Uint8Array };
      const opened = openFields(db.keys.get(), 'meta', 'textIndexSnapshot', saved.sealed);
      return (JSON.parse(String(opened.entries)) as string[][]).map(([recordId]) => recordId);
    };
    expect((await savedNames()).sort()).toEqual([NEW, OLD]);
    await purgeExpiredRecords(db, '2028-01-01', 30);
    expect(await savedNames()).toEqual([NEW]);
  });

  it('leaves an unsynced record and device events untouched', async () => {
    const { before } = await setUp();
    await purgeExpiredRecords(db, '2028-01-01', 30);
    const after = await db.events.orderBy('seq').toArray();
    expect(after.slice(2)).toEqual(before.slice(2));
    expect(JSON.stringify(after[3]?.payload)).toContain(PERSONAL.agentId);
    expect(await db.records.get(NEW)).toBeDefined();
    expect(await db.blobs.get(`signature:${NEW}`)).toBeDefined();
    expect(await db.records.get(OLD)).toBeUndefined();
  });
});
