import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import {
  addToTally,
  applyDelta,
  type DayTally,
  type TallyDelta,
  type TallySource,
} from '../../shared/stats/tally';

/**
 * Keeps the statistics' tally (shared/stats/tally.ts) in step with the record rows, below every
 * caller: each write to `records` (add, put, delete, clear, by whichever path) changes the tally
 * in the same IndexedDB transaction, so the two can never disagree, not even after a crash.
 *
 * Every read-write transaction over `records` is widened to include `tally`, so no caller has to
 * remember it; the transaction keeps the durability its caller asked for (strict, db.ts).
 */

export const TALLY_TABLE = 'tally';
const RECORDS_TABLE = 'records';

type Row = TallySource & { readonly recordId: string };

/** One transaction's tally updates run one after another: each reads what the last one wrote. */
const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();

function serial<T>(trans: DBCoreTransaction, task: () => Promise<T>): Promise<T> {
  const next = (queues.get(trans) ?? Promise.resolve()).then(task);
  queues.set(
    trans,
    next.catch(() => undefined),
  );
  return next;
}

async function writeDelta(
  tally: DBCoreTable,
  trans: DBCoreTransaction,
  delta: TallyDelta,
): Promise<void> {
  const days = [...delta.keys()];
  if (days.length === 0) return;
  const stored = (await tally.getMany({ trans, keys: days })) as (DayTally | undefined)[];
  const puts: DayTally[] = [];
  const deletes: string[] = [];
  days.forEach((day, i) => {
    const next = applyDelta(day, stored[i], delta.get(day) ?? new Map());
    if (next) puts.push(next);
    else if (stored[i]) deletes.push(day);
  });
  if (puts.length > 0) await tally.mutate({ type: 'put', trans, values: puts });
  if (deletes.length > 0) await tally.mutate({ type: 'delete', trans, keys: deletes });
}

/** The rows a write replaces or removes, read before it, by key (undefined: none yet). */
async function rowsBefore(
  records: DBCoreTable,
  req: DBCoreMutateRequest,
): Promise<Map<string, Row | undefined>> {
  const before = new Map<string, Row | undefined>();
  if (req.type === 'deleteRange') {
    const { result } = await records.query({
      trans: req.trans,
      query: { index: records.schema.primaryKey, range: req.range },
      values: true,
    });
    for (const row of result as Row[]) before.set(row.recordId, row);
    return before;
  }
  const keys =
    req.type === 'delete' ? (req.keys as string[]) : req.values.map((v) => (v as Row).recordId);
  if (req.type === 'add' || keys.length === 0) return before;
  const rows = (await records.getMany({ trans: req.trans, keys })) as (Row | undefined)[];
  keys.forEach((key, i) => before.set(key, rows[i]));
  return before;
}

/** What the write changed in the tally: each replaced row out, each row written in. */
function deltaOf(
  req: DBCoreMutateRequest,
  response: DBCoreMutateResponse,
  before: Map<string, Row | undefined>,
): TallyDelta {
  const delta: TallyDelta = new Map();
  const current = new Map(before);
  const failed = (i: number) => response.failures[i] !== undefined;
  const replace = (key: string, next: Row | undefined) => {
    const prev = current.get(key);
    if (prev) addToTally(delta, prev, -1);
    if (next) addToTally(delta, next, 1);
    current.set(key, next);
  };
  switch (req.type) {
    case 'add':
    case 'put':
      req.values.forEach((v, i) => {
        if (!failed(i)) replace((v as Row).recordId, v as Row);
      });
      break;
    case 'delete':
      (req.keys as string[]).forEach((key, i) => {
        if (!failed(i)) replace(key, undefined);
      });
      break;
    case 'deleteRange':
      for (const key of before.keys()) replace(key, undefined);
      break;
  }
  return delta;
}

function talliedRecords(records: DBCoreTable, tally: DBCoreTable): DBCoreTable {
  return {
    ...records,
    mutate: (req) =>
      serial(req.trans, async () => {
        const before = await rowsBefore(records, req);
        const response = await records.mutate(req);
        await writeDelta(tally, req.trans, deltaOf(req, response, before));
        return response;
      }),
  };
}

/**
 * At the very bottom, below Dexie's own middlewares (a lower level is nearer IndexedDB): those
 * read Dexie's zone, which the tally's awaits leave, and the rows seen here are still sealed, so
 * the tally reads only their clear fields and never opens a name or an identifier.
 */
export function tallyMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'stats-tally',
    level: -1,
    create: (down) => {
      // Before the version that adds it (an older store being upgraded), there is nothing to keep.
      if (!down.schema.tables.some((t) => t.name === TALLY_TABLE)) return down;
      return {
        ...down,
        transaction: (stores, mode, options) =>
          down.transaction(
            mode === 'readwrite' && stores.includes(RECORDS_TABLE) && !stores.includes(TALLY_TABLE)
              ? [...stores, TALLY_TABLE]
              : stores,
            mode,
            options,
          ),
        table: (name) =>
          name === RECORDS_TABLE
            ? talliedRecords(down.table(name), down.table(TALLY_TABLE))
            : down.table(name),
      };
    },
  };
}
