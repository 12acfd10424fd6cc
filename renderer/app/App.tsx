import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayPrefs } from '../ui/display';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { logProblem } from '../host/problem-log';
import { Toolbar } from '../ui/Toolbar';
import { KioskFlow } from '../kiosk/KioskFlow';
import { MaintenanceDialog } from '../kiosk/MaintenanceDialog';
import { useMaintenanceLock } from '../kiosk/maintenance-lock';
import { useSecretTaps } from '../kiosk/secret-taps';
import type { WitnessCheck } from '../kiosk/steps/SignatureStep';
import { clerkWitness, hasClerks } from '../store/clerks';
import { ClerkApp } from '../clerk/ClerkApp';
import { useBackgroundSync } from '../sync/use-background-sync';
import { useServices } from '../services/app-services';

type Route = 'kiosk' | 'counter';

function routeOf(hash: string): Route {
  return hash.startsWith('#/counter') ? 'counter' : 'kiosk';
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  return route === 'counter' ? <ClerkApp /> : <KioskApp />;
}

function KioskApp() {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const [display, setDisplay] = useDisplayPrefs();
  useBackgroundSync(services);
  // Bumping the session key remounts the whole flow: nothing of the last applicant survives.
  const [session, setSession] = useState(0);
  const [maintenance, setMaintenance] = useState(false);
  const kioskLock = useMaintenanceLock(services.host);
  const openMaintenance = useCallback(() => setMaintenance(true), []);
  const onTitleTap = useSecretTaps(openMaintenance);
  // A typed-name signature is offered only once there are clerks to witness it.
  const [witness, setWitness] = useState<WitnessCheck | undefined>(undefined);
  useEffect(() => {
    void hasClerks(services.db).then((any) => {
      if (any) setWitness(() => clerkWitness(services.db));
    });
  }, [services.db, services.now]);
  const reset = () => {
    setSession((n) => n + 1);
    setDisplay({ largeText: false, highContrast: false });
    void i18n.changeLanguage(services.settings.defaultLanguage);
    window.speechSynthesis?.cancel();
  };
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        {/* Five quick taps on the title: the staff's way to the maintenance dialog. */}
        <span className="app-title" data-testid="kiosk-title" onPointerUp={onTitleTap}>
          {t('app.title')}
        </span>
        {services.demo && <span className="demo-badge">{t('kiosk.demoBadge')}</span>}
        {kioskLock.unlocked && !maintenance && (
          <span className="maintenance-badge" role="status">
            {t('kiosk.maintenance.unlockedBadge')}
            <button
              type="button"
              className="button-secondary"
              onClick={() => void kioskLock.lock()}
            >
              {t('kiosk.maintenance.lock')}
            </button>
          </span>
        )}
        <Toolbar display={display} onDisplayChange={setDisplay} />
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <ErrorBoundary
          onReset={reset}
          onError={(error) => logProblem('error', 'render.failed', error)}
        >
          <KioskFlow key={session} onReset={reset} witness={witness} />
        </ErrorBoundary>
      </main>
      {maintenance && (
        <MaintenanceDialog
          unlocked={kioskLock.unlocked}
          onLockChange={kioskLock.setUnlocked}
          onClose={() => setMaintenance(false)}
        />
      )}
    </div>
  );
}
