import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from './i18n';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { HostMissing } from './app/HostMissing';
import { NotEnrolled } from './app/NotEnrolled';
import { DesktopHostMissingError } from './host';
import { ServicesProvider } from './services/app-services';
import { LanguageSchema } from '../shared/model';
import './theme/tokens.css';
import './theme/layout.css';
import './theme/kiosk.css';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  const requested = LanguageSchema.safeParse(new URLSearchParams(location.search).get('lang'));
  let boot: Awaited<ReturnType<typeof bootstrap>>;
  try {
    boot = await bootstrap();
  } catch (error) {
    if (!(error instanceof DesktopHostMissingError)) throw error;
    const i18n = await createI18n(requested.success ? requested.data : undefined);
    createRoot(root).render(
      <I18nextProvider i18n={i18n}>
        <HostMissing />
      </I18nextProvider>,
    );
    return;
  }
  const fallback = 'needsEnrolment' in boot ? undefined : boot.settings.defaultLanguage;
  const i18n = await createI18n(requested.success ? requested.data : fallback);
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        {'needsEnrolment' in boot ? (
          <NotEnrolled db={boot.db} />
        ) : (
          <ServicesProvider services={boot}>
            <App />
          </ServicesProvider>
        )}
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
