import { TRANSITIONS, type RecordView } from './lifecycle';
import type { RecordEventType } from './events';

/**
 * The console's actions on a record, and which of them its lifecycle allows now: a button shows
 * only where the action can apply. The lifecycle's transition table decides; the conditions
 * beyond the state (a pending objection) are the ones its guard checks.
 */

export const RECORD_ACTIONS = [
  'void',
  'fulfilment',
  'objectionFile',
  'objectionResolve',
  'repair',
  'material',
  'case',
  'reprint',
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

const allowedAt = (type: Exclude<RecordEventType, 'record.signed'>, view: RecordView) =>
  'to' in TRANSITIONS[type][view.state];

export function allowedActions(view: RecordView): RecordAction[] {
  const pending = view.objection === 'pending';
  const disputedFinding = pending && view.objectionTarget === 'fulfilment';
  const can: Record<RecordAction, boolean> = {
    void: allowedAt('record.voided', view) && !pending,
    fulfilment: allowedAt('fulfilment.recorded', view),
    objectionFile: allowedAt('objection.filed', view) && !pending,
    objectionResolve: allowedAt('objection.resolved', view) && pending,
    repair:
      !disputedFinding &&
      (allowedAt('repair.started', view) ||
        allowedAt('repair.step-recorded', view) ||
        allowedAt('repair.completed', view)),
    material:
      allowedAt('material.received', view) &&
      (view.signed.deadlines?.materials ?? []).some((m) => !(m.id in view.materialsReceived)),
    case: allowedAt('case.linked', view),
    // A copy of the letter as signed can always be printed, a voided one marked as such.
    reprint: true,
  };
  return RECORD_ACTIONS.filter((a) => can[a]);
}
