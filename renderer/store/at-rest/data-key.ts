import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import type { Host } from '../../host/host';
import { AtRestError, KEY_BYTES } from './field-cipher';

/**
 * The data key that seals applicants' fields in IndexedDB. It is stored only sealed by the host
 * (Electron: the OS keystore through safeStorage), so the database alone does not open; the clear
 * key lives in this window's memory. It sits in a database of its own because the app's database
 * needs the key already to open (its upgrades re-seal rows).
 */

const KEY_DB = 'credit-commitment-kiosk-keys';
const DATA_KEY = 'data-key';
const StoredSchema = z
  .object({ id: z.literal(DATA_KEY), sealed: z.instanceof(Uint8Array) })
  .strict();
type StoredKey = z.infer<typeof StoredSchema>;

class KeyDb extends Dexie {
  keys!: EntityTable<StoredKey, 'id'>;
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ keys: '&id' });
  }
}

async function unseal(host: Host, sealed: Uint8Array): Promise<Uint8Array> {
  const opened = await host.invoke('secret.unseal', { sealed });
  if (!opened.ok || opened.value.plaintext.length !== KEY_BYTES) throw new AtRestError('bad-key');
  return opened.value.plaintext;
}

export async function loadDataKey(host: Host, dbName = KEY_DB): Promise<Uint8Array> {
  const db = new KeyDb(dbName);
  try {
    const stored = StoredSchema.safeParse(await db.keys.get(DATA_KEY));
    if (stored.success) return await unseal(host, stored.data.sealed);
    const fresh = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    const sealed = await host.invoke('secret.seal', { plaintext: fresh });
    if (!sealed.ok) throw new AtRestError('locked');
    // Another window may have made one first: keep whichever was stored first, and use that.
    const winner = await db.transaction('rw', db.keys, async () => {
      const again = StoredSchema.safeParse(await db.keys.get(DATA_KEY));
      if (again.success) return again.data.sealed;
      await db.keys.add({ id: DATA_KEY, sealed: new Uint8Array(sealed.value.sealed) });
      return null;
    });
    return winner ? await unseal(host, winner) : fresh;
  } finally {
    db.close();
  }
}
