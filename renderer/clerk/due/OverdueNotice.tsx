import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import { countOverdue } from '../../store/due-work';
import { useConsole } from '../console';

/** Said once the clerk is signed in: how many deadlines have passed, with the way to them. */
export function OverdueNotice({
  onOpen,
  hidden,
}: {
  readonly onOpen: () => void;
  readonly hidden: boolean;
}) {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [overdue, setOverdue] = useState(0);

  useEffect(() => {
    let live = true;
    void countOverdue(services.db, calendarDay(services.now())).then((n) => live && setOverdue(n));
    return () => {
      live = false;
    };
  }, [services, hidden]);

  if (hidden || overdue === 0) return null;
  return (
    <p className="notice notice-warn" role="status" data-testid="overdue-notice">
      {t('stats.due.signInNotice', { count: overdue })}{' '}
      <button type="button" className="link-button" onClick={onOpen}>
        {t('stats.due.open')}
      </button>
    </p>
  );
}
