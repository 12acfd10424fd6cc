import { bytesToBase64url } from '../../shared/crypto/base64url';
import { chinaInstant } from '../../shared/time';
import { detectHost } from '../host';
import { attachProblemLog, logUncaughtProblems } from '../host/problem-log';
import { attachHeadMirror, hostHeadMirror } from '../store/head-mirror';
import {
  deviceSigner,
  loadDeviceIdentity,
  saveDeviceIdentity,
  sealDeviceSecrets,
  type DeviceIdentity,
} from '../device/identity';
import { loadCatalogue } from '../services/catalogue';
import { loadSettings } from '../settings/hall-settings';
import { loadDataKey } from '../store/at-rest/data-key';
import { DataKeyHolder } from '../store/at-rest/middleware';
import { DB_NAME, KioskDb, requestPersistentStorage } from '../store/db';
import type { AppServices } from '../services/app-services';

/** Demo devices take the last slot, which a platform never hands out to a real device. */
const DEMO_SLOT = 99;

async function demoIdentity(
  db: KioskDb,
  services: Pick<AppServices, 'signer'>,
  divisionCode: string,
  hallCode: string,
  window: string,
): Promise<DeviceIdentity> {
  const identity: DeviceIdentity = {
    deviceId: `demo-${bytesToBase64url(crypto.getRandomValues(new Uint8Array(6))).replace(/[^A-Za-z0-9]/g, 'x')}`,
    slot: DEMO_SLOT,
    divisionCode,
    hallCode,
    window,
    publicKey: await services.signer.publicKeyInfo(),
    enrolledAt: chinaInstant(new Date()),
    demo: true,
  };
  await saveDeviceIdentity(db, identity);
  return identity;
}

/**
 * Opens the store and gathers what every screen needs. A device with no platform runs in demo
 * mode and makes itself a demo identity; a configured one must be enrolled (null otherwise).
 */
export async function bootstrap(): Promise<
  AppServices | { readonly needsEnrolment: true; readonly db: KioskDb }
> {
  const host = detectHost();
  attachProblemLog(host);
  if (typeof window !== 'undefined') logUncaughtProblems(window);
  const keys = new DataKeyHolder();
  keys.set(await loadDataKey(host));
  const db = new KioskDb(DB_NAME, keys);
  await db.open();
  void requestPersistentStorage();
  // A store from before the platform token was sealed has it sealed now (device/identity.ts).
  await sealDeviceSecrets(db);
  const settings = await loadSettings(db);
  let device = await loadDeviceIdentity(db);
  // A demo device stays in demo mode until a supervisor leaves it (settings), even once a
  // platform address is set: its records must never reach a platform.
  const demo = settings.platformUrl === null || device?.demo === true;
  // The head outside IndexedDB guards a chain that goes to a platform; demo records never do,
  // and a demo reset starts their chain again (store/head-mirror.ts).
  if (!demo) attachHeadMirror(db, hostHeadMirror(host));
  const catalogue = await loadCatalogue(db, demo);
  const signer = await deviceSigner(db);
  if (!device) {
    if (!demo || !catalogue) return { needsEnrolment: true, db };
    const hallCode = catalogue.catalogue.hall.code;
    device = await demoIdentity(db, { signer }, hallCode.slice(0, 6), hallCode, settings.window);
  }
  return {
    db,
    host,
    settings,
    device,
    signer,
    catalogue,
    demo,
    now: () => new Date(),
  };
}
