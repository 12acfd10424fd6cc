import type { SignatureAlgorithm } from '../../shared/crypto/signing';
import type { ChainDevice, RetiredKey } from '../../shared/events/chain';
import type { DeviceRow } from './context';
import type { Db } from './db';

/**
 * A device's keys over its chain: the key it was enrolled with or rotated to last
 * (devices.public_key), and each key a rotation replaced with the last seq it signed
 * (key_rotations, handlers/key-rotation.ts).
 */

interface RotationRow {
  readonly old_alg: string;
  readonly old_key: string;
  readonly after_seq: number;
}

export function retiredKeys(db: Db, deviceId: string): RetiredKey[] {
  return db
    .prepare<[string], RotationRow>(
      'SELECT old_alg, old_key, after_seq FROM key_rotations WHERE device_id = ? ORDER BY id',
    )
    .all(deviceId)
    .map((r) => ({
      key: { algorithm: r.old_alg as SignatureAlgorithm, publicKey: r.old_key },
      untilSeq: r.after_seq,
    }));
}

export function chainDeviceOf(db: Db, device: DeviceRow): ChainDevice {
  return {
    deviceId: device.device_id,
    key: { algorithm: device.key_alg as SignatureAlgorithm, publicKey: device.public_key },
    retiredKeys: retiredKeys(db, device.device_id),
  };
}
