/**
 * The field rules of a clerk's action on a record (void, finding, repair, objection), checked
 * where the action is accepted: the console's form shows each issue next to its field, and the
 * store refuses the same event from anyone who goes around the form. Dates are held to the
 * record: a decision falls between the day it was signed and today.
 *
 * These rules apply to new actions only. Events already stored are read with the looser schemas
 * of shared/record/events.ts, so nothing written before the rules existed becomes unreadable.
 */
import type { RecordEvent } from '../record/events';
import type { FieldIssue, FieldIssues } from './issue';
import { TEXT_RULES, type TextKind } from './rules';
import { checkText } from './text';
import { checkDay } from './values';

export interface ActionDayBounds {
  /** 'YYYY-MM-DD' the record was signed (the day in its commitment code). */
  readonly signedOn: string;
  /** 'YYYY-MM-DD' today on the hall's clock. */
  readonly today: string;
}

type Issues = Record<string, FieldIssue>;

// A caller that went around the form may hand over anything: what is not a string is left to the
// schema, which refuses it as malformed.
function text(issues: Issues, path: string, value: unknown, kind: TextKind): void {
  if (typeof value !== 'string') return;
  const checked = checkText(value, TEXT_RULES[kind]);
  if (!checked.ok) issues[path] = checked.issue;
}

function day(issues: Issues, path: string, value: unknown, bounds: ActionDayBounds): void {
  if (typeof value !== 'string') return;
  const checked = checkDay(value, { notBefore: bounds.signedOn, notAfter: bounds.today });
  if (!checked.ok) issues[path] = checked.issue;
}

function organ(
  issues: Issues,
  path: string,
  value: { readonly name: string; readonly code: string } | undefined,
): void {
  if (typeof value !== 'object' || value === null) return;
  text(issues, `${path}.name`, value.name, 'organName');
  text(issues, `${path}.code`, value.code, 'organCode');
}

type ActionEvent = Exclude<RecordEvent, { readonly type: 'record.signed' }>;
type Fulfilment = Extract<ActionEvent, { type: 'fulfilment.recorded' }>['payload'];

function fulfilment(
  issues: Issues,
  prefix: string,
  p: Fulfilment | undefined,
  bounds: ActionDayBounds,
) {
  if (typeof p !== 'object' || p === null) return;
  text(issues, `${prefix}notKept`, p.notKept, 'longText');
  text(issues, `${prefix}liabilityImposed`, p.liabilityImposed, 'longText');
  day(issues, `${prefix}findingDate`, p.findingDate, bounds);
  organ(issues, `${prefix}findingOrgan`, p.findingOrgan);
}

/**
 * Every field issue of a proposed action, keyed by its path in the payload ('findingDate',
 * 'findingOrgan.name'); empty when the action's fields are acceptable. Structure (which fields
 * an action has) is the schema's business; this checks what was typed into them.
 */
export function actionFieldIssues(event: ActionEvent, bounds: ActionDayBounds): FieldIssues {
  const issues: Issues = {};
  if (typeof event !== 'object' || event === null) return issues;
  if (typeof event.payload !== 'object' || event.payload === null) return issues;
  switch (event.type) {
    case 'record.voided':
      text(issues, 'reasonText', event.payload.reasonText, 'reason');
      break;
    case 'fulfilment.recorded':
      fulfilment(issues, '', event.payload, bounds);
      break;
    case 'repair.started':
      day(issues, 'startedOn', event.payload.startedOn, bounds);
      text(issues, 'note', event.payload.note, 'reason');
      break;
    case 'repair.step-recorded':
      day(issues, 'completedOn', event.payload.completedOn, bounds);
      text(issues, 'note', event.payload.note, 'reason');
      break;
    case 'repair.completed':
      day(issues, 'completedOn', event.payload.completedOn, bounds);
      organ(issues, 'decidedBy', event.payload.decidedBy);
      break;
    case 'repair.revoked':
      day(issues, 'revokedOn', event.payload.revokedOn, bounds);
      text(issues, 'reason', event.payload.reason, 'longText');
      organ(issues, 'decidedBy', event.payload.decidedBy);
      break;
    case 'objection.filed':
      text(issues, 'grounds', event.payload.grounds, 'longText');
      day(issues, 'filedOn', event.payload.filedOn, bounds);
      break;
    case 'objection.resolved':
      day(issues, 'resolvedOn', event.payload.resolvedOn, bounds);
      text(issues, 'note', event.payload.note, 'longText');
      organ(issues, 'resolvedBy', event.payload.resolvedBy);
      fulfilment(issues, 'correctedFulfilment.', event.payload.correctedFulfilment, bounds);
      break;
    case 'material.received':
      day(issues, 'receivedOn', event.payload.receivedOn, bounds);
      text(issues, 'note', event.payload.note, 'reason');
      break;
    case 'precheck.rechecked':
    case 'case.linked':
      // A recheck comes from the platform; a case number has its own pattern in the schema.
      break;
  }
  return issues;
}
