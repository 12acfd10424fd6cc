import type { ChainDevice } from '../../shared/events/chain';
import type { KioskDb } from '../store/db';
import { readMeta } from '../store/meta';
import type { DeviceIdentity } from './identity';

/**
 * The device's chain as its own check must verify it: the current key, the keys rotations
 * replaced (each up to the last seq it signed), and, while a rotation is pending
 * (sync/key-rotation.ts), the rotation's new key for the events after its head, which the device
 * already signs with it.
 */
export async function ownChainDevice(
  db: KioskDb,
  identity: Pick<DeviceIdentity, 'deviceId' | 'publicKey' | 'retiredKeys'>,
): Promise<ChainDevice> {
  const retired = identity.retiredKeys ?? [];
  const pending = await readMeta(db, 'deviceKeyRotation');
  if (!pending || pending.rotation.deviceId !== identity.deviceId) {
    return { deviceId: identity.deviceId, key: identity.publicKey, retiredKeys: retired };
  }
  return {
    deviceId: identity.deviceId,
    key: pending.rotation.newKey,
    retiredKeys: [...retired, { key: identity.publicKey, untilSeq: pending.rotation.head.seq }],
  };
}
