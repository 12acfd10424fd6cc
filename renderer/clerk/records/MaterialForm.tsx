import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import { TEXT_RULES } from '../../../shared/fields/rules';
import { useConsole } from '../console';
import { useActionSubmit } from './action-submit';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { SelectField, TextField } from './fields';

/** A material promised at a 容缺受理 acceptance, handed in at the counter: a signed event. */
export function MaterialForm({ loaded, onResult }: ActionFormProps) {
  const { t, i18n } = useTranslation();
  const { ctx, clerk } = useConsole();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const open = (loaded.view.signed.deadlines?.materials ?? []).filter(
    (m) => !(m.id in loaded.view.materialsReceived),
  );
  const [materialId, setMaterialId] = useState(open[0]?.id ?? '');
  const [receivedOn, setReceivedOn] = useState(() => calendarDay(ctx.now()));
  const [note, setNote] = useState('');
  const { issues, busy, submit: send } = useActionSubmit(loaded, onResult);

  if (open.length === 0) return <p className="hint">{t('stats.material.noneOpen')}</p>;

  const submit = () =>
    send({
      type: 'material.received',
      payload: { materialId, receivedOn, by: clerk.id, ...(note.trim() ? { note } : {}) },
    });

  return (
    <ActionFrame
      heading={t('stats.material.heading')}
      submitLabel={t('stats.material.submit')}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <SelectField
        name="material-id"
        label={t('stats.material.which')}
        value={materialId}
        options={open.map((m) => ({
          value: m.id,
          label: t('stats.material.option', { name: m.name[lang], date: m.dueBy }),
        }))}
        onChange={setMaterialId}
      />
      <TextField
        name="material-date"
        label={t('stats.material.receivedOn')}
        type="date"
        value={receivedOn}
        onChange={setReceivedOn}
        issue={issues['receivedOn']}
      />
      <TextField
        name="material-note"
        label={t('stats.material.note')}
        value={note}
        onChange={setNote}
        maxLength={TEXT_RULES.reason.max}
        issue={issues['note']}
      />
    </ActionFrame>
  );
}
