import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/model';
import type { DisplayPrefs } from './display';

interface ToolbarProps {
  readonly display: DisplayPrefs;
  readonly onDisplayChange: (next: DisplayPrefs) => void;
}

/** Language and display switches, on every kiosk screen. */
export function Toolbar({ display, onDisplayChange }: ToolbarProps) {
  const { t, i18n } = useTranslation();
  const current = i18n.language as Language;
  return (
    <div className="toolbar">
      <div role="group" aria-label={t('language.label')} className="toolbar-group">
        {LANGUAGES.map((lng) => (
          <button
            key={lng}
            type="button"
            className="button-secondary"
            lang={lng}
            aria-pressed={current === lng}
            onClick={() => void i18n.changeLanguage(lng)}
          >
            {t(`language.${lng}`)}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t('display.label')} className="toolbar-group">
        <button
          type="button"
          className="button-secondary"
          aria-pressed={display.largeText}
          onClick={() => onDisplayChange({ ...display, largeText: !display.largeText })}
        >
          {t('display.largeText')}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-pressed={display.highContrast}
          onClick={() => onDisplayChange({ ...display, highContrast: !display.highContrast })}
        >
          {t('display.highContrast')}
        </button>
      </div>
    </div>
  );
}
