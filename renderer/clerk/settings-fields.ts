import type { FieldIssue, FieldIssues } from '../../shared/fields/issue';
import {
  NUMBER_RULES,
  PLATFORM_URL_MAX,
  TEXT_RULES,
  type NumberKind,
} from '../../shared/fields/rules';
import { checkText } from '../../shared/fields/text';
import { checkHttpUrl, checkNumber } from '../../shared/fields/values';
import type { HallSettings } from '../settings/hall-settings';

/** Where each number the supervisor types sits in the settings. */
const NUMBER_PATHS: readonly (readonly [
  path: string,
  kind: NumberKind,
  read: (s: HallSettings) => number,
])[] = [
  ['idle.warnAfterSeconds', 'warnAfterSeconds', (s) => s.idle.warnAfterSeconds],
  ['idle.countdownSeconds', 'countdownSeconds', (s) => s.idle.countdownSeconds],
  ['idle.receiptSeconds', 'receiptSeconds', (s) => s.idle.receiptSeconds],
  ['idle.clerkSignOutMinutes', 'clerkSignOutMinutes', (s) => s.idle.clerkSignOutMinutes],
  ['precheck.maxSnapshotAgeHours', 'maxSnapshotAgeHours', (s) => s.precheck.maxSnapshotAgeHours],
  ['retentionDays', 'retentionDays', (s) => s.retentionDays],
  ['objectionDays', 'objectionDays', (s) => s.objectionDays],
  ['masking.idKeepStart', 'idKeepStart', (s) => s.masking.idKeepStart],
  ['masking.idKeepEnd', 'idKeepEnd', (s) => s.masking.idKeepEnd],
  ['masking.phoneKeepStart', 'phoneKeepStart', (s) => s.masking.phoneKeepStart],
  ['masking.phoneKeepEnd', 'phoneKeepEnd', (s) => s.masking.phoneKeepEnd],
];

/**
 * Each settings field the supervisor typed, held to the shared field rules: the window's name,
 * the platform's address and every number with its range. Keyed by the setting's path.
 */
export function settingsIssues(draft: HallSettings): FieldIssues {
  const issues: Record<string, FieldIssue> = {};
  const window = checkText(draft.window, TEXT_RULES.windowName);
  if (!window.ok) issues['window'] = window.issue;
  if (draft.platformUrl !== null) {
    const url = checkHttpUrl(draft.platformUrl, PLATFORM_URL_MAX);
    if (!url.ok) issues['platformUrl'] = url.issue;
  }
  for (const [path, kind, read] of NUMBER_PATHS) {
    const checked = checkNumber(read(draft), NUMBER_RULES[kind]);
    if (!checked.ok) issues[path] = checked.issue;
  }
  return issues;
}

/** The range of a number setting, for its hint. */
export function rangeOf(kind: NumberKind): { readonly min: number; readonly max: number } {
  return NUMBER_RULES[kind];
}
