import QRCode from 'qrcode';
import {
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { documentText } from '../../../../shared/document/hash';
import type { CommitmentDocument } from '../../../../shared/document/model';
import type { Language } from '../../../../shared/model';
import { LETTER_GEOMETRY, buildCommitmentPdf } from '../../../../renderer/pdf/commitment-pdf';
import { fontkit } from '../../../../renderer/pdf/fontkit';
import { pdfLabels } from '../../../../renderer/pdf/labels';
import { QR_QUIET_ZONE } from '../../../../renderer/pdf/qr';
import { build, catalogue, company } from '../../shared/document/fixtures';
import { CODE, companyLetter, inputFor, letterPdf, personLetter, tFor } from './letters';
import { pdfFonts, pdfImageCount, pdfInfo, pdfText, renderPages } from './poppler';
import { readQrModules } from './qr-reader';

const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const SAMPLES = 'test-results/pdf';
const squash = (text: string): string => text.replace(/\s+/g, '');
const SEP = { 'zh-CN': '：', en: ':' } as const;

/** The extracted text with the page chrome (folios, footer code, copy marks) taken out. */
function bodyText(text: string, language: Language, pages: number): string {
  const labels = pdfLabels(tFor(language));
  let body = text;
  for (let i = 1; i <= pages; i += 1) body = body.split(labels.pageOf(i, pages)).join('');
  return squash(body.split(labels.copyMark).join('').split(CODE).join(''));
}

/** Every line of the document's own text, found in the PDF in the same order. */
function expectInOrder(haystack: string, doc: CommitmentDocument): void {
  let at = 0;
  for (const line of documentText(doc).split('\n')) {
    const needle = squash(line);
    if (needle === '') continue;
    const found = haystack.indexOf(needle, at);
    expect(found, `"${line}" missing or out of order`).toBeGreaterThanOrEqual(0);
    at = found + needle.length;
  }
}

function pageCount(pdf: Uint8Array): number {
  return Number(pdfInfo(pdf).get('Pages'));
}

describe.each(LANGUAGES)('the printed letter in %s', (language) => {
  const labels = pdfLabels(tFor(language));

  describe.each([
    ['legal person', companyLetter],
    ['natural person', personLetter],
  ] as const)('for a %s', (who, letter) => {
    const doc = letter(language);
    const input = inputFor(doc);
    const pdfPromise = letterPdf(doc);

    it('holds the full text of every part, in order', async () => {
      const pdf = await pdfPromise;
      expectInOrder(bodyText(pdfText(pdf), language, pageCount(pdf)), doc);
    });

    it('prints the signing record: code, digest, device and platform times', async () => {
      const text = squash(pdfText(await pdfPromise));
      const field = (label: string, value: string): string =>
        squash(`${label}${SEP[language]}${value}`);
      expect(text).toContain(field(labels.commitmentCode, CODE));
      expect(text).toContain(input.record.documentHash);
      expect(text).toContain(field(labels.deviceTime, `2026-11-05 14:03:12 ${labels.chinaTime}`));
      expect(text).toContain(field(labels.platformTime, `2026-11-05 14:05:40 ${labels.chinaTime}`));
      expect(text).toContain(field(labels.platformReceipt, 'R-20261105-000123'));
      expect(text).toContain(field(labels.device, input.record.deviceId));
    });

    it('numbers every page "x of y" and marks none as a copy', async () => {
      const pdf = await pdfPromise;
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(2);
      for (let page = 1; page <= pages; page += 1)
        expect(pdfText(pdf, page)).toContain(labels.pageOf(page, pages));
      expect(pdfText(pdf)).not.toContain(labels.copyMark);
    });

    it('embeds one subset font and stays small', async () => {
      const pdf = await pdfPromise;
      const fonts = pdfFonts(pdf);
      expect(fonts).toHaveLength(1);
      expect(fonts[0]).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(fonts[0]?.name).toMatch(/^[A-P]{6}\+NotoSansSC-Regular$/);
      // The whole font is 10 MB; a letter's few hundred glyphs are tens of kilobytes.
      expect(pdf.byteLength).toBeLessThan(300 * 1024);
    });

    it('has an outline for every glyph of its subset (no glyph lost in subsetting)', async () => {
      const subset = fontkit.create(await embeddedFontFile(await pdfPromise));
      // Each distinct character drawn needs a glyph (ligatures aside, which only add glyphs).
      const used = new Set(squash(documentText(doc)));
      expect(subset.numGlyphs - 1).toBeGreaterThanOrEqual(used.size);
      // Glyph 0 is .notdef; the space is the one glyph that is empty by design.
      const empty = Array.from({ length: subset.numGlyphs - 1 }, (_, i) => subset.getGlyph(i + 1))
        .filter((glyph) => glyph.path.toSVG() === '')
        .map((glyph) => glyph.id);
      expect(empty.length).toBeLessThanOrEqual(1);
    });

    it('renders with its embedded font alone: every page has ink, and saves a PNG', async () => {
      const pdf = await pdfPromise;
      const name = `${language}-${who.replace(' ', '-')}`;
      const pages = renderPages(pdf, 80, SAMPLES, name);
      expect(pages).toHaveLength(pageCount(pdf));
      for (const page of pages) {
        expect(page.width).toBeGreaterThan(600); // A4 at 80 dpi: 661 × 935
        expect(page.darkShare).toBeGreaterThan(0.005);
      }
    });

    it('carries title, author, subject, dates, producer and language in its metadata', async () => {
      const pdf = await pdfPromise;
      const info = pdfInfo(pdf);
      expect(info.get('Title')).toBe(doc.title);
      expect(info.get('Author')).toBe(catalogue.hall.organ.name[language]);
      expect(info.get('Subject')).toBe(doc.matter.name);
      expect(info.get('Producer')).toBe(labels.producer);
      // signedAt 14:03:12 China time; pdfinfo prints it in UTC.
      expect(info.get('CreationDate')).toBe('2026-11-05T06:03:12Z');
      expect(info.get('Page size')).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)$/);
      const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
      expect(loaded.catalog.lookup(PDFName.of('Lang'), PDFString).asString()).toBe(language);
    });

    it('prints the QR code as vector modules that read back as the verification text', async () => {
      const pdf = await pdfPromise;
      expect(pdfImageCount(pdf)).toBe(1); // the signature; the QR code is no image
      const last = pageCount(pdf);
      const [page] = renderPages(await lastPageOnly(pdf, last), 200);
      const expected = QRCode.create(input.qr.text, { errorCorrectionLevel: 'M' }).modules;
      const { page: size, margin, qrSide } = LETTER_GEOMETRY;
      const read = page
        ? readQrModules(
            page,
            200,
            size.width - margin.right - qrSide,
            qrSide,
            expected.size,
            QR_QUIET_ZONE,
          )
        : null;
      expect(read).not.toBeNull();
      const want = Array.from({ length: expected.size }, (_, r) =>
        Array.from({ length: expected.size }, (_, c) => Boolean(expected.get(r, c))),
      );
      expect(read).toEqual(want);
    });
  });

  it('marks every page of a reprint as a copy', async () => {
    const pdf = await letterPdf(companyLetter(language), { copy: true });
    const pages = pageCount(pdf);
    for (let page = 1; page <= pages; page += 1)
      expect(pdfText(pdf, page)).toContain(labels.copyMark);
    renderPages(pdf, 80, SAMPLES, `${language}-copy`);
  });

  it('says in the signing record whether a photo was taken, only where the hall asks for one', async () => {
    const doc = personLetter(language);
    const record = inputFor(doc).record;
    const field = (status: 'taken' | 'declined' | 'unavailable') =>
      squash(`${labels.photo}${SEP[language]}${labels.photoStatus(status)}`);
    for (const status of ['taken', 'declined', 'unavailable'] as const) {
      const text = squash(pdfText(await letterPdf(doc, { record: { ...record, photo: status } })));
      expect(text).toContain(field(status));
    }
    const without = squash(pdfText(await letterPdf(doc)));
    expect(without).not.toContain(squash(labels.photo));
  });

  it('prints a typed name with the witnessing clerk, and no image', async () => {
    const doc = personLetter(language);
    const pdf = await letterPdf(doc, {
      signature: { typedName: language === 'en' ? 'Zhang San' : '张三', witnessClerkId: 'C0231' },
    });
    const text = bodyText(pdfText(pdf), language, pageCount(pdf));
    expectInOrder(text, doc);
    expect(text).toContain(squash(labels.witnessedBy('C0231')));
    expect(pdfImageCount(pdf)).toBe(0);
    renderPages(pdf, 80, SAMPLES, `${language}-typed-name`);
  });

  it('leaves a blank line to sign on paper when there is no signature', async () => {
    const doc = companyLetter(language);
    const unsigned = { ...inputFor(doc), signature: undefined };
    const pdf = await buildCommitmentPdf(unsigned);
    expect(pdfImageCount(pdf)).toBe(0);
    expectInOrder(bodyText(pdfText(pdf), language, pageCount(pdf)), doc);
  });
});

