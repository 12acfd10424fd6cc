import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AtRestError,
  openFields,
  sealFields,
} from '../../../../renderer/store/at-rest/field-cipher';
import { KioskDb } from '../../../../renderer/store/db';
import { testDataKeys } from '../../../support/data-keys';
import {
  atRestMiddleware,
  DataKeyHolder,
  SEALED,
} from '../../../../renderer/store/at-rest/middleware';

const KEY = new Uint8Array(32).map((_, i) => i + 1);
const OTHER_KEY = new Uint8Array(32).map((_, i) => 255 - i);

describe('sealing fields', () => {
  it('opens what it sealed, bytes included, and only for the same row', () => {
    const fields = {
      payload: { name: '张三', id: '130102199003071233' },
      image: new Uint8Array([1, 2, 3]),
    };
    const sealed = sealFields(KEY, 'events', 'dev:1', fields);
    expect(new TextDecoder().decode(sealed)).not.toContain('130102199003071233');
    expect(openFields(KEY, 'events', 'dev:1', sealed)).toEqual(fields);
    expect(() => openFields(KEY, 'events', 'dev:2', sealed)).toThrow(AtRestError);
    expect(() => openFields(KEY, 'records', 'dev:1', sealed)).toThrow(AtRestError);
    expect(() => openFields(OTHER_KEY, 'events', 'dev:1', sealed)).toThrow(AtRestError);
    const flipped = sealed.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect(() => openFields(KEY, 'events', 'dev:1', flipped)).toThrow(AtRestError);
  });

  it('uses a fresh IV each time', () => {
    const a = sealFields(KEY, 'events', 'k', { x: 1 });
    const b = sealFields(KEY, 'events', 'k', { x: 1 });
    expect(a).not.toEqual(b);
  });
});

interface EventRow {
  eventId: string;
  seq: number;
  recordId: string | null;
  payload: unknown;
}
interface RecordRow {
  recordId: string;
  signedAt: string;
  state: string;
  entityName: string;
  idNumber: string;
}

let n = 0;
const opened: Dexie[] = [];

function stores(db: Dexie) {
  db.version(1).stores({
    events: '&eventId, &seq, recordId',
    records: '&recordId, signedAt, state',
    blobs: '&key',
    meta: '&key',
  });
}

function sealedDb(name: string, keys: DataKeyHolder) {
  const db = new Dexie(name) as Dexie & {
    events: Dexie.Table<EventRow, string>;
    records: Dexie.Table<RecordRow, string>;
    blobs: Dexie.Table<{ key: string; data: Uint8Array }, string>;
  };
  db.use(atRestMiddleware(keys));
  stores(db);
  opened.push(db);
  return db;
}

/** The same database read without the key: what a copied disk image shows. */
async function rawRows(name: string, table: string): Promise<unknown[]> {
  const raw = new Dexie(name);
  stores(raw);
  opened.push(raw);
  return raw.table(table).toArray();
}

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});

