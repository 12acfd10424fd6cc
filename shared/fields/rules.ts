/**
 * Every kind of field the kiosk and the console take, with its limit. The form's input stops at
 * `max` (maxLength), its hint states the limit, and the same rule refuses the value where the
 * domain accepts it (shared/entity.ts, shared/fields/record-action.ts, the clerk store).
 */
import type { NumberRule } from './values';
import type { TextRule } from './text';

export const TEXT_RULES = {
  /** A person's name; names in Chinese characters alone are held to HAN_PERSON_NAME below. */
  personName: { min: 2, max: 100, name: true },
  organisationName: { min: 2, max: 100, name: true },
  /** A staff member's name as the console shows it. */
  staffName: { min: 2, max: 40, name: true },
  /** An organ (finding, repair and objection decisions) as the platform names it. */
  organName: { min: 2, max: 200, name: true },
  organCode: { min: 1, max: 32 },
  /** The window or hall name shown on the kiosk and in reports. */
  windowName: { min: 1, max: 32, name: true },
  /** A short reason: void, reprint, a repair note. */
  reason: { min: 2, max: 500 },
  /** A finding's text, objection grounds, a resolution note. */
  longText: { min: 2, max: 4000, multiline: true },
  address: { min: 2, max: 500 },
  /** Typed identifiers and phones, before their own format check. */
  idNumber: { min: 1, max: 64 },
  creditCode: { min: 18, max: 18 },
  phone: { min: 1, max: 32 },
  printer: { min: 0, max: 200 },
} as const satisfies Record<string, TextRule>;

export type TextKind = keyof typeof TEXT_RULES;

/** Names written in Chinese characters (with '·' for minority names): 2 to 30 characters. */
export const HAN_PERSON_NAME = { min: 2, max: 30 } as const;

/** Staff numbers: letters, digits, '.', '-', '_'; compared without case. */
export const STAFF_NUMBER = { min: 1, max: 32, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/u } as const;

export const PLATFORM_URL_MAX = 2048;

/** The hall settings a supervisor types as numbers, with the ranges the device holds them to. */
export const NUMBER_RULES = {
  warnAfterSeconds: { min: 15, max: 1800, integer: true },
  countdownSeconds: { min: 5, max: 300, integer: true },
  receiptSeconds: { min: 10, max: 600, integer: true },
  clerkSignOutMinutes: { min: 1, max: 240, integer: true },
  maxSnapshotAgeHours: { min: 1, max: 24 * 90, integer: true },
  retentionDays: { min: 30, max: 3650, integer: true },
  objectionDays: { min: 1, max: 365, integer: true },
  clockToleranceSeconds: { min: 5, max: 3600, integer: true },
  idKeepStart: { min: 0, max: 8, integer: true },
  idKeepEnd: { min: 0, max: 6, integer: true },
  phoneKeepStart: { min: 0, max: 4, integer: true },
  phoneKeepEnd: { min: 0, max: 4, integer: true },
} as const satisfies Record<string, NumberRule>;

export type NumberKind = keyof typeof NUMBER_RULES;
