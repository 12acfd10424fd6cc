import zhCommon from './locales/zh-CN/common.json';
import zhKiosk from './locales/zh-CN/kiosk.json';
import zhClerk from './locales/zh-CN/clerk.json';
import zhPdf from './locales/zh-CN/pdf.json';
import enCommon from './locales/en/common.json';
import enKiosk from './locales/en/kiosk.json';
import enClerk from './locales/en/clerk.json';
import enPdf from './locales/en/pdf.json';

/**
 * One file per area (common, kiosk, clerk, pdf) so that work on one screen never edits another's
 * file; they merge into one namespace, the area's file under its own top-level key.
 */
export const resources = {
  'zh-CN': { translation: { ...zhCommon, kiosk: zhKiosk, clerk: zhClerk, pdf: zhPdf } },
  en: { translation: { ...enCommon, kiosk: enKiosk, clerk: enClerk, pdf: enPdf } },
} as const;

export type TranslationTree = (typeof resources)['zh-CN']['translation'];
