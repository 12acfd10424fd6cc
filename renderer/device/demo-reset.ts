import type { KioskDb } from '../store/db';
import { CHAIN_META_KEYS, deleteMeta, deleteMetaOf } from '../store/meta';
import { loadDeviceIdentity } from './identity';

/**
 * Leaving demo mode: a hall that tried the app in demo mode and now enrols with the platform
 * starts its chain anew, since a demo record must never reach a platform. Demo records were never
 * sent anywhere, so they are removed with the demo identity; staff, settings and the device key
 * stay. Refused on an enrolled device: its records are real and are never removed this way.
 */

export type DemoResetResult =
  | { readonly ok: true; readonly removedRecords: number }
  | { readonly ok: false; readonly error: 'not-demo' };

export async function resetDemoDevice(db: KioskDb): Promise<DemoResetResult> {
  return db.transaction(
    'rw',
    [db.events, db.outbox, db.records, db.blobs, db.central, db.meta],
    async (): Promise<DemoResetResult> => {
      const identity = await loadDeviceIdentity(db);
      if (!identity?.demo) return { ok: false, error: 'not-demo' };
      const removedRecords = await db.records.count();
      await Promise.all([
        db.events.clear(),
        db.outbox.clear(),
        db.records.clear(),
        db.blobs.clear(),
        db.central.clear(),
        deleteMeta(db, ...CHAIN_META_KEYS),
        deleteMetaOf(db, 'serial'),
      ]);
      return { ok: true, removedRecords };
    },
  );
}
