import zhCommon from './locales/zh-CN/common.json';
import zhKiosk from './locales/zh-CN/kiosk.json';
import zhClerk from './locales/zh-CN/clerk.json';
import zhPdf from './locales/zh-CN/pdf.json';
import zhStaff from './locales/zh-CN/staff.json';
import zhFields from './locales/zh-CN/fields.json';
import zhIdentity from './locales/zh-CN/identity.json';
import zhEvidence from './locales/zh-CN/evidence.json';
import zhProofs from './locales/zh-CN/proofs.json';
import zhReport from './locales/zh-CN/report.json';
import zhHardening from './locales/zh-CN/hardening.json';
import zhStats from './locales/zh-CN/stats.json';
import zhKioskux from './locales/zh-CN/kioskux.json';
import enCommon from './locales/en/common.json';
import enKiosk from './locales/en/kiosk.json';
import enClerk from './locales/en/clerk.json';
import enPdf from './locales/en/pdf.json';
import enStaff from './locales/en/staff.json';
import enFields from './locales/en/fields.json';
import enIdentity from './locales/en/identity.json';
import enEvidence from './locales/en/evidence.json';
import enProofs from './locales/en/proofs.json';
import enReport from './locales/en/report.json';
import enHardening from './locales/en/hardening.json';
import enStats from './locales/en/stats.json';
import enKioskux from './locales/en/kioskux.json';

/**
 * One file per area so that work on one screen never edits another's file; they merge into one
 * namespace, the area's file under its own top-level key. Areas: common, kiosk, clerk, pdf, staff
 * (staff and the audit log), fields (field rules and their errors), identity (who signs: card,
 * licence QR, keyboard), evidence (signed letter, archive, verifier), proofs (self-check, declared
 * loss), report (day report and exports), hardening (logs, support bundle, lock-outs), stats.
 */
export const resources = {
  'zh-CN': {
    translation: {
      ...zhCommon,
      kiosk: zhKiosk,
      clerk: zhClerk,
      pdf: zhPdf,
      staff: zhStaff,
      fields: zhFields,
      identity: zhIdentity,
      evidence: zhEvidence,
      proofs: zhProofs,
      report: zhReport,
      hardening: zhHardening,
      stats: zhStats,
      kioskux: zhKioskux,
    },
  },
  en: {
    translation: {
      ...enCommon,
      kiosk: enKiosk,
      clerk: enClerk,
      pdf: enPdf,
      staff: enStaff,
      fields: enFields,
      identity: enIdentity,
      evidence: enEvidence,
      proofs: enProofs,
      report: enReport,
      hardening: enHardening,
      stats: enStats,
      kioskux: enKioskux,
    },
  },
} as const;

export type TranslationTree = (typeof resources)['zh-CN']['translation'];
