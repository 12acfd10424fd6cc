import { useTranslation } from 'react-i18next';

/** The counter clerk's console (issue #6): sign-in, records, actions, end of day, settings. */
export function ClerkApp() {
  const { t } = useTranslation();
  return (
    <main id="main" className="app-main">
      <section className="welcome">
        <h1>{t('app.title')}</h1>
      </section>
    </main>
  );
}
