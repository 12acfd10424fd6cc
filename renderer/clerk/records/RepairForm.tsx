import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import { REPAIR_STEPS, type RepairStep } from '../../../shared/record/events';
import type { ActionEvent } from '../../store/record-actions';
import { TEXT_RULES } from '../../../shared/fields/rules';
import { useActionSubmit } from './action-submit';
import { useConsole } from '../console';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { OrganFields, SelectField, TextField, useDefaultOrgan } from './fields';

type Stage = 'start' | 'step' | 'complete';

/** Credit repair of a broken or revoked record: start it, record each step, complete it. */
export function RepairForm({ loaded, onResult }: ActionFormProps) {
  const { t } = useTranslation();
  const { ctx } = useConsole();
  const [stage, setStage] = useState<Stage>(loaded.view.state === 'repairing' ? 'step' : 'start');
  const [step, setStep] = useState<RepairStep>('rectification');
  const [on, setOn] = useState(() => calendarDay(ctx.now()));
  const [note, setNote] = useState('');
  const [repairCode, setRepairCode] = useState('');
  const [organ, setOrgan] = useState(useDefaultOrgan(loaded));
  const { issues, busy, submit: send } = useActionSubmit(loaded, onResult);
  const today = calendarDay(ctx.now());
  const withNote = note.trim() ? { note } : {};
  const withCode = repairCode.trim() ? { repairCommitmentCode: repairCode.trim() } : {};

  const event = (): ActionEvent => {
    switch (stage) {
      case 'start':
        return { type: 'repair.started', payload: { startedOn: on, ...withNote } };
      case 'step':
        return {
          type: 'repair.step-recorded',
          payload: {
            step,
            completedOn: on,
            ...withNote,
            ...(step === 'repair-commitment' ? withCode : {}),
          },
        };
      case 'complete':
        return {
          type: 'repair.completed',
          payload: {
            completedOn: on,
            steps: loaded.view.repairSteps.length > 0 ? [...loaded.view.repairSteps] : [step],
            ...withCode,
            decidedBy: organ,
          },
        };
    }
  };

  const submit = () => send(event());
  const dateIssue = issues['startedOn'] ?? issues['completedOn'];

  return (
    <ActionFrame
      heading={t('clerk.repair.heading')}
      submitLabel={t(`clerk.repair.submit.${stage}`)}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <SelectField
        name="repair-stage"
        label={t('clerk.repair.stage')}
        value={stage}
        options={(['start', 'step', 'complete'] as const).map((s) => ({
          value: s,
          label: t(`clerk.repair.stages.${s}`),
        }))}
        onChange={setStage}
      />
      {stage !== 'start' && (
        <SelectField
          name="repair-step"
          label={t('clerk.repair.step')}
          value={step}
          options={REPAIR_STEPS.map((s) => ({ value: s, label: t(`clerk.repair.steps.${s}`) }))}
          onChange={setStep}
        />
      )}
      <TextField
        name="repair-date"
        label={t('clerk.repair.date')}
        type="date"
        value={on}
        onChange={setOn}
        min={loaded.row.day}
        max={today}
        hint={t('fields.dateRange', { min: loaded.row.day, max: today })}
        issue={dateIssue}
      />
      {stage !== 'complete' && (
        <TextField
          name="repair-note"
          label={t('clerk.repair.note')}
          value={note}
          onChange={setNote}
          maxLength={TEXT_RULES.reason.max}
          issue={issues['note']}
        />
      )}
      {(stage === 'complete' || step === 'repair-commitment') && (
        <TextField
          name="repair-code"
          label={t('clerk.repair.code')}
          hint={t('clerk.repair.codeHint')}
          value={repairCode}
          onChange={setRepairCode}
        />
      )}
      {stage === 'complete' && (
        <OrganFields
          prefix="repair"
          value={organ}
          onChange={setOrgan}
          issues={issues}
          path="decidedBy"
        />
      )}
    </ActionFrame>
  );
}
