import { createVerifiers } from '../../shared/crypto/providers';
import { deviceSigner, loadDeviceIdentity } from '../device/identity';
import { PlatformClient } from '../platform/client';
import type { FetchLike } from '../platform/client';
import { loadSettings } from '../settings/hall-settings';
import type { KioskDb } from '../store/db';
import type { SyncDeps } from './context';

/** Waits `ms`, or less if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

interface ClientOptions {
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

/**
 * The platform client speaking for this device as configured: null in demo mode (no platform
 * URL) or before enrolment, when there is no platform to ask.
 */
export async function deviceClient(
  db: KioskDb,
  options: ClientOptions = {},
): Promise<PlatformClient | null> {
  const [settings, device] = await Promise.all([loadSettings(db), loadDeviceIdentity(db)]);
  if (settings.platformUrl === null || !device || device.demo || !device.credentials) return null;
  return new PlatformClient({
    baseUrl: settings.platformUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  }).forDevice(device.deviceId, device.credentials);
}

/** The engine's dependencies for this device: null when there is nothing to sync with. */
export async function deviceSyncDeps(
  db: KioskDb,
  options: ClientOptions = {},
): Promise<SyncDeps | null> {
  const client = await deviceClient(db, options);
  if (!client) return null;
  return {
    db,
    client,
    verifiers: createVerifiers(crypto.subtle),
    signer: await deviceSigner(db),
    now: () => new Date(),
    random: Math.random,
    sleep,
  };
}
