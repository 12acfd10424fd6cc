import 'fake-indexeddb/auto';
import fc from 'fast-check';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { atRestMiddleware } from '../../../../renderer/store/at-rest/middleware';
import { KioskDb, type RecordRow } from '../../../../renderer/store/db';
import { recordAction } from '../../../../renderer/store/record-actions';
import { submitSignedRecord } from '../../../../renderer/store/records';
import { loadStatsRecords, loadTallyFigures } from '../../../../renderer/store/stats-rows';
import { COMMITMENT_TYPES, ENTITY_KINDS } from '../../../../shared/model';
import { RECORD_STATES } from '../../../../shared/record/lifecycle';
import { DUE_KINDS, statsFigures } from '../../../../shared/stats/figures';
import { tallyOf } from '../../../../shared/stats/tally';
import { testDataKeys } from '../../../support/data-keys';
import { testDevice } from '../../../support/test-device';
import { ORGAN_USCC, signedPayload } from '../../shared/record/fixtures';

let n = 0;
const opened: Dexie[] = [];

function freshDb(name = `tally-${(n += 1)}`): KioskDb {
  const db = new KioskDb(name, testDataKeys());
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-05', '2026-04-01'];
const day = fc.constantFrom(...DAYS);
const ids = fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5');

const row = (recordId: fc.Arbitrary<string>): fc.Arbitrary<RecordRow> =>
  fc
    .record({
      recordId,
      day,
      matterCode: fc.constantFrom('M1', 'M2'),
      entityKind: fc.constantFrom(...ENTITY_KINDS),
      type: fc.option(fc.constantFrom(...COMMITMENT_TYPES), { nil: undefined }),
      state: fc.constantFrom(...RECORD_STATES),
      objection: fc.constantFrom('none', 'pending', 'resolved:withdrawn' as const),
      provisional: fc.constantFrom(0 as const, 1 as const),
      synced: fc.constantFrom(0 as const, 1 as const),
      due: fc.array(fc.record({ kind: fc.constantFrom(...DUE_KINDS), dueBy: day }), {
        maxLength: 3,
      }),
      met: fc.array(fc.record({ kind: fc.constantFrom(...DUE_KINDS), dueBy: day, closedOn: day }), {
        maxLength: 2,
      }),
    })
    .map(({ type, due, met, ...r }) => ({
      ...r,
      commitmentCode: `C-${r.recordId}`,
      signedAt: `${r.day}T09:00:00+08:00`,
      entityName: '石家庄测试有限公司',
      idNumber: '91130100MA0000001X',
      ...(type ? { commitmentType: type } : {}),
      ...(due.length > 0 ? { due: due.map((d) => ({ ...d })), dueBy: due[0]?.dueBy } : {}),
      ...(met.length > 0 ? { met } : {}),
    })) as fc.Arbitrary<RecordRow>;

/** Every way the app writes rows: one at a time, in bulk, updates, deletes, a clear, together. */
type Write =
  | { readonly op: 'put'; readonly row: RecordRow }
  | { readonly op: 'add'; readonly row: RecordRow }
  | { readonly op: 'bulkPut'; readonly rows: RecordRow[] }
  | { readonly op: 'update'; readonly id: string; readonly state: RecordRow['state'] }
  | { readonly op: 'delete'; readonly id: string }
  | { readonly op: 'bulkDelete'; readonly ids: string[] }
  | { readonly op: 'together'; readonly rows: RecordRow[] }
  | { readonly op: 'aborted'; readonly row: RecordRow }
  | { readonly op: 'clear' };

const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: row(ids).map((r) => ({ op: 'put' as const, row: r })) },
  { weight: 2, arbitrary: row(ids).map((r) => ({ op: 'add' as const, row: r })) },
  // A batch may name one record twice: the later row is what stays.
  {
    weight: 2,
    arbitrary: fc
      .array(row(ids), { maxLength: 4 })
      .map((rows) => ({ op: 'bulkPut' as const, rows })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ id: ids, state: fc.constantFrom(...RECORD_STATES) }).map((u) => ({
      op: 'update' as const,
      ...u,
    })),
  },
  { weight: 2, arbitrary: ids.map((id) => ({ op: 'delete' as const, id })) },
  {
    weight: 1,
    arbitrary: fc
      .array(ids, { maxLength: 3 })
      .map((list) => ({ op: 'bulkDelete' as const, ids: list })),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(row(ids), { maxLength: 3 })
      .map((rows) => ({ op: 'together' as const, rows })),
  },
  { weight: 1, arbitrary: row(ids).map((r) => ({ op: 'aborted' as const, row: r })) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

async function apply(db: KioskDb, w: Write): Promise<void> {
  switch (w.op) {
    case 'put':
      return void (await db.records.put(w.row));
    case 'add':
      // A second add of a record is refused, and must change nothing.
      return void (await db.records.add(w.row).catch(() => undefined));
    case 'bulkPut':
      return void (await db.records.bulkPut(w.rows));
    case 'update':
      return void (await db.records.update(w.id, { state: w.state }));
    case 'delete':
      return db.records.delete(w.id);
    case 'bulkDelete':
      return db.records.bulkDelete(w.ids);
    case 'together':
      // Writes in flight at once in one strict transaction (as a push batch's refresh does).
      return db.transaction('rw', [db.records, db.meta], async () => {
        await Promise.all(w.rows.map((r) => db.records.put(r)));
      });
    case 'aborted':
      // A transaction that fails after writing keeps neither the row nor its counts.
      return db
        .transaction('rw', db.records, async () => {
          await db.records.put(w.row);
          throw new Error('abort');
        })
        .catch(() => undefined);
    case 'clear':
      return db.records.clear();
  }
}

const FINDING = {
  type: 'fulfilment.recorded',
  payload: {
    status: 'kept',
    permitRevoked: false,
    findingDate: '2026-03-18',
    findingOrgan: { name: '长安区市场监督管理局', code: ORGAN_USCC },
  },
} as const;

const RANGE = { from: '2026-03-01', to: '2026-03-31', today: '2026-03-02' };

async function expectTallyIsRecount(db: KioskDb): Promise<void> {
  const rows = await db.records.toArray();
  expect(await db.tally.orderBy('day').toArray()).toEqual(tallyOf(rows));
  const typeOf = (code: string) => (code === 'M1' ? ('voluntary' as const) : undefined);
  const recount = statsFigures(await loadStatsRecords(db, RANGE, typeOf), RANGE);
  expect(await loadTallyFigures(db, RANGE, typeOf)).toEqual(recount);
}

describe('the statistics tally', () => {
  it('equals a full recount after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 25 }), async (writes) => {
        const db = freshDb();
        for (const w of writes) await apply(db, w);
        await expectTallyIsRecount(db);
        db.close();
        await db.delete();
      }),
      { numRuns: 40 },
    );
  });

  it('counts the records the app writes, through signing and a finding', async () => {
    const db = freshDb();
    const { signer, device } = await testDevice();
    const at = new Date('2026-03-15T02:00:00Z');
    const payload = (commitmentCode: string) => ({
      ...signedPayload(),
      commitmentCode,
      validUntil: '2027-03-15',
      deadlines: {
        verifyBy: '2026-03-17',
        dayCount: 'calendar' as const,
        certain: true,
        materials: [],
      },
    });
    for (const id of ['a', 'b']) {
      const result = await submitSignedRecord(db, device, signer, {
        recordId: id,
        at,
        actor: { kind: 'applicant' },
        payload,
        signatureImage: null,
        document: {},
      });
      expect(result).toMatchObject({ ok: true });
    }
    const ctx = { db, signer, device, now: () => new Date('2026-03-18T02:00:00Z') };
    const finding = await recordAction(ctx, 'a', { id: 'C001', role: 'clerk' }, FINDING);
    expect(finding.ok).toBe(true);
    const f = await loadTallyFigures(db, { ...RANGE, today: '2026-03-19' }, () => undefined);
    expect(f.total).toBe(2);
    expect(f.outcomes.kept).toBe(1);
    // 'a' was checked a day late; 'b' is still owed, and overdue on the 19th.
    expect(f.deadlinesMet.verification).toEqual({ onTime: 0, late: 1, open: 0, overdue: 1 });
    await expectTallyIsRecount(db);
  });

  it('is counted from the records when an older store is upgraded', async () => {
    // A version 5 store, as the previous release left it: rows without the deadlines met.
    const source = freshDb();
    const { signer, device } = await testDevice();
    const at = new Date('2026-03-15T02:00:00Z');
    await submitSignedRecord(source, device, signer, {
      recordId: 'old',
      at,
      actor: { kind: 'applicant' },
      payload: (commitmentCode) => ({
        ...signedPayload(),
        commitmentCode,
        validUntil: '2027-03-15',
        deadlines: {
          verifyBy: '2026-03-17',
          dayCount: 'calendar' as const,
          certain: true,
          materials: [],
        },
      }),
      signatureImage: null,
      document: {},
    });
    await recordAction(
      { db: source, signer, device, now: () => new Date('2026-03-18T02:00:00Z') },
      'old',
      { id: 'C001', role: 'clerk' },
      FINDING,
    );
    const events = await source.events.toArray();
    // What the previous release wrote: no deadlines met, and (the oldest rows) no type.
    const rows = (await source.records.toArray()).map((r) =>
      Object.fromEntries(
        Object.entries(r).filter(([key]) => key !== 'commitmentType' && key !== 'met'),
      ),
    );
    const name = `tally-old-${(n += 1)}`;
    const old = new Dexie(name);
    old.use(atRestMiddleware(testDataKeys()));
    old.version(5).stores({
      events: '&eventId, &seq, recordId, type',
      outbox: '&eventId, &seq, state, recordId, [state+seq]',
      records:
        '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced, ' +
        '[day+signedAt], [matterCode+signedAt], [state+signedAt], [synced+signedAt], dueBy, caseNumber',
      blobs: '&key',
      meta: '&key',
      central: '&changeId, recordId, &order',
    });
    await old.table('events').bulkPut(events);
    await old.table('records').bulkPut(rows);
    old.close();

    const upgraded = freshDb(name);
    const [row] = await upgraded.records.toArray();
    expect(row?.commitmentType).toBe(signedPayload().commitmentType);
    expect(row?.met).toEqual([
      { kind: 'verification', dueBy: '2026-03-17', closedOn: '2026-03-18' },
    ]);
    expect(await upgraded.tally.count()).toBe(1);
    await expectTallyIsRecount(upgraded);
  });
});
