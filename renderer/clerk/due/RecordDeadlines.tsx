import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import type { Language } from '../../../shared/model';
import type { RecordView } from '../../../shared/record/lifecycle';
import { useConsole } from '../console';

/**
 * The record detail's lines for what the record promised by a date, whether each is settled,
 * and the approval case it is linked to (named again where a finding revoked the permit).
 * Entries of the detail's <dl>.
 */
export function RecordDeadlines({ view }: { readonly view: RecordView }) {
  const { t, i18n } = useTranslation();
  const { services } = useConsole();
  const lang = i18n.language as Language;
  const today = calendarDay(services.now());
  const d = view.signed.deadlines;
  const open = (dueBy: string) =>
    dueBy < today
      ? t('stats.detail.overdue', { date: dueBy })
      : t('stats.detail.open', { date: dueBy });

  return (
    <>
      {d && (
        <>
          <dt>{t('stats.detail.check')}</dt>
          <dd data-testid="record-check-deadline">
            {view.state === 'voided'
              ? t('stats.detail.voided', { date: d.verifyBy })
              : view.state === 'signed'
                ? open(d.verifyBy)
                : t('stats.detail.checked', { date: d.verifyBy })}
            {d.dayCount === 'working' && ` · ${t('stats.detail.workingDays')}`}
            {!d.certain && ` · ${t('stats.detail.uncertain')}`}
          </dd>
          {d.materials.length > 0 && (
            <>
              <dt>{t('stats.detail.materials')}</dt>
              <dd>
                <ul className="plain-list" data-testid="record-materials">
                  {d.materials.map((m) => {
                    const received = view.materialsReceived[m.id];
                    return (
                      <li key={m.id}>
                        {m.name[lang]} ·{' '}
                        {received
                          ? t('stats.detail.received', {
                              date: received.receivedOn,
                              by: received.by,
                            })
                          : view.state === 'voided'
                            ? t('stats.detail.voided', { date: m.dueBy })
                            : open(m.dueBy)}
                      </li>
                    );
                  })}
                </ul>
              </dd>
            </>
          )}
        </>
      )}
      {view.caseLink && (
        <>
          <dt>{t('stats.detail.case')}</dt>
          <dd className="mono" data-testid="record-case">
            {view.caseLink.caseNumber}
            {view.fulfilment?.permitRevoked && ` · ${t('stats.detail.caseRevoked')}`}
          </dd>
        </>
      )}
    </>
  );
}
