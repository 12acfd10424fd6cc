import { useTranslation } from 'react-i18next';

/** The desktop build without its preload: nothing opens, and the screen says why. */
export function HostMissing() {
  const { t } = useTranslation();
  return (
    <main id="main" className="app-main">
      <section className="welcome" role="alert">
        <h1>{t('hostMissing.heading')}</h1>
        <p>{t('hostMissing.body')}</p>
      </section>
    </main>
  );
}
