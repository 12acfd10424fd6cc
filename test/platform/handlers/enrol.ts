import { base64urlToBytes } from '../../../shared/crypto/base64url';
import type { PublicKeyInfo } from '../../../shared/crypto/signing';
import { GENESIS_HASH } from '../../../shared/events/envelope';
import type { EnrolRequest, EnrolResponseSchema } from '../../../shared/platform/enrol';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { MAX_DEVICE_SLOT, MIN_DEVICE_SLOT } from '../../../shared/record/commitment-code';
import type { z } from 'zod';
import { newToken, tokenHash } from '../auth';
import { ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';
import { subtle } from '../keys';

interface CodeRow {
  readonly code: string;
  readonly hall_code: string;
  readonly expires_at: string | null;
  readonly used_at: string | null;
  readonly device_id: string | null;
}

/** A key the platform can verify with later: a raw uncompressed EC point on the named curve. */
export async function isUsableKey(key: PublicKeyInfo): Promise<boolean> {
  const raw = base64urlToBytes(key.publicKey);
  if (raw === null || raw.length !== 65 || raw[0] !== 0x04) return false;
  if (key.algorithm !== 'ECDSA-P256-SHA256') return true;
  return subtle
    .importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
    .then(
      () => true,
      () => false,
    );
}

async function answerFor(ctx: PlatformContext, device: DeviceRow, token: string): Promise<Answer> {
  const hall = ctx.db
    .prepare<[string], { organ: string }>('SELECT organ FROM halls WHERE hall_code = ?')
    .get(device.hall_code);
  const organ = JSON.parse(hall?.organ ?? 'null') as z.input<
    typeof EnrolResponseSchema
  >['acceptingOrgan'];
  const deviceCertificate = await ctx.ca.deviceCertificate(ctx.db, {
    deviceId: device.device_id,
    hallCode: device.hall_code,
    organ: organ.name['zh-CN'],
    publicKey: {
      algorithm: device.key_alg as PublicKeyInfo['algorithm'],
      publicKey: device.public_key,
    },
  });
  const body: z.input<typeof EnrolResponseSchema> = {
    interfaceVersion: PLATFORM_INTERFACE_VERSION,
    deviceId: device.device_id,
    deviceSlot: device.slot,
    divisionCode: device.division_code,
    acceptingOrgan: organ,
    credentialsToken: token,
    bundleKey: ctx.keys.bundle.publicKey,
    bundleKeySig: ctx.keys.bundleSig,
    ...(deviceCertificate === null ? {} : { deviceCertificate }),
  };
  return ok(body);
}

/** How long after a code's use a retry may still fetch the answer that was lost. */
export const ENROL_RETRY_WINDOW_MS = 15 * 60_000;

/**
 * One-time codes, one device per code. A retry with the same code, hall, window and key (the
 * answer was lost on the way) gets the same device and slot with a fresh token, which replaces the
 * old one: the device is not locked out by a lost response, and only the last token counts. The
 * request is not signed, so anyone who knows the code and the public key could do the same: the
 * retry is honoured only shortly after the use, and never once the code has expired.
 */
export async function enrol(ctx: PlatformContext, request: EnrolRequest): Promise<Answer> {
  if (!(await isUsableKey(request.publicKey))) {
    return refuse('malformed', [{ path: 'publicKey.publicKey', code: 'bad-key' }]);
  }
  const token = newToken();
  const now = ctx.now();
  const db = ctx.db;
  const outcome = db.transaction((): Answer | { readonly device: DeviceRow } => {
    const code = db
      .prepare<[string], CodeRow>('SELECT * FROM enrolment_codes WHERE code = ?')
      .get(request.enrolmentCode);
    if (!code || code.hall_code !== request.hallCode) return refuse('enrolment-code-invalid');
    const expired = code.expires_at !== null && !(now.getTime() < Date.parse(code.expires_at));
    if (code.used_at !== null) {
      if (expired || now.getTime() - Date.parse(code.used_at) > ENROL_RETRY_WINDOW_MS)
        return refuse('enrolment-code-used');
      const device = db
        .prepare<[string], DeviceRow>('SELECT * FROM devices WHERE enrolment_code = ?')
        .get(code.code);
      const sameDevice =
        device !== undefined &&
        device.revoked_at === null &&
        device.key_alg === request.publicKey.algorithm &&
        device.public_key === request.publicKey.publicKey &&
        device.window === request.window;
      if (!sameDevice) return refuse('enrolment-code-used');
      db.prepare('UPDATE devices SET token_hash = ? WHERE device_id = ?').run(
        tokenHash(token),
        device.device_id,
      );
      return { device };
    }
    if (expired) return refuse('enrolment-code-expired');
    const divisionCode = request.hallCode.slice(0, 6);
    const taken = new Set(
      db
        .prepare<[string], { slot: number }>('SELECT slot FROM devices WHERE division_code = ?')
        .all(divisionCode)
        .map((r) => r.slot),
    );
    let slot = MIN_DEVICE_SLOT;
    while (slot <= MAX_DEVICE_SLOT && taken.has(slot)) slot += 1;
    if (slot > MAX_DEVICE_SLOT) return refuse('no-device-slot');
    const deviceId = `${request.hallCode}.${String(slot).padStart(2, '0')}`;
    const at = now.toISOString();
    db.prepare(
      `INSERT INTO devices (device_id, hall_code, division_code, slot, window, key_alg, public_key,
         token_hash, app_version, enrolment_code, enrolled_at, revoked_at, head_seq, head_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)`,
    ).run(
      deviceId,
      request.hallCode,
      divisionCode,
      slot,
      request.window,
      request.publicKey.algorithm,
      request.publicKey.publicKey,
      tokenHash(token),
      request.appVersion,
      code.code,
      at,
      GENESIS_HASH,
    );
    db.prepare('UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE code = ?').run(
      at,
      deviceId,
      code.code,
    );
    const device = db
      .prepare<[string], DeviceRow>('SELECT * FROM devices WHERE device_id = ?')
      .get(deviceId);
    if (!device) throw new Error('device not stored');
    return { device };
  })();
  // The certificate is signed outside the transaction: better-sqlite3's transactions are synchronous.
  return 'device' in outcome ? answerFor(ctx, outcome.device, token) : outcome;
}
