import { z } from 'zod';

/**
 * The 20-character commitment code of brief §9: the 6-digit division code of the accepting
 * place, the date YYYYMMDD, and a 6-digit serial, unique per accepting place.
 *
 * Uniqueness without coordination: at enrolment the platform gives each device a slot 01–99
 * that is unique among the devices of one division code, and a device only ever writes serials
 * `slot * 10000 + n` with n 0000–9999 per day. Two devices therefore can never produce the same
 * code, whether online or not. We chose fixed slots over leased serial blocks because a block
 * scheme needs the platform again whenever a block runs out, which is exactly when a kiosk may be
 * offline; 10,000 codes per device per day is far above what a window handles. Slot 00 (serials
 * 000000–009999) is kept for codes made centrally (platform, online portal), never by a device.
 * The limit of 99 devices per division code is the price; the platform refuses a 100th enrolment.
 */

export const COMMITMENT_CODE_LENGTH = 20;
export const MIN_DEVICE_SLOT = 1;
export const MAX_DEVICE_SLOT = 99;
export const SERIALS_PER_SLOT_PER_DAY = 10_000;

/** Province-level prefixes of GB/T 2260 division codes; anything else is not a division code. */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type CommitmentCodeError =
  | 'bad-length'
  | 'bad-characters'
  | 'bad-division-code'
  | 'bad-date'
  | 'bad-slot'
  | 'serial-out-of-slot'
  | 'serial-exhausted';

export interface ParsedCommitmentCode {
  readonly divisionCode: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly serial: number;
  /** 0 for centrally made codes, otherwise the device slot that made it. */
  readonly deviceSlot: number;
  /** n in `slot * 10000 + n`: the device's running number that day. */
  readonly dailyIndex: number;
}

export type CommitmentCodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CommitmentCodeError };

export function isDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/** A real calendar date written YYYY-MM-DD (rejects 2023-02-29 and similar). */
function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

export interface NextCommitmentCodeInput {
  readonly divisionCode: string;
  /** The hall's local date (Asia/Shanghai), YYYY-MM-DD; the caller decides the time zone. */
  readonly date: string;
  readonly deviceSlot: number;
  /** The last full serial this device used on `date`, or null if none yet that day. */
  readonly lastSerialToday: number | null;
}

export function nextCommitmentCode(
  input: NextCommitmentCodeInput,
): CommitmentCodeResult<{ readonly code: string; readonly serial: number }> {
  const { divisionCode, date, deviceSlot, lastSerialToday } = input;
  if (!isDivisionCode(divisionCode)) return { ok: false, error: 'bad-division-code' };
  if (!isCalendarDate(date)) return { ok: false, error: 'bad-date' };
  if (
    !Number.isInteger(deviceSlot) ||
    deviceSlot < MIN_DEVICE_SLOT ||
    deviceSlot > MAX_DEVICE_SLOT
  ) {
    return { ok: false, error: 'bad-slot' };
  }
  const first = deviceSlot * SERIALS_PER_SLOT_PER_DAY;
  const last = first + SERIALS_PER_SLOT_PER_DAY - 1;
  let serial = first;
  if (lastSerialToday !== null) {
    if (!Number.isInteger(lastSerialToday) || lastSerialToday < first || lastSerialToday > last) {
      return { ok: false, error: 'serial-out-of-slot' };
    }
    if (lastSerialToday === last) return { ok: false, error: 'serial-exhausted' };
    serial = lastSerialToday + 1;
  }
  const code = `${divisionCode}${date.replaceAll('-', '')}${String(serial).padStart(6, '0')}`;
  return { ok: true, value: { code, serial } };
}

/** The day a commitment was made, as its code carries it: 'YYYY-MM-DD' (digits 7 to 14). */
export function commitmentCodeDay(code: string): string {
  return `${code.slice(6, 10)}-${code.slice(10, 12)}-${code.slice(12, 14)}`;
}

export function parseCommitmentCode(code: string): CommitmentCodeResult<ParsedCommitmentCode> {
  if (code.length !== COMMITMENT_CODE_LENGTH) return { ok: false, error: 'bad-length' };
  if (!/^\d+$/.test(code)) return { ok: false, error: 'bad-characters' };
  const divisionCode = code.slice(0, 6);
  if (!isDivisionCode(divisionCode)) return { ok: false, error: 'bad-division-code' };
  const date = commitmentCodeDay(code);
  if (!isCalendarDate(date)) return { ok: false, error: 'bad-date' };
  const serial = Number(code.slice(14));
  return {
    ok: true,
    value: {
      divisionCode,
      date,
      serial,
      deviceSlot: Math.floor(serial / SERIALS_PER_SLOT_PER_DAY),
      dailyIndex: serial % SERIALS_PER_SLOT_PER_DAY,
    },
  };
}

export const CommitmentCodeSchema = z
  .string()
  .refine((code) => parseCommitmentCode(code).ok, 'bad-commitment-code');

export const DivisionCodeSchema = z.string().refine(isDivisionCode, 'bad-division-code');
