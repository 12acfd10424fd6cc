import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { AtRestError, openFields, sealFields } from './field-cipher';

/**
 * Applicants' personal data is sealed inside IndexedDB: the named fields of each row are taken out
 * and stored as one XChaCha20-Poly1305 value under `$sealed`, and put back on every read. Everything else
 * (keys, indexes, states, hashes) stays clear, so the store can still be queried; a copied disk
 * image shows record numbers and states, not names, identifiers or signatures.
 */

export const SEALED = '$sealed';

/** Which fields of which tables hold personal data; their indexes must not exist (they would leak). */
export const SEALED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  events: ['payload'],
  records: ['entityName', 'idNumber'],
  blobs: ['data'],
};

/** Holds the data key for the life of the window; fails closed until it is set. */
export class DataKeyHolder {
  #key: Uint8Array | null = null;
  set(key: Uint8Array): void {
    this.#key = key;
  }
  get(): Uint8Array {
    if (!this.#key) throw new AtRestError('locked');
    return this.#key;
  }
}

type Row = Record<string, unknown>;

function primaryKeyOf(row: Row, keyPath: string): string {
  const value = row[keyPath];
  if (typeof value !== 'string' && typeof value !== 'number') throw new AtRestError('unreadable');
  return String(value);
}

function sealRow(
  keys: DataKeyHolder,
  table: string,
  keyPath: string,
  fields: readonly string[],
  row: unknown,
): unknown {
  if (!row || typeof row !== 'object') return row;
  const clear: Row = {};
  const secret: Row = {};
  for (const [field, value] of Object.entries(row)) {
    if (fields.includes(field)) secret[field] = value;
    else clear[field] = value;
  }
  clear[SEALED] = sealFields(keys.get(), table, primaryKeyOf(clear, keyPath), secret);
  return clear;
}

function openRow(keys: DataKeyHolder, table: string, keyPath: string, row: unknown): unknown {
  if (!row || typeof row !== 'object' || !(SEALED in row)) return row;
  const { [SEALED]: sealed, ...clear } = row as Row;
  if (!(sealed instanceof Uint8Array)) throw new AtRestError('unreadable');
  return { ...clear, ...openFields(keys.get(), table, primaryKeyOf(clear, keyPath), sealed) };
}

/**
 * The cursor as Dexie sees it, with each value opened on the way out. The native cursor's own
 * attributes must be read on the native object (Chromium refuses another receiver), so they are
 * forwarded; Dexie's methods live on the native object and need no forwarding.
 */
function openingCursor(cursor: DBCoreCursor, open: (row: unknown) => unknown): DBCoreCursor {
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: { get: () => open(cursor.value) },
  }) as DBCoreCursor;
}

function sealedTable(
  down: DBCoreTable,
  keys: DataKeyHolder,
  fields: readonly string[],
): DBCoreTable {
  const keyPath = down.schema.primaryKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`at-rest: ${down.name} needs an inbound key`);
  const seal = (row: unknown) => sealRow(keys, down.name, keyPath, fields, row);
  const open = (row: unknown) => openRow(keys, down.name, keyPath, row);
  return {
    ...down,
    mutate: (req) =>
      req.type === 'add' || req.type === 'put'
        ? down.mutate({ ...req, values: req.values.map(seal) })
        : down.mutate(req),
    get: async (req) => open(await down.get(req)),
    getMany: async (req) => (await down.getMany(req)).map(open),
    query: async (req) => {
      const response = await down.query(req);
      return req.values ? { ...response, result: response.result.map(open) } : response;
    },
    openCursor: async (req) => {
      const cursor = await down.openCursor(req);
      return cursor && req.values !== false ? openingCursor(cursor, open) : cursor;
    },
  };
}

export function atRestMiddleware(keys: DataKeyHolder): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'at-rest',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const fields = SEALED_FIELDS[name];
        return fields ? sealedTable(table, keys, fields) : table;
      },
    }),
  };
}
