import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { isolated } from '../../shared/fields/display';
import { useTranslation } from 'react-i18next';
import { useBackgroundSync } from '../sync/use-background-sync';
import { useReachabilityProbe } from '../sync/use-reachability';
import { Toolbar } from '../ui/Toolbar';
import { ServicesProvider, useServices, type AppServices } from '../services/app-services';
import { useDisplayPrefs } from '../ui/display';
import { hasClerks, signOut, type Clerk } from '../store/clerks';
import { normaliseStaffNumbers } from '../store/staff-admin';
import { AssistedScreen } from './AssistedScreen';
import { AuditScreen } from './AuditScreen';
import { DueScreen } from './due/DueScreen';
import { OverdueNotice } from './due/OverdueNotice';
import { actionContext, ConsoleProvider, type ConsoleSession } from './console';
import { IdleSignOut } from './IdleSignOut';
import { PublicQueryScreen } from './PublicQueryScreen';
import { VerifyLetterScreen } from './VerifyLetterScreen';
import { RecordsScreen } from './records/RecordsScreen';
import { ReportScreen } from './report/ReportScreen';
import { SettingsScreen } from './SettingsScreen';
import { SetupScreen } from './SetupScreen';
import { SignInScreen } from './SignInScreen';
import { StaffScreen } from './StaffScreen';
import { SyncStatusLine } from './sync/SyncStatusLine';
import '../theme/clerk.css';

// The statistics screen brings the chart library (about a fifth of the app's code): loaded when a
// supervisor opens it, not at every start of the kiosk.
const StatsScreen = lazy(() =>
  import('./stats/StatsScreen').then((m) => ({ default: m.StatsScreen })),
);

const SCREENS = [
  'records',
  'due',
  'assisted',
  'report',
  'stats',
  'publicQuery',
  'verifyLetter',
  'audit',
  'staff',
  'settings',
] as const;
type Screen = (typeof SCREENS)[number];

type Phase = 'loading' | 'setup' | 'sign-in' | 'console';

/** The counter clerk's console (issue #6): sign-in, records, actions, end of day, settings. */
export function ClerkApp() {
  const { t } = useTranslation();
  const base = useServices();
  const [settings, setSettings] = useState(base.settings);
  const services = useMemo<AppServices>(() => ({ ...base, settings }), [base, settings]);
  const [display, setDisplay] = useDisplayPrefs();
  const [phase, setPhase] = useState<Phase>('loading');
  const [clerk, setClerk] = useState<Clerk | null>(null);
  const [screen, setScreen] = useState<Screen>('records');
  // Bumped by every tab press: pressing the highlighted tab (records, from a record's page)
  // opens that screen afresh instead of doing nothing.
  const [visit, setVisit] = useState(0);
  const ctx = useMemo(() => actionContext(services), [services]);
  useBackgroundSync(services);
  useReachabilityProbe(services);

  useEffect(() => {
    // Staff numbers became case-insensitive: stored accounts are moved first (staff-admin.ts).
    void normaliseStaffNumbers(ctx)
      .then(() => hasClerks(services.db))
      .then((any) => setPhase(any ? 'sign-in' : 'setup'));
  }, [services.db, ctx]);

  const end = useCallback(
    (reason: 'manual' | 'idle-timeout') => {
      if (clerk) void signOut(ctx, clerk, reason);
      setClerk(null);
      setScreen('records');
      setPhase('sign-in');
    },
    [clerk, ctx],
  );

  const session = useMemo<ConsoleSession | null>(
    () => (clerk ? { services, clerk, ctx, onSettingsSaved: setSettings } : null),
    [clerk, services, ctx],
  );

  return (
    <ServicesProvider services={services}>
      <div className="app-shell clerk-shell">
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <span className="app-title">{t('clerk.title')}</span>
          {services.demo && <span className="demo-badge">{t('kiosk.demoBadge')}</span>}
          {clerk && (
            <span className="clerk-badge" data-testid="signed-in-clerk">
              {t('clerk.signedInAs', { name: isolated(clerk.name), id: clerk.id })} ·{' '}
              {t(`clerk.roles.${clerk.role}`)}
            </span>
          )}
          <Toolbar display={display} onDisplayChange={setDisplay} />
          {clerk && (
            <button type="button" className="button-secondary" onClick={() => end('manual')}>
              {t('clerk.signOut')}
            </button>
          )}
        </header>
        {!services.demo && <SyncStatusLine db={services.db} />}
        {!services.demo && services.device.demo && (
          <p className="notice notice-stop" role="alert">
            {t('clerk.sync.demoIdentity')}
          </p>
        )}
        {session && (
          <nav className="console-nav" aria-label={t('clerk.nav.label')}>
            {SCREENS.filter((s) => s !== 'stats' || session.clerk.role === 'supervisor').map(
              (s) => (
                <button
                  key={s}
                  type="button"
                  className="nav-tab"
                  aria-current={screen === s ? 'page' : undefined}
                  onClick={() => {
                    setScreen(s);
                    setVisit((v) => v + 1);
                  }}
                >
                  {s === 'staff'
                    ? t('staff.nav')
                    : s === 'stats'
                      ? t('stats.stats.nav')
                      : s === 'verifyLetter'
                        ? t('evidence.verify.nav')
                        : t(`clerk.nav.${s}`)}
                </button>
              ),
            )}
          </nav>
        )}
        <main id="main" className="console-main" tabIndex={-1}>
          {phase === 'setup' && <SetupScreen onDone={() => setPhase('sign-in')} />}
          {phase === 'sign-in' && (
            <SignInScreen
              onSignedIn={(c) => {
                setClerk(c);
                setPhase('console');
              }}
            />
          )}
          {phase === 'console' && session && (
            <ConsoleProvider session={session}>
              <IdleSignOut
                minutes={settings.idle.clerkSignOutMinutes}
                onTimeout={() => end('idle-timeout')}
              />
              <OverdueNotice onOpen={() => setScreen('due')} hidden={screen === 'due'} />
              {screen === 'records' && <RecordsScreen key={visit} />}
              {screen === 'due' && <DueScreen />}
              {screen === 'assisted' && <AssistedScreen />}
              {screen === 'report' && <ReportScreen />}
              {screen === 'stats' && clerk?.role === 'supervisor' && (
                <Suspense fallback={<p role="status">{t('clerk.records.loading')}</p>}>
                  <StatsScreen />
                </Suspense>
              )}
              {screen === 'publicQuery' && <PublicQueryScreen />}
              {screen === 'verifyLetter' && <VerifyLetterScreen />}
              {screen === 'audit' && <AuditScreen />}
              {screen === 'staff' && <StaffScreen />}
              {screen === 'settings' && <SettingsScreen />}
            </ConsoleProvider>
          )}
        </main>
      </div>
    </ServicesProvider>
  );
}
