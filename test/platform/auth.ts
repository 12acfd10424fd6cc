import { createHash, randomBytes } from 'node:crypto';
import { AUTH_SCHEME } from '../../shared/platform/routes';
import { refuse } from './context';
import type { Answer, DeviceRow, PlatformContext } from './context';

/**
 * Device credentials: a random bearer token handed out once at enrolment. Only its SHA-256 is
 * stored, so a copy of the database does not let anyone speak for a device.
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const BEARER = new RegExp(`^${AUTH_SCHEME} ([\\x21-\\x7e]{32,4096})$`);

export type AuthResult =
  | { readonly ok: true; readonly device: DeviceRow }
  | {
      readonly ok: false;
      readonly answer: Answer;
    };

/** The device the header speaks for: 'unauthorised' without a known token, 'device-revoked'. */
export function authenticate(ctx: PlatformContext, header: string | undefined): AuthResult {
  const match = header === undefined ? null : BEARER.exec(header);
  if (!match?.[1]) return { ok: false, answer: refuse('unauthorised') };
  const device = ctx.db
    .prepare<[string], DeviceRow>('SELECT * FROM devices WHERE token_hash = ?')
    .get(tokenHash(match[1]));
  if (!device) return { ok: false, answer: refuse('unauthorised') };
  if (device.revoked_at !== null) return { ok: false, answer: refuse('device-revoked') };
  return { ok: true, device };
}
