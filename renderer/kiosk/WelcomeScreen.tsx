import { useTranslation } from 'react-i18next';
import type { LocalizedText, Language } from '../../shared/model';

interface WelcomeScreenProps {
  readonly hallName: LocalizedText | null;
  readonly onStart: () => void;
}

const STEPS = ['matter', 'entity', 'check', 'read', 'sign'] as const;

export function WelcomeScreen({ hallName, onStart }: WelcomeScreenProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <p className="welcome-hall" data-testid="hall-name">
        {hallName ? hallName[lang] : t('hall.unconfigured')}
      </p>
      <h1 id="welcome-heading" className="welcome-heading">
        {t('welcome.heading')}
      </h1>
      <p className="welcome-lead">{t('welcome.lead')}</p>
      <button type="button" className="button-primary welcome-start" onClick={onStart}>
        {t('welcome.start')}
      </button>
      <h2 className="welcome-steps-heading">{t('welcome.howItWorks')}</h2>
      <ol className="welcome-steps">
        {STEPS.map((step) => (
          <li key={step}>{t(`welcome.steps.${step}`)}</li>
        ))}
      </ol>
      <p className="welcome-notice">{t('welcome.notice')}</p>
    </section>
  );
}
