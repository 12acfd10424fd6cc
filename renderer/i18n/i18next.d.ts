import 'i18next';
import type { TranslationTree } from './resources';

// Typed keys: a `t('...')` with a key that zh-CN lacks fails to compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: TranslationTree };
    returnNull: false;
  }
}
