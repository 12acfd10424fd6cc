import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EnrolScreen } from '../clerk/EnrolScreen';
import type { KioskDb } from '../store/db';

const onCounter = () => location.hash.startsWith('#/counter');

/**
 * A device configured for a platform but not yet enrolled: the counter console enrols it (the
 * supervisor has the hall's one-time code); the kiosk only says so. Once enrolled the app starts
 * again from the store, as an enrolled device.
 */
export function NotEnrolled({ db }: { readonly db: KioskDb }) {
  const { t } = useTranslation();
  const [counter, setCounter] = useState(onCounter);
  useEffect(() => {
    const onChange = () => setCounter(onCounter());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  if (counter)
    return (
      <div className="app-shell clerk-shell">
        <header className="app-header">
          <span className="app-title">{t('clerk.title')}</span>
        </header>
        <main id="main" className="console-main" tabIndex={-1}>
          <EnrolScreen db={db} onEnrolled={() => location.reload()} />
        </main>
      </div>
    );
  return (
    <main id="main" className="app-main">
      <section className="welcome" role="alert">
        <h1>{t('app.title')}</h1>
        <p>{t('hall.unconfigured')}</p>
      </section>
    </main>
  );
}
