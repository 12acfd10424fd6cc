import { nameMatches, pinyinInitials } from '../../shared/console/name-match';
import { addDays } from '../../shared/time';
import { openFields, sealFields } from '../store/at-rest/field-cipher';
import type { KioskDb, RecordRow } from '../store/db';
import { readMeta, writeMeta, type MetaKey } from '../store/meta';

/**
 * What the clerk types is matched against names and identifiers, which are sealed at rest and so
 * have no index. This window keeps them opened in memory instead, kept up to date from the time
 * index (names and identifiers never change once signed). Opening 100,000 sealed rows one by one
 * takes seconds, so the index itself is also kept sealed as one value and opened in one go by the
 * next window.
 */

const SNAPSHOT_KEY = 'textIndexSnapshot' satisfies MetaKey;
const RESAVE_AFTER = 200;

/** The opened snapshot, checked by hand: a schema walk over 100,000 tuples costs more than the rest. */
function entriesOf(opened: Record<string, unknown>): Entry[] | null {
  if (typeof opened.entries !== 'string') return null;
  const rows: unknown = JSON.parse(opened.entries);
  if (!Array.isArray(rows)) return null;
  const entries: Entry[] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4 || !row.every((x) => typeof x === 'string'))
      return null;
    const [recordId, code, name, id] = row as [string, string, string, string];
    entries.push({ recordId, code, name, id });
  }
  return entries;
}

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

  #loaded = false;
  #savedSize = -1;

  async refresh(): Promise<void> {
    if (!this.#loaded) {
      this.#loaded = true;
      await this.#load();
    }
    const dropped = await this.#update();
    // Re-sealing the whole index costs tens of ms at 100,000 rows: only when it moved a fair way,
    // or when purged records went, whose names must not stay in the saved copy.
    if (
      dropped ||
      this.#savedSize < 0 ||
      Math.abs(this.#entries.size - this.#savedSize) >= RESAVE_AFTER
    )
      await this.#save();
  }

  /** Brings the index up to the rows; true when rows it held are gone (a retention purge). */
  async #update(): Promise<boolean> {
    const count = await this.db.records.count();
    if (count === this.#entries.size) return false;
    // A day behind the newest: a record signed with a clock set back a little still gets in.
    const since = this.#newest === '' ? '' : dayBefore(this.#newest);
    await this.#add(await this.db.records.where('signedAt').aboveOrEqual(since).toArray());
    if ((await this.db.records.count()) === this.#entries.size) return false;
    // Rows went (retention purge) or came in out of order. Keys are not sealed and cost little to
    // list; only the rows the index lacks are opened.
    const keys = new Set(await this.db.records.toCollection().primaryKeys());
    const before = this.#entries.size;
    for (const id of this.#entries.keys()) if (!keys.has(id)) this.#entries.delete(id);
    const dropped = this.#entries.size < before;
    const missing = [...keys].filter((id) => !this.#entries.has(id));
    const rows = await this.db.records.bulkGet(missing);
    await this.#add(rows.filter((r): r is RecordRow => r !== undefined));
    return dropped;
  }

  async #load(): Promise<void> {
    const stored = await readMeta(this.db, SNAPSHOT_KEY);
    if (!stored) return;
    try {
      const entries = entriesOf(
        openFields(this.db.keys.get(), 'meta', SNAPSHOT_KEY, stored.sealed),
      );
      if (!entries) return;
      for (const e of entries) this.#entries.set(e.recordId, e);
      this.#newest = stored.newest;
      this.#savedSize = this.#entries.size;
    } catch {
      // An unreadable snapshot is only a lost shortcut: the index is built from the rows.
      this.#entries.clear();
    }
  }

  async #save(): Promise<void> {
    const entries = [...this.#entries.values()].map((e) => [e.recordId, e.code, e.name, e.id]);
    // One string inside the sealed value: opening it then needs no walk over every field.
    const sealed = sealFields(this.db.keys.get(), 'meta', SNAPSHOT_KEY, {
      entries: JSON.stringify(entries),
    });
    await writeMeta(this.db, SNAPSHOT_KEY, { sealed, newest: this.#newest });
    this.#savedSize = this.#entries.size;
  }

  async #add(rows: readonly RecordRow[]): Promise<void> {
    for (const row of rows) {
      this.#entries.set(row.recordId, entryOf(row));
      if (row.signedAt > this.#newest) this.#newest = row.signedAt;
    }
  }

  /** Pinyin initials by record id, worked out on the first search that needs them. */
  readonly #initials = new Map<string, string>();

  #initialsOf(e: Entry): string {
    let initials = this.#initials.get(e.recordId);
    if (initials === undefined) {
      initials = pinyinInitials(e.name);
      this.#initials.set(e.recordId, initials);
    }
    return initials;
  }

  /**
   * Record ids whose name holds `text` anywhere (or its pinyin initials do), or whose identifier
   * or record number starts with it, at most `limit`.
   */
  find(text: string, limit: number): { ids: string[]; more: boolean } {
    const upper = text.toUpperCase();
    const digits = /^\d+$/u.test(text);
    const ids: string[] = [];
    for (const e of this.#entries.values()) {
      if (
        nameMatches(e.name, text, () => this.#initialsOf(e)) ||
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
  return Number.isFinite(Date.parse(`${day}T00:00:00Z`)) ? addDays(day, -1) : '';
}

const indexes = new WeakMap<KioskDb, TextIndex>();

function indexOf(db: KioskDb): TextIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new TextIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/** After a retention purge: the purged records leave the index and its saved copy at once. */
export function refreshTextIndex(db: KioskDb): Promise<void> {
  return indexOf(db).refresh();
}

export async function findByText(
  db: KioskDb,
  text: string,
  limit: number,
): Promise<{ rows: RecordRow[]; more: boolean }> {
  const index = indexOf(db);
  await index.refresh();
  const { ids, more } = index.find(text, limit);
  const rows = await db.records.bulkGet(ids);
  return { rows: rows.filter((r): r is RecordRow => r !== undefined), more };
}
