import {
  loadSnapshot,
  type CreditSnapshot,
  snapshotKey,
  type LoadedCreditSnapshot,
} from '../../shared/precheck/snapshot';
import { chinaInstant } from '../../shared/time';
import demoDishonest from '../../resources/demo/dishonest-entities.json';
import type { KioskDb } from '../store/db';
import { readMeta, writeMeta } from '../store/meta';

/** The last snapshot pulled from the platform, loaded for look-ups; null if none is stored. */
export async function loadStoredSnapshot(db: KioskDb): Promise<LoadedCreditSnapshot | null> {
  const stored = await readMeta(db, 'creditSnapshot');
  return stored ? loadSnapshot(stored) : null;
}

/** The stored snapshot as it came, for the sync's `haveIssuedAt`; null if none or corrupt. */
export async function storedSnapshot(db: KioskDb): Promise<CreditSnapshot | null> {
  return (await readMeta(db, 'creditSnapshot')) ?? null;
}

/** Stores a snapshot that the caller has verified against the platform's key. */
export async function storeVerifiedSnapshot(db: KioskDb, snapshot: CreditSnapshot): Promise<void> {
  await writeMeta(db, 'creditSnapshot', snapshot);
}

/**
 * Demo mode has no platform: its snapshot is made on the device from the bundled list of
 * synthetic dishonest entities, with a fresh salt, so the pre-check paths can all be tried.
 */
export function demoSnapshot(now: Date): LoadedCreditSnapshot {
  const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return loadSnapshot({
    issuedAt: chinaInstant(now),
    salt,
    unrepairedKeys: demoDishonest.unrepaired.map((e) => snapshotKey(e.idNumber, salt)),
  });
}
