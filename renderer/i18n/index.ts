import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/model';
import { resources } from './resources';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Keys missing at run time are reported, never shown silently as raw keys. */
export const missingKeys = new Set<string>();

export async function createI18n(language: Language = DEFAULT_LANGUAGE): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: true,
    missingKeyHandler: (lngs, _ns, key) => {
      missingKeys.add(`${lngs.join(',')}:${key}`);
      console.error(`i18n: missing key "${key}" for ${lngs.join(',')}`);
    },
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  document.documentElement.lang = language;
  return instance;
}
