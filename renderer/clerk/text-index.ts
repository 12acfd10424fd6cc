import type { KioskDb, RecordRow } from '../store/db';

/**
 * What the clerk types is matched against names and identifiers, which are sealed at rest and so
 * have no index. This window keeps them opened in memory instead: built on the first search, then
 * kept up to date from the time index (names and identifiers never change once signed).
 */

interface Entry {
  readonly recordId: string;
  readonly code: string;
  readonly name: string;
  readonly id: string;
}

function entryOf(row: RecordRow): Entry {
  return {
    recordId: row.recordId,
    code: row.commitmentCode,
    name: row.entityName,
    id: row.idNumber.toUpperCase(),
  };
}

class TextIndex {
  readonly #entries = new Map<string, Entry>();
  #newest = '';

  constructor(private readonly db: KioskDb) {}

  async refresh(): Promise<void> {
    const count = await this.db.records.count();
    if (count === this.#entries.size) return;
    // A day behind the newest: a record signed with a clock set back a little still gets in.
    const since = this.#newest === '' ? '' : dayBefore(this.#newest);
    await this.#add(await this.db.records.where('signedAt').aboveOrEqual(since).toArray());
    if ((await this.db.records.count()) === this.#entries.size) return;
    // Rows went (retention purge) or came in out of order: build anew.
    this.#entries.clear();
    this.#newest = '';
    await this.#add(await this.db.records.toArray());
  }

  async #add(rows: readonly RecordRow[]): Promise<void> {
    for (const row of rows) {
      this.#entries.set(row.recordId, entryOf(row));
      if (row.signedAt > this.#newest) this.#newest = row.signedAt;
    }
  }

  /** Record ids whose name, identifier or record number starts with `text`, at most `limit`. */
  find(text: string, limit: number): { ids: string[]; more: boolean } {
    const upper = text.toUpperCase();
    const digits = /^\d+$/u.test(text);
    const ids: string[] = [];
    for (const e of this.#entries.values()) {
      if (
        e.name.startsWith(text) ||
        e.id.startsWith(upper) ||
        (digits && e.code.startsWith(text))
      ) {
        if (ids.length === limit) return { ids, more: true };
        ids.push(e.recordId);
      }
    }
    return { ids, more: false };
  }
}

function dayBefore(instant: string): string {
  const day = instant.slice(0, 10);
  const t = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : '';
}

const indexes = new WeakMap<KioskDb, TextIndex>();

export async function findByText(
  db: KioskDb,
  text: string,
  limit: number,
): Promise<{ rows: RecordRow[]; more: boolean }> {
  let index = indexes.get(db);
  if (!index) {
    index = new TextIndex(db);
    indexes.set(db, index);
  }
  await index.refresh();
  const { ids, more } = index.find(text, limit);
  const rows = await db.records.bulkGet(ids);
  return { rows: rows.filter((r): r is RecordRow => r !== undefined), more };
}
