import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import { FULFILMENT_STATUSES, type FulfilmentStatus } from '../../../shared/record/events';
import { TEXT_RULES } from '../../../shared/fields/rules';
import { useConsole } from '../console';
import { useActionSubmit } from './action-submit';
import { ActionFrame, type ActionFormProps } from './ActionFrame';
import { OrganFields, SelectField, TextField, useDefaultOrgan } from './fields';

/** The regulator's finding: kept, partly kept, not kept or false, and whether the permit is revoked. */
export function FulfilmentForm({ loaded, onResult }: ActionFormProps) {
  const { t } = useTranslation();
  const { ctx } = useConsole();
  const [status, setStatus] = useState<FulfilmentStatus>('kept');
  const [notKept, setNotKept] = useState('');
  const [liability, setLiability] = useState('');
  const [revoked, setRevoked] = useState(false);
  const [findingDate, setFindingDate] = useState(() => calendarDay(ctx.now()));
  const [organ, setOrgan] = useState(useDefaultOrgan(loaded));
  const { issues, busy, submit: send } = useActionSubmit(loaded, onResult);
  const kept = status === 'kept';
  const today = calendarDay(ctx.now());

  const submit = () =>
    send({
      type: 'fulfilment.recorded',
      payload: {
        status,
        ...(!kept ? { notKept } : {}),
        ...(liability.trim() ? { liabilityImposed: liability } : {}),
        permitRevoked: !kept && revoked,
        findingDate,
        findingOrgan: organ,
      },
    });

  return (
    <ActionFrame
      heading={t('clerk.fulfilment.heading')}
      submitLabel={t('clerk.fulfilment.submit')}
      busy={busy}
      issues={issues}
      onSubmit={() => void submit()}
    >
      <SelectField
        name="fulfilment-status"
        label={t('clerk.fulfilment.status')}
        value={status}
        options={FULFILMENT_STATUSES.map((s) => ({
          value: s,
          label: t(`clerk.fulfilment.statuses.${s}`),
        }))}
        onChange={setStatus}
      />
      {!kept && (
        <>
          <TextField
            name="fulfilment-not-kept"
            label={t('clerk.fulfilment.notKept')}
            value={notKept}
            onChange={setNotKept}
            multiline
            maxLength={TEXT_RULES.longText.max}
            issue={issues['notKept']}
          />
          <div className="check">
            <input
              id="fulfilment-revoked"
              type="checkbox"
              checked={revoked}
              onChange={(e) => setRevoked(e.target.checked)}
            />
            <label htmlFor="fulfilment-revoked">{t('clerk.fulfilment.revoked')}</label>
          </div>
        </>
      )}
      <TextField
        name="fulfilment-liability"
        label={t('clerk.fulfilment.liability')}
        value={liability}
        onChange={setLiability}
        maxLength={TEXT_RULES.longText.max}
        issue={issues['liabilityImposed']}
      />
      <TextField
        name="fulfilment-date"
        label={t('clerk.fulfilment.date')}
        type="date"
        value={findingDate}
        onChange={setFindingDate}
        min={loaded.row.day}
        max={today}
        hint={t('fields.dateRange', { min: loaded.row.day, max: today })}
        issue={issues['findingDate']}
      />
      <OrganFields
        prefix="fulfilment"
        value={organ}
        onChange={setOrgan}
        issues={issues}
        path="findingOrgan"
      />
    </ActionFrame>
  );
}
