import i18next from 'i18next';
import type { CommitmentDocument } from '../../../../shared/document/model';
import type { PublicKeyInfo, Signer } from '../../../../shared/crypto/signing';
import {
  createWebCryptoSigner,
  generateWebCryptoKeyPair,
} from '../../../../shared/crypto/webcrypto-signer';
import type { SubtleLike } from '../../../../shared/crypto/webcrypto-signer';
import { resources } from '../../../../renderer/i18n/resources';
import type { PdfRecord } from '../../../../renderer/pdf/commitment-pdf';
import { pdfLabels } from '../../../../renderer/pdf/labels';
import { buildSignedCommitmentPdf } from '../../../../renderer/pdf/signed-letter';
import { base64ToBytes } from '../../../../renderer/pki/base64';

/**
 * Bundled for Chromium by the signing test: the renderer's own signing code, with a device key
 * made in the browser's WebCrypto, non-extractable, as the kiosk makes it.
 */

export interface LetterInBrowser {
  readonly document: CommitmentDocument;
  readonly organ: string;
  readonly record: PdfRecord;
  readonly qr: string;
  readonly font: string;
  readonly signaturePng: string;
  readonly certificate: string;
}

let signer: Signer | null = null;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const api = {
  async makeKey(): Promise<PublicKeyInfo & { extractable: boolean }> {
    const subtle = crypto.subtle as unknown as SubtleLike;
    const pair = await generateWebCryptoKeyPair(subtle, { extractable: false });
    signer = createWebCryptoSigner(subtle, pair);
    return { ...(await signer.publicKeyInfo()), extractable: pair.privateKey.extractable };
  },
  async sign(letter: LetterInBrowser): Promise<string> {
    if (!signer) throw new Error('no key');
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } });
    const t = i18n.getFixedT(letter.document.language);
    const pdf = await buildSignedCommitmentPdf(
      {
        document: letter.document,
        organ: letter.organ,
        font: base64ToBytes(letter.font),
        signature: { png: base64ToBytes(letter.signaturePng) },
        record: letter.record,
        qr: { text: letter.qr },
        labels: pdfLabels(t),
      },
      { signer, certificate: base64ToBytes(letter.certificate), reason: t('pdf.signatureReason') },
    );
    return bytesToBase64(pdf);
  },
};

(globalThis as { signingTest?: typeof api }).signingTest = api;