/** The embedded TrueType font program (FontFile2), decompressed. */
async function embeddedFontFile(pdf: Uint8Array): Promise<Uint8Array> {
  const loaded = await PDFDocument.load(pdf);
  for (const [, object] of loaded.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const file = object.lookup(PDFName.of('FontFile2'));
    if (file instanceof PDFRawStream) return decodePDFRawStream(file).decode();
  }
  throw new Error('no embedded TrueType font');
}

/** A copy of the PDF with only its last page, so the QR reader scans the page it is on. */
async function lastPageOnly(pdf: Uint8Array, last: number): Promise<Uint8Array> {
  const source = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  const [page] = await out.copyPages(source, [last - 1]);
  if (page) out.addPage(page);
  return out.save();
}

const long = structuredClone(catalogue);

describe('long text', () => {
  const filler = (n: number, zh: string, en: string) => ({
    'zh-CN': Array.from({ length: n }, (_, i) => `${zh}${i + 1}。`).join(''),
    en: Array.from({ length: n }, (_, i) => `${en} ${i + 1}.`).join(' '),
  });
  long.general.items = [
    ...long.general.items,
    filler(160, '本条为长文本测试句子，用于检验分页时不丢失任何文字，第', 'This is sentence'),
  ];
  long.general.disclosureConsent = filler(60, '公示同意长文本，第', 'Consent sentence');

  it.each(LANGUAGES)(
    'breaks pages without losing text or stranding a heading (%s)',
    async (language) => {
      const doc = build({ catalogue: long, entity: company, language });
      const pdf = await letterPdf(doc);
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(4);
      expectInOrder(bodyText(pdfText(pdf), language, pages), doc);

      // A heading is never the last line of a page: its first line of text is on the same page.
      const labels = pdfLabels(tFor(language));
      for (let page = 1; page <= pages; page += 1) {
        const lines = pdfText(pdf, page)
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !line.startsWith(labels.pageOf(page, pages)));
        const lastLine = lines[lines.length - 1] ?? '';
        for (const part of doc.parts) expect(lastLine, `page ${page}`).not.toBe(part.heading);
      }
      renderPages(pdf, 80, SAMPLES, `${language}-long`);
    },
  );
});

