import type { SignedCatalogue } from '../../shared/catalogue/signed';
import type { VerifierRegistry } from '../../shared/crypto/providers';
import type { ErrorBody, ErrorIssue, PlatformErrorCode } from '../../shared/platform/errors';
import { PLATFORM_ERROR_STATUS } from '../../shared/platform/routes';
import type { Db } from './db';
import type { PlatformCa } from './ca';
import type { PlatformKeys } from './keys';
import type { PlatformTsa } from './tsa';

/** What every handler works with. `db` is swapped by a simulated restart, so read it per use. */
export interface PlatformContext {
  db: Db;
  readonly keys: PlatformKeys;
  /** The hall devices' certificate authority (ca.ts). */
  readonly ca: PlatformCa;
  /** The platform as time-stamping authority (tsa.ts), for the letters' document timestamps. */
  readonly tsa: PlatformTsa;
  readonly verifiers: VerifierRegistry;
  readonly now: () => Date;
  /** Signed at start, by hall code. */
  readonly catalogues: ReadonlyMap<string, SignedCatalogue>;
  readonly locks: KeyedLock;
}

/** One HTTP answer: the message (or ErrorBody) and its status. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function ok(body: unknown): Answer {
  return { status: 200, body };
}

export function refuse(
  code: PlatformErrorCode,
  issues?: readonly ErrorIssue[],
  headers?: Readonly<Record<string, string>>,
): Answer {
  const body: ErrorBody = { error: { code, ...(issues ? { issues: [...issues] } : {}) } };
  return { status: PLATFORM_ERROR_STATUS[code], body, ...(headers ? { headers } : {}) };
}

export function errorAnswer(body: ErrorBody): Answer {
  return { status: PLATFORM_ERROR_STATUS[body.error.code], body };
}

/** Runs tasks one after another per key (a device's pushes), across concurrent requests. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

export interface DeviceRow {
  readonly device_id: string;
  readonly hall_code: string;
  readonly division_code: string;
  readonly slot: number;
  readonly window: string;
  readonly key_alg: string;
  readonly public_key: string;
  readonly token_hash: string;
  readonly app_version: string;
  readonly enrolment_code: string;
  readonly enrolled_at: string;
  readonly revoked_at: string | null;
  readonly head_seq: number;
  readonly head_hash: string;
}

export function deviceById(db: Db, deviceId: string): DeviceRow | undefined {
  return db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE device_id = ?').get(deviceId);
}