describe('the at-rest middleware', () => {
  it('stores names, identifiers, payloads and images sealed, and gives them back on every kind of read', async () => {
    n += 1;
    const name = `at-rest-${n}`;
    const keys = new DataKeyHolder();
    keys.set(KEY);
    const db = sealedDb(name, keys);
    await db.transaction('rw', [db.events, db.records, db.blobs], async () => {
      await db.events.put({
        eventId: 'd:1',
        seq: 1,
        recordId: 'r1',
        payload: { entity: { name: '张三' } },
      });
      // Several awaits in one transaction: sealing must not close it.
      await db.records.put({
        recordId: 'r1',
        signedAt: '2026-11-25T10:00',
        state: 'signed',
        entityName: '张三',
        idNumber: '130102199003071233',
      });
      await db.records.put({
        recordId: 'r2',
        signedAt: '2026-11-25T11:00',
        state: 'voided',
        entityName: '李四',
        idNumber: '130102198502140024',
      });
      await db.blobs.put({ key: 'signature:r1', data: new Uint8Array([9, 8, 7]) });
    });

    const disk = JSON.stringify([
      ...(await rawRows(name, 'events')),
      ...(await rawRows(name, 'records')),
    ]);
    expect(disk).not.toMatch(/张三|李四|130102199003071233/);
    const rawRecord = (await rawRows(name, 'records'))[0] as Record<string, unknown>;
    expect(rawRecord).toMatchObject({ recordId: 'r1', state: 'signed' });
    expect(rawRecord[SEALED]).toBeInstanceOf(Uint8Array);
    expect(rawRecord).not.toHaveProperty('entityName');
    expect(((await rawRows(name, 'blobs'))[0] as Record<string, unknown>).data).toBeUndefined();

    expect(await db.records.get('r1')).toMatchObject({
      entityName: '张三',
      idNumber: '130102199003071233',
    });
    expect((await db.records.bulkGet(['r2', 'r1'])).map((r) => r?.entityName)).toEqual([
      '李四',
      '张三',
    ]);
    expect(
      (await db.records.orderBy('signedAt').reverse().toArray()).map((r) => r.entityName),
    ).toEqual(['李四', '张三']);
    expect(
      (await db.records.filter((r) => r.entityName.startsWith('李')).toArray()).map(
        (r) => r.recordId,
      ),
    ).toEqual(['r2']);
    const seen: string[] = [];
    await db.records
      .where('state')
      .equals('signed')
      .each((r) => seen.push(r.idNumber));
    expect(seen).toEqual(['130102199003071233']);
    expect((await db.events.where('recordId').equals('r1').first())?.payload).toEqual({
      entity: { name: '张三' },
    });
    expect((await db.blobs.get('signature:r1'))?.data).toEqual(new Uint8Array([9, 8, 7]));

    // A modify goes through a cursor and a put: the row stays sealed and whole.
    await db.records
      .where('recordId')
      .equals('r1')
      .modify((r) => {
        r.state = 'kept';
      });
    expect(await db.records.get('r1')).toMatchObject({ state: 'kept', entityName: '张三' });
    expect(JSON.stringify(await rawRows(name, 'records'))).not.toContain('张三');
  });

  it('refuses to read or write sealed tables without the key, and does not open with another', async () => {
    n += 1;
    const name = `at-rest-${n}`;
    const locked = sealedDb(name, new DataKeyHolder());
    await expect(
      locked.records.put({
        recordId: 'r1',
        signedAt: 's',
        state: 'signed',
        entityName: 'x',
        idNumber: 'y',
      }),
    ).rejects.toThrow('locked');
    expect(await locked.records.count()).toBe(0);
    const keys = new DataKeyHolder();
    keys.set(KEY);
    await sealedDb(name, keys).records.put({
      recordId: 'r1',
      signedAt: 's',
      state: 'signed',
      entityName: 'x',
      idNumber: 'y',
    });
    const wrong = new DataKeyHolder();
    wrong.set(OTHER_KEY);
    await expect(sealedDb(name, wrong).records.get('r1')).rejects.toThrow('unreadable');
  });

  it('still reads rows written before sealing, so an upgrade loses nothing', async () => {
    n += 1;
    const name = `at-rest-${n}`;
    const plain = new Dexie(name);
    stores(plain);
    opened.push(plain);
    await plain
      .table('records')
      .put({ recordId: 'old', signedAt: 's', state: 'signed', entityName: '旧', idNumber: 'z' });
    plain.close();
    const keys = new DataKeyHolder();
    keys.set(KEY);
    expect(await sealedDb(name, keys).records.get('old')).toMatchObject({ entityName: '旧' });
  });
});

describe('upgrading a store written before sealing', () => {
  it('re-writes every event, record and image sealed, and they still read back', async () => {
    n += 1;
    const name = `at-rest-upgrade-${n}`;
    const before = new Dexie(name);
    before.version(2).stores({
      events: '&eventId, &seq, recordId, type',
      outbox: '&eventId, &seq, state, recordId, [state+seq]',
      records:
        '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced, entityName, idNumber',
      blobs: '&key',
      meta: '&key',
      central: '&changeId, recordId, &order',
    });
    await before.table('events').put({
      eventId: 'd:1',
      seq: 1,
      recordId: 'r1',
      type: 'record.signed',
      payload: { name: '张三' },
    });
    await before.table('records').put({
      recordId: 'r1',
      commitmentCode: 'c1',
      day: 'd',
      signedAt: 's',
      matterCode: 'm',
      state: 'signed',
      synced: 0,
      entityName: '张三',
      idNumber: '130102199003071233',
    });
    await before.table('blobs').put({ key: 'signature:r1', data: new Uint8Array([5]) });
    before.close();

    const db = new KioskDb(name, testDataKeys());
    opened.push(db);
    await db.open();
    expect(await db.records.get('r1')).toMatchObject({ entityName: '张三' });
    db.close();
    const raw = new Dexie(name);
    opened.push(raw);
    await raw.open();
    const disk = JSON.stringify([
      await raw.table('events').toArray(),
      await raw.table('records').toArray(),
    ]);
    expect(disk).not.toMatch(/张三|130102199003071233/);
    expect(raw.table('records').schema.indexes.map((i) => i.name)).not.toContain('entityName');
    expect(
      ((await raw.table('blobs').get('signature:r1')) as Record<string, unknown>).data,
    ).toBeUndefined();
  });
});
