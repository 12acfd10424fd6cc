import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { KioskFlow } from '../kiosk/KioskFlow';
import { clerkWitness } from '../store/clerks';
import { ScreenHeading, useConsole } from './console';

/**
 * Assisted mode: the clerk runs the applicant's path at the counter, the same steps and checks;
 * the applicant signs on the pad or this screen, and the record names the clerk who assisted.
 */
export function AssistedScreen() {
  const { t } = useTranslation();
  const { services, clerk } = useConsole();
  const [session, setSession] = useState(0);
  const witness = useMemo(() => clerkWitness(services.db), [services]);
  const reset = () => setSession((n) => n + 1);
  return (
    <section className="assisted" aria-labelledby="assisted-heading">
      <ScreenHeading id="assisted-heading">{t('clerk.assisted.heading')}</ScreenHeading>
      <p className="assisted-banner">{t('clerk.assisted.lead', { id: clerk.id })}</p>
      <ErrorBoundary onReset={reset}>
        <KioskFlow key={session} onReset={reset} witness={witness} assistedBy={clerk.id} />
      </ErrorBoundary>
    </section>
  );
}
