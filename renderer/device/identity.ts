import type { z } from 'zod';
import { AtRestError, openFields, sealFields } from '../store/at-rest/field-cipher';
import type { KioskDb } from '../store/db';
import type { DeviceIdentitySchema } from '../store/meta';
import { readMeta, writeMeta, type MetaValue } from '../store/meta';

export { DeviceIdentitySchema } from '../store/meta';
export { deviceSigner, deviceKeyStatus, type DeviceKeyStatus } from './device-key';

export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

/**
 * The platform's bearer token is stored only sealed under the data key (bound to the `device`
 * row), like applicants' fields: a copied profile without the host keystore cannot push as the
 * device. Everything else of the identity is public and stays clear.
 */
const TABLE = 'meta';
const ROW = 'device';

type StoredIdentity = MetaValue<'device'>;

function stored(db: KioskDb, identity: DeviceIdentity): StoredIdentity {
  const { credentials, ...rest } = identity;
  if (credentials === undefined) return rest;
  return { ...rest, sealedCredentials: sealFields(db.keys.get(), TABLE, ROW, { credentials }) };
}

function opened(db: KioskDb, row: StoredIdentity): DeviceIdentity {
  const { sealedCredentials, credentials: legacy, ...rest } = row;
  if (sealedCredentials === undefined)
    return legacy === undefined ? rest : { ...rest, credentials: legacy };
  const { credentials } = openFields(db.keys.get(), TABLE, ROW, sealedCredentials);
  if (typeof credentials !== 'string') throw new AtRestError('unreadable');
  return { ...rest, credentials };
}

/** The device's identity, its token opened (throws AtRestError when the data key cannot). */
export async function loadDeviceIdentity(db: KioskDb): Promise<DeviceIdentity | null> {
  const row = await readMeta(db, 'device');
  return row ? opened(db, row) : null;
}

export async function saveDeviceIdentity(db: KioskDb, identity: DeviceIdentity): Promise<void> {
  await writeMeta(db, 'device', stored(db, identity));
}

/**
 * Upgrade of a store written before the token was sealed: the clear token is sealed in place,
 * the identity otherwise untouched. Idempotent; run at every start.
 */
export async function sealDeviceSecrets(db: KioskDb): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const row = await readMeta(db, 'device');
    if (row?.credentials === undefined) return false;
    await writeMeta(db, 'device', stored(db, opened(db, row)));
    return true;
  });
}