describe('the signature page', () => {
  /** The pages (from 1) whose text holds `text`, whitespace ignored. */
  function pagesWith(pdf: Uint8Array, pages: number, text: string): number[] {
    const found: number[] = [];
    for (let page = 1; page <= pages; page += 1)
      if (squash(pdfText(pdf, page)).includes(squash(text))) found.push(page);
    return found;
  }

  // The zh-CN company letter ended page 2 with the signer's fields and put the signature alone on
  // page 3; the long letter and the others are checked the same way.
  it.each(LANGUAGES)(
    'never holds the signature without the declaration and the entity it signs for (%s)',
    async (language) => {
      const docs = [
        companyLetter(language),
        personLetter(language),
        build({ catalogue: long, entity: company, language }),
      ];
      for (const doc of docs) {
        const pdf = await letterPdf(doc);
        const pages = pageCount(pdf);
        const signer = doc.parts.find((p) => p.id === 'signer');
        const declaration = signer?.blocks.find((b) => b.kind === 'paragraph');
        const name = signer?.blocks.find((b) => b.kind === 'field');
        const signature = signer?.blocks.find((b) => b.kind === 'signature');
        if (
          declaration?.kind !== 'paragraph' ||
          name?.kind !== 'field' ||
          signature?.kind !== 'signature'
        )
          throw new Error('the signer part lost a block');
        const signaturePage = pagesWith(pdf, pages, `${signature.label}${SEP[language]}`).at(-1);
        expect(signaturePage).toBeDefined();
        expect(pagesWith(pdf, pages, `${name.label}${SEP[language]}${name.value}`)).toEqual([
          signaturePage,
        ]);
        expect(pagesWith(pdf, pages, signer?.heading ?? '?')).toContain(signaturePage);
        expect(pagesWith(pdf, pages, declaration.text.slice(-12))).toEqual([signaturePage]);
      }
    },
  );
});

describe('reproducibility', () => {
  it('gives the same bytes for the same letter', async () => {
    const doc = companyLetter('zh-CN');
    const [a, b] = await Promise.all([letterPdf(doc), letterPdf(doc)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
