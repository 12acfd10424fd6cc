import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import {
  objectionDeadline,
  ObjectionResultSchema,
  type ObjectionResult,
} from '../../../shared/record/events';
import { TEXT_RULES } from '../../../shared/fields/rules';
import { useConsole } from '../console';
import { useActionSubmit } from './action-submit';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { OrganFields, SelectField, TextField, useDefaultOrgan } from './fields';

/** An objection, with its deadline from the hall's rule (settings.objectionDays), shown before filing. */
export function ObjectionFileForm({ loaded, onResult }: ActionFormProps) {
  const { t } = useTranslation();
  const { ctx, services } = useConsole();
  const [target, setTarget] = useState<'commitment' | 'fulfilment'>(
    loaded.view.fulfilment ? 'fulfilment' : 'commitment',
  );
  const [grounds, setGrounds] = useState('');
  const { issues, busy, submit: send } = useActionSubmit(loaded, onResult);
  const filedOn = calendarDay(ctx.now());
  const days = services.settings.objectionDays;
  const deadline = objectionDeadline(filedOn, days);

  const submit = () =>
    send({
      type: 'objection.filed',
      payload: { target, grounds, filedOn, deadlineDays: days, deadline },
    });

  return (
    <ActionFrame
      heading={t('clerk.objection.fileHeading')}
      submitLabel={t('clerk.objection.file')}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <SelectField
        name="objection-target"
        label={t('clerk.objection.target')}
        value={target}
        options={(['commitment', 'fulfilment'] as const).map((v) => ({
          value: v,
          label: t(`clerk.objection.targets.${v}`),
        }))}
        onChange={setTarget}
      />
      <TextField
        name="objection-grounds"
        label={t('clerk.objection.grounds')}
        value={grounds}
        onChange={setGrounds}
        multiline
        maxLength={TEXT_RULES.longText.max}
        issue={issues['grounds'] ?? issues['filedOn']}
      />
      <p className="notice" data-testid="objection-deadline">
        {t('clerk.objection.deadlineNote', { days, date: deadline })}
      </p>
    </ActionFrame>
  );
}

export function ObjectionResolveForm({ loaded, onResult }: ActionFormProps) {
  const { t } = useTranslation();
  const { ctx } = useConsole();
  const [result, setResult] = useState<ObjectionResult>('kept');
  const [note, setNote] = useState('');
  const [resolvedOn, setResolvedOn] = useState(() => calendarDay(ctx.now()));
  const [organ, setOrgan] = useState(useDefaultOrgan(loaded));
  const { issues, busy, submit: send } = useActionSubmit(loaded, onResult);
  const today = calendarDay(ctx.now());

  const submit = () =>
    send({
      type: 'objection.resolved',
      payload: {
        result,
        resolvedOn,
        ...(note.trim() ? { note } : {}),
        resolvedBy: organ,
      },
    });

  return (
    <ActionFrame
      heading={t('clerk.objection.resolveHeading')}
      submitLabel={t('clerk.objection.resolve')}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <SelectField
        name="objection-result"
        label={t('clerk.objection.result')}
        value={result}
        options={ObjectionResultSchema.options.map((r) => ({
          value: r,
          label: t(`clerk.objection.results.${r}`),
        }))}
        onChange={setResult}
      />
      <TextField
        name="objection-resolved-on"
        label={t('clerk.objection.resolvedOn')}
        type="date"
        value={resolvedOn}
        onChange={setResolvedOn}
        min={loaded.row.day}
        max={today}
        hint={t('fields.dateRange', { min: loaded.row.day, max: today })}
        issue={issues['resolvedOn']}
      />
      <TextField
        name="objection-note"
        label={t('clerk.objection.note')}
        value={note}
        onChange={setNote}
        multiline
        maxLength={TEXT_RULES.longText.max}
        issue={issues['note']}
      />
      <OrganFields
        prefix="objection"
        value={organ}
        onChange={setOrgan}
        issues={issues}
        path="resolvedBy"
      />
    </ActionFrame>
  );
}
