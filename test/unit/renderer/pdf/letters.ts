import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import type { Language } from '../../../../shared/model';
import { documentHash } from '../../../../shared/document/hash';
import type { CommitmentDocument } from '../../../../shared/document/model';
import { resources } from '../../../../renderer/i18n/resources';
import { buildCommitmentPdf } from '../../../../renderer/pdf/commitment-pdf';
import type { CommitmentPdfInput } from '../../../../renderer/pdf/commitment-pdf';
import { pdfLabels } from '../../../../renderer/pdf/labels';
import { build, catalogue, company, person } from '../../shared/document/fixtures';
import { signaturePng } from './signature-png';

export const font = new Uint8Array(readFileSync('resources/fonts/NotoSansSC-Regular.ttf'));

const i18n = i18next.createInstance();
await i18n.init({
  resources,
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
});

export function tFor(language: Language): TFunction {
  return i18n.getFixedT(language);
}

export const CODE = '13010220261105010042';

export function companyLetter(language: Language): CommitmentDocument {
  return build({ entity: company, language });
}

export function personLetter(language: Language): CommitmentDocument {
  return build({ entity: person, language, matterCode: '03-001' });
}

/** The builder's input for a letter as the kiosk would give it after signing. */
export function inputFor(
  document: CommitmentDocument,
  overrides: Partial<CommitmentPdfInput> = {},
): CommitmentPdfInput {
  const hash = documentHash(document);
  return {
    document,
    organ: catalogue.hall.organ.name[document.language],
    font,
    signature: { png: signaturePng() },
    record: {
      commitmentCode: CODE,
      documentHash: hash,
      signedAt: '2026-11-05T14:03:12.345+08:00',
      deviceId: 'kiosk-130102-01-07',
      platformTime: '2026-11-05T14:05:40.000+08:00',
      platformReceiptNo: 'R-20261105-000123',
    },
    qr: { text: `CCK1:${CODE}:${hash}` },
    labels: pdfLabels(tFor(document.language)),
    ...overrides,
  };
}

export function letterPdf(
  document: CommitmentDocument,
  overrides: Partial<CommitmentPdfInput> = {},
): Promise<Uint8Array> {
  return buildCommitmentPdf(inputFor(document, overrides));
}
