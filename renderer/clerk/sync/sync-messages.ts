import { PLATFORM_ERROR_CODES } from '../../../shared/platform/errors';
import { PUSH_REJECTION_CODES } from '../../../shared/platform/push';
import type { EnrolResult } from '../../platform/enrol';
import type { PlatformFailureKind } from '../../platform/failure';
import { failureCode } from '../../platform/failure';
import type { SyncError } from '../../sync/context';
import { KEY_ROTATION_ERRORS } from '../../sync/key-rotation';
import { LOCAL_REJECTION_CODES } from '../../sync/push';
import type { SyncStatus } from '../../sync/status';

/**
 * The machine codes sync and enrolment end with (status.lastError, EnrolResult), each mapped to
 * the key of its words under clerk.sync.errors; an unknown code still gets a sentence naming it.
 */

type EngineErrorKind = Exclude<SyncError['kind'], 'platform'>;
type EnrolErrorCode = Exclude<Extract<EnrolResult, { ok: false }>['error'], 'platform'>;

const ENGINE_ERRORS = [
  'bad-timestamp-token',
  'bad-central-signature',
  'bad-snapshot-signature',
  'bad-verdicts',
  'catalogue-unknown-key',
  'catalogue-bad-signature',
  'catalogue-malformed',
  'catalogue-expired',
  'catalogue-not-yet-valid',
  'catalogue-other-hall',
  'no-platform-key',
  'not-enrolled',
  'aborted',
  'store-damaged',
  'internal',
] as const satisfies readonly EngineErrorKind[];

const FAILURE_KINDS = [
  'network',
  'timeout',
  'aborted',
  'version-mismatch',
  'bad-response',
  'rate-limited',
] as const satisfies readonly (PlatformFailureKind | 'rate-limited')[];

/** The supervisor's declared-loss procedure (sync/loss.ts). */
const LOSS_ERRORS = ['nothing-damaged', 'bad-approval', 'no-signer'] as const;

const ENROL_ERRORS = [
  'already-enrolled',
  'demo-records-present',
  'platform-key-untrusted',
  'bad-bundle-key',
  'bad-certificate',
] as const satisfies readonly EnrolErrorCode[];

/** Every code that has its own sentence (the i18n key test checks each exists). */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ...PLATFORM_ERROR_CODES,
  ...ENGINE_ERRORS,
  ...FAILURE_KINDS,
  ...ENROL_ERRORS,
  ...LOSS_ERRORS,
]);

export interface Message {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** The device key rotation's own (sync/key-rotation.ts), worded in the hardening area. */
const ROTATION_ERRORS: ReadonlySet<string> = new Set<string>(KEY_ROTATION_ERRORS);

export function errorMessage(code: string): Message {
  if (ROTATION_ERRORS.has(code)) return { key: `hardening.keyRotation.errors.${code}` };
  if (KNOWN_ERROR_CODES.has(code)) return { key: `clerk.sync.errors.${code}` };
  const http = /^http-(\d{3})$/.exec(code);
  if (http) return { key: 'clerk.sync.errors.http', values: { status: Number(http[1]) } };
  return { key: 'clerk.sync.errors.unknown', values: { code } };
}

/** An enrolment that did not go through, as the supervisor is told. */
export function enrolErrorMessage(result: Extract<EnrolResult, { ok: false }>): Message {
  return errorMessage(result.error === 'platform' ? failureCode(result.failure) : result.error);
}

export const KNOWN_REJECTION_CODES: ReadonlySet<string> = new Set<string>([
  ...PUSH_REJECTION_CODES,
  ...LOCAL_REJECTION_CODES,
]);

/** The platform's reason for refusing an event (PUSH_REJECTION_CODES), in words. */
export function rejectionMessage(code: string): Message {
  return KNOWN_REJECTION_CODES.has(code)
    ? { key: `clerk.sync.rejections.${code}` }
    : { key: 'clerk.sync.rejections.unknown', values: { code } };
}

/** The parts of the compact status line, in reading order. */
export type StatusPart =
  | { readonly kind: 'connection'; readonly online: boolean }
  | {
      readonly kind: 'running';
      readonly phase: SyncStatus['phase'];
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'pending'; readonly count: number }
  | { readonly kind: 'last-success'; readonly at: string | null }
  | { readonly kind: 'error'; readonly message: Message }
  | { readonly kind: 'clock-skew'; readonly seconds: number }
  | { readonly kind: 'damage'; readonly messages: readonly Message[] };

/** Damaged events listed by name on the status line; the rest are counted. */
const DAMAGE_LISTED = 5;

/** Each damaged event of the device's chain, by name and reason (sync/self-check.ts). */
export function damageMessages(damage: SyncStatus['damage']): Message[] {
  const listed: Message[] = damage.slice(0, DAMAGE_LISTED).map((d) => ({
    key: 'clerk.sync.damage.event',
    values: { eventId: d.eventId, seq: d.seq, reason: `clerk.sync.damage.reasons.${d.reason}` },
  }));
  if (damage.length > DAMAGE_LISTED)
    listed.push({
      key: 'clerk.sync.damage.more',
      values: { count: damage.length - DAMAGE_LISTED },
    });
  return listed;
}

export function statusParts(status: SyncStatus): StatusPart[] {
  const parts: StatusPart[] = [{ kind: 'connection', online: status.online }];
  if (status.running) {
    parts.push({
      kind: 'running',
      phase: status.phase,
      done: status.progress.done,
      total: status.progress.total,
    });
  }
  parts.push({ kind: 'pending', count: status.pending });
  parts.push({ kind: 'last-success', at: status.lastSuccessAt });
  // A run in progress may clear the last error: until it ends, the last one still stands.
  if (status.lastError !== null)
    parts.push({ kind: 'error', message: errorMessage(status.lastError) });
  if (status.damage.length > 0)
    parts.push({ kind: 'damage', messages: damageMessages(status.damage) });
  if (status.clockSkewFlagged && status.clockSkewMs !== null) {
    parts.push({ kind: 'clock-skew', seconds: Math.round(status.clockSkewMs / 1000) });
  }
  return parts;
}

type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/**
 * A Message in words. The keys are built from codes at run time, so i18next's typed keys cannot
 * check them here; the i18n test checks that every known code has its key in both languages.
 */
export function say(t: unknown, message: Message): string {
  const translate = t as Translate;
  const values = message.values;
  // A damage reason is itself a key: put in words before it goes into its sentence.
  const reason = values?.reason;
  if (typeof reason === 'string' && reason.startsWith('clerk.sync.damage.reasons.'))
    return translate(message.key, { ...values, reason: translate(reason) });
  return translate(message.key, values);
}
