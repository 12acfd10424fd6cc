import type { TFunction } from 'i18next';

/** What the record says of the photo at signing, where the hall asks for one. */
export type PdfPhotoStatus = 'taken' | 'declined' | 'unavailable';

/**
 * The printed letter's own chrome, in the letter's language: words that are not part of the
 * signed text (that comes from the catalogue) but frame it on paper. A plain object, so that the
 * PDF builder needs no i18next.
 */
export interface PdfLabels {
  readonly pageOf: (page: number, total: number) => string;
  /** Printed on every page of a reprint. */
  readonly copyMark: string;
  readonly recordHeading: string;
  readonly commitmentCode: string;
  readonly documentHash: string;
  readonly deviceTime: string;
  readonly device: string;
  readonly photo: string;
  /** The signing record's line naming who signed and how. */
  readonly identification: string;
  readonly photoStatus: (status: PdfPhotoStatus) => string;
  readonly platformTime: string;
  /** Beside the platform's time: the receipt number it was attested under. */
  readonly platformReceipt: string;
  /** Names the time zone after a printed time. */
  readonly chinaTime: string;
  /** Under a typed-name signature: who witnessed it. */
  readonly witnessedBy: (clerkId: string) => string;
  /** Under a typed-name signature with no witness: the applicant confirmed it by a declaration. */
  readonly typedConfirmed: string;
  readonly qrCaption: string;
  /** The PDF's Producer entry. */
  readonly producer: string;
}

/** The labels in the language `t` is bound to (use `i18n.getFixedT(document.language)`). */
export function pdfLabels(t: TFunction): PdfLabels {
  return {
    pageOf: (page, total) => t('pdf.pageOf', { page, total }),
    copyMark: t('pdf.copyMark'),
    recordHeading: t('pdf.recordHeading'),
    commitmentCode: t('pdf.commitmentCode'),
    documentHash: t('pdf.documentHash'),
    deviceTime: t('pdf.deviceTime'),
    device: t('pdf.device'),
    photo: t('pdf.photo'),
    identification: t('identity.pdf.identification'),
    photoStatus: (status) => t(`pdf.photoStatus.${status}`),
    platformTime: t('pdf.platformTime'),
    platformReceipt: t('pdf.platformReceipt'),
    chinaTime: t('pdf.chinaTime'),
    witnessedBy: (clerk) => t('pdf.witnessedBy', { clerk }),
    typedConfirmed: t('kioskux.pdf.typedConfirmed'),
    qrCaption: t('pdf.qrCaption'),
    producer: t('pdf.producer'),
  };
}
