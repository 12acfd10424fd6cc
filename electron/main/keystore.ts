/**
 * Whether the OS keystore really protects what `safeStorage` seals. On Linux without a keyring
 * Chromium falls back to 'basic_text', a hard-coded key: sealing then protects nothing, so it is
 * refused rather than pretended.
 */
export type KeystoreStatus = 'available' | 'no-encryption' | 'weak-backend';

export function keystoreStatus(
  encryptionAvailable: boolean,
  platform: string,
  linuxBackend: string | null,
): KeystoreStatus {
  if (!encryptionAvailable) return 'no-encryption';
  if (
    platform === 'linux' &&
    (linuxBackend === null || ['basic_text', 'unknown'].includes(linuxBackend))
  )
    return 'weak-backend';
  return 'available';
}
