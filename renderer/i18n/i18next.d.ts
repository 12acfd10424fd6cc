import 'i18next';
import type zhCN from './locales/zh-CN.json';

// Typed keys: a `t('...')` with a key that zh-CN lacks fails to compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}
