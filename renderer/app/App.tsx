import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../shared/model';
import { useDisplayPrefs } from '../settings/display';
import { ErrorBoundary } from './ErrorBoundary';
import { Toolbar } from './Toolbar';
import { WelcomeScreen } from '../kiosk/WelcomeScreen';

interface AppProps {
  readonly hallName: LocalizedText | null;
}

export function App({ hallName }: AppProps) {
  const { t } = useTranslation();
  const [display, setDisplay] = useDisplayPrefs();
  // Bumping the session key remounts the whole flow: nothing of the last applicant survives.
  const [session, setSession] = useState(0);
  const reset = () => setSession((n) => n + 1);
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-title">{t('app.title')}</span>
        <Toolbar display={display} onDisplayChange={setDisplay} />
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <ErrorBoundary onReset={reset}>
          <WelcomeScreen key={session} hallName={hallName} onStart={reset} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
