import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from './i18n';
import { App } from './app/App';
import hall from '../resources/demo/hall.json';
import { LocalizedTextSchema, LanguageSchema } from '../shared/model';
import './theme/tokens.css';
import './theme/layout.css';

async function start(): Promise<void> {
  const requested = LanguageSchema.safeParse(new URLSearchParams(location.search).get('lang'));
  const i18n = await createI18n(requested.success ? requested.data : undefined);
  const hallName = LocalizedTextSchema.safeParse(hall.name);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App hallName={hallName.success ? hallName.data : null} />
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
