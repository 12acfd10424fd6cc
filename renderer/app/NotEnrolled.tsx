import { useTranslation } from 'react-i18next';

/** A device configured for a platform but not yet enrolled: only a supervisor can go on. */
export function NotEnrolled() {
  const { t } = useTranslation();
  return (
    <main id="main" className="app-main">
      <section className="welcome" role="alert">
        <h1>{t('app.title')}</h1>
        <p>{t('hall.unconfigured')}</p>
      </section>
    </main>
  );
}
