import type { DeviceIdentity } from '../../renderer/device/identity';
import type { Signer } from '../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../shared/crypto/webcrypto-signer';

/** A demo device in the demo hall with a fresh non-extractable key, for tests and benchmarks. */
export async function testDevice(
  deviceId = 'dev-01',
): Promise<{ readonly signer: Signer; readonly device: DeviceIdentity }> {
  const pair = await generateWebCryptoKeyPair(crypto.subtle, { extractable: false });
  const signer = createWebCryptoSigner(crypto.subtle, pair);
  const device: DeviceIdentity = {
    deviceId,
    slot: 1,
    divisionCode: '130102',
    hallCode: '130102-01',
    window: 'A03',
    publicKey: await signer.publicKeyInfo(),
    enrolledAt: '2026-11-25T08:00:00+08:00',
    demo: true,
  };
  return { signer, device };
}
