import {
  PDFDict,
  PDFDocument,
  PDFName,
  PDFString,
  degrees,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
} from 'pdf-lib';
import type { PDFImage, PDFPage } from 'pdf-lib';
import type { CommitmentDocument, DocumentBlock, DocumentPart } from '../../shared/document/model';
import { VERIFY_INFO_KEY } from '../../shared/evidence/verify-link';
import { chinaClock } from '../../shared/time';
import { paginate } from './flow';
import type { Box } from './flow';
import type { PdfLabels, PdfPhotoStatus } from './labels';
import { QR_QUIET_ZONE, qrSymbol } from './qr';
import { Typesetter, baselineIn, embedFont, type Style } from './typesetter';

/**
 * How the applicant signed: drawn on the pad, or a typed name that a clerk witnessed (or, with no
 * witness, that the applicant confirmed by a declaration).
 */
export type PdfSignature =
  | { readonly png: Uint8Array }
  | { readonly typedName: string; readonly witnessClerkId: string | null };

/** What the stored record says about the signing, printed under the letter. */
export interface PdfRecord {
  readonly commitmentCode: string;
  /** SHA-256 hex of the document, as signed. */
  readonly documentHash: string;
  /** ISO-8601 instant of the device signature. */
  readonly signedAt: string;
  readonly deviceId: string;
  /** ISO-8601 instant the platform attested, once it has. */
  readonly platformTime?: string | null;
  /** The platform's receipt number for the signing, printed with its attested time. */
  readonly platformReceiptNo?: string | null;
  /** The photo at signing, where the hall asks for one; the picture itself is never printed. */
  readonly photo?: PdfPhotoStatus | null;
  /** Who signed and how (issue 15), one line in the letter's language; absent: not printed. */
  readonly identification?: string | null;
}

export interface CommitmentPdfInput {
  readonly document: CommitmentDocument;
  /** The hall's organ in the letter's language: the PDF's Author. */
  readonly organ: string;
  /** A TrueType/OpenType font covering the letter's characters (the bundled Noto Sans SC). */
  readonly font: Uint8Array;
  /** Absent: a blank line to sign by hand on paper. */
  readonly signature?: PdfSignature;
  readonly record: PdfRecord;
  /**
   * The verification text the QR code carries, and the record reference the PDF's Info
   * dictionary carries for a verifier (inside the signed revision of a signed letter).
   */
  readonly qr: { readonly text: string; readonly marker?: string };
  /** A reprint: every page is marked as a copy. */
  readonly copy?: boolean;
  readonly labels: PdfLabels;
}

// A4 portrait in PDF points, with margins close to GB/T 9704's for official documents.
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 62, bottom: 70, left: 64, right: 64 } as const;
const QR_SIDE = 84;
/** Where things sit on the page, for tests that read the rendered page back. */
export const LETTER_GEOMETRY = { page: PAGE, margin: MARGIN, qrSide: QR_SIDE } as const;
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const SIZE = {
  title: 18,
  heading: 12.5,
  body: 10.5,
  small: 8.5,
  footer: 9,
  copyStamp: 11,
} as const;
const LEADING = 1.58;
const MUTED = rgb(0.38, 0.38, 0.4);
const RULE = rgb(0.7, 0.7, 0.72);
const COPY_RED = rgb(0.78, 0.1, 0.1);

/** Punctuation only; every word comes from the document, as in shared/document/hash.ts. */
const FIELD_SEPARATOR = { 'zh-CN': '：', en: ': ' } as const;

/** A piece of one line: text at an offset from the left margin. */
interface Span {
  readonly text: string;
  readonly x: number;
  readonly style: Style;
}

function lineBox(
  ts: Typesetter,
  spans: readonly Span[],
  size: number,
  options: { spaceBefore?: number; keepWithNext?: boolean; leading?: number } = {},
): Box {
  const height = size * (options.leading ?? LEADING);
  return {
    height,
    spaceBefore: options.spaceBefore ?? 0,
    keepWithNext: options.keepWithNext ?? false,
    draw: (page, top) => {
      const baseline = baselineIn(top, height, size);
      for (const span of spans)
        ts.draw(page, span.text, MARGIN.left + span.x, baseline, span.style);
    },
  };
}

/**
 * A run of text that wraps, optionally led by a bold label on its first line and with its first
 * and following lines indented separately (a first-line indent, or a hanging one for lists).
 */
function flowBoxes(
  ts: Typesetter,
  text: string,
  options: {
    readonly style: Style;
    readonly lead?: Span;
    readonly firstIndent?: number;
    readonly restIndent?: number;
    readonly spaceBefore?: number;
    readonly keepFirstWithNext?: boolean;
  },
): Box[] {
  const { style } = options;
  const firstIndent = options.firstIndent ?? 0;
  const restIndent = options.restIndent ?? 0;
  // The first line's text starts after its lead, or at its indent if that is further right (a list
  // number sits in a column of its own, so that items 9 and 10 start their text at one place).
  const leadEnd = Math.max(
    firstIndent,
    options.lead ? options.lead.x + ts.width(options.lead.text, options.lead.style.size) : 0,
  );
  const lines = ts.lines(text, style.size, CONTENT_WIDTH - leadEnd, CONTENT_WIDTH - restIndent);
  return lines.map((line, i) =>
    lineBox(
      ts,
      [
        ...(i === 0 && options.lead ? [options.lead] : []),
        { text: line, x: i === 0 ? leadEnd : restIndent, style },
      ],
      style.size,
      {
        spaceBefore: i === 0 ? (options.spaceBefore ?? 0) : 0,
        keepWithNext: i === 0 && (options.keepFirstWithNext ?? false),
      },
    ),
  );
}

interface Assets {
  readonly ts: Typesetter;
  readonly doc: CommitmentDocument;
  readonly signature: PdfSignature | undefined;
  readonly signatureImage: PDFImage | undefined;
  readonly labels: PdfLabels;
}

const BODY: Style = { size: SIZE.body };
const LABEL: Style = { size: SIZE.body, bold: true };
const BLOCK_GAP = 5;

/**
 * The signing row: the signature (drawn, a typed name with its witness, or a blank line to sign
 * on paper) and, when the matter asks for one, room beside it for the organisation's seal, which
 * is stamped on the paper by hand (a round seal is 42 mm, about 119 pt, across).
 */
function signingBox(a: Assets, signatureLabel: string | null, sealLabel: string | null): Box {
  const { ts } = a;
  const sep = FIELD_SEPARATOR[a.doc.language];
  const image = a.signatureImage;
  const typed = a.signature && 'typedName' in a.signature ? a.signature : undefined;
  const signatureArt = signatureLabel === null ? 0 : image ? 64 : typed ? 30 : 36;
  const art = Math.max(signatureArt, sealLabel === null ? 0 : 96);
  const note = typed && signatureLabel !== null ? SIZE.small * 2 : 0;
  const sealX = signatureLabel === null ? 0 : CONTENT_WIDTH * 0.66;
  const signatureLead = signatureLabel === null ? '' : `${signatureLabel}${sep}`;
  const lineStart = ts.width(signatureLead, SIZE.body) + 6;
  const lineLength = Math.min(230, (sealLabel === null ? CONTENT_WIDTH : sealX - 24) - lineStart);
  return {
    height: art + 8 + note,
    spaceBefore: BLOCK_GAP + 6,
    keepWithNext: false,
    draw: (page, top) => {
      const baseline = top - art;
      if (signatureLabel !== null) drawSignature(page, baseline);
      if (sealLabel !== null)
        ts.draw(page, `${sealLabel}${sep}`, MARGIN.left + sealX, baseline, LABEL);
    },
  };

  function drawSignature(page: PDFPage, baseline: number): void {
    ts.draw(page, signatureLead, MARGIN.left, baseline, LABEL);
    const x = MARGIN.left + lineStart;
    page.drawLine({
      start: { x, y: baseline - 4 },
      end: { x: x + lineLength, y: baseline - 4 },
      thickness: 0.6,
      color: MUTED,
    });
    if (image) {
      const scale = Math.min(lineLength / image.width, (signatureArt - 4) / image.height);
      const width = image.width * scale;
      page.drawImage(image, {
        x: x + (lineLength - width) / 2,
        y: baseline - 2,
        width,
        height: image.height * scale,
      });
    } else if (typed) {
      ts.draw(page, typed.typedName, x + 8, baseline + 1, { size: 16 });
      const note =
        typed.witnessClerkId === null
          ? a.labels.typedConfirmed
          : a.labels.witnessedBy(typed.witnessClerkId);
      ts.draw(page, note, x, baseline - 6 - SIZE.small, {
        size: SIZE.small,
        color: MUTED,
      });
    }
  }
}

/** A list's label either names it (设定依据, bold like a field label) or leads into it with a colon. */
function isLeadIn(label: string): boolean {
  return /[：:]$/.test(label);
}

function blockBoxes(a: Assets, block: DocumentBlock): Box[] {
  const { ts, doc } = a;
  const chinese = doc.language === 'zh-CN';
  switch (block.kind) {
    case 'paragraph':
      return flowBoxes(ts, block.text, {
        style: BODY,
        firstIndent: chinese ? 2 * SIZE.body : 0,
        spaceBefore: BLOCK_GAP,
      });
    case 'field':
      return flowBoxes(ts, block.value, {
        style: BODY,
        lead: { text: `${block.label}${FIELD_SEPARATOR[doc.language]}`, x: 0, style: LABEL },
        spaceBefore: BLOCK_GAP,
      });
    case 'list': {
      const numberWidth = ts.width(`${block.items.length}.`, SIZE.body) + SIZE.body * 0.6;
      const indent = block.label === null ? 0 : SIZE.body;
      const label =
        block.label === null
          ? []
          : flowBoxes(ts, block.label, {
              style: isLeadIn(block.label) ? BODY : LABEL,
              spaceBefore: BLOCK_GAP,
              keepFirstWithNext: true,
            });
      const items = block.items.flatMap((item, i) =>
        flowBoxes(ts, item, {
          style: BODY,
          lead: { text: `${i + 1}.`, x: indent, style: BODY },
          firstIndent: indent + numberWidth,
          restIndent: indent + numberWidth,
          spaceBefore: label.length === 0 && i === 0 ? BLOCK_GAP : 2,
        }),
      );
      return [...label, ...items];
    }
    case 'signature':
      return [signingBox(a, block.label, null)];
    case 'seal':
      return [signingBox(a, null, block.label)];
  }
}

function partBoxes(a: Assets, part: DocumentPart): Box[] {
  const boxes = [
    ...flowBoxes(a.ts, part.heading, {
      style: { size: SIZE.heading, bold: true },
      spaceBefore: 14,
      keepFirstWithNext: true,
    }).map((box) => ({ ...box, keepWithNext: true })),
    ...part.blocks.flatMap((block, i) => {
      const previous = part.blocks[i - 1];
      const next = part.blocks[i + 1];
      // A seal right after the signature shares its row.
      if (block.kind === 'signature' && next?.kind === 'seal')
        return [signingBox(a, block.label, next.label)];
      if (block.kind === 'seal' && previous?.kind === 'signature') return [];
      return blockBoxes(a, block);
    }),
  ];
  // The signer's part is kept whole: the signature never starts a page without the declaration
  // and the entity it signs for (issue 16: the zh-CN company letter's page 3 held the signature
  // alone). It is about a third of a page; were it ever taller, it would break as other text does.
  return part.id === 'signer'
    ? boxes.map((box, i) => (i < boxes.length - 1 ? { ...box, keepWithNext: true } : box))
    : boxes;
}

function titleBoxes(ts: Typesetter, title: string): Box[] {
  const style: Style = { size: SIZE.title, bold: true };
  return ts.lines(title, SIZE.title, CONTENT_WIDTH * 0.86).map((line, i, all) => {
    const x = (CONTENT_WIDTH - ts.width(line, SIZE.title)) / 2;
    const box = lineBox(ts, [{ text: line, x, style }], SIZE.title, {
      keepWithNext: true,
      leading: 1.5,
    });
    // Room under the title before the first heading.
    return i === all.length - 1 ? { ...box, height: box.height + 8 } : box;
  });
}

/** An instant as the hall's clock shows it: China time, to the second. */
function chinaTime(iso: string, zone: string): string {
  const clock = chinaClock(iso);
  return clock === null ? iso : `${clock} ${zone}`;
}

/** The signing record: code, times, the digest in fixed-width cells, and the QR code beside them. */
function recordBox(a: Assets, record: PdfRecord, qrText: string): Box {
  const { ts, labels, doc } = a;
  const sep = FIELD_SEPARATOR[doc.language];
  const size = SIZE.small;
  const lineHeight = size * 1.7;
  const qr = qrSymbol(qrText);
  const qrSide = QR_SIDE;
  const module = qrSide / (qr.size + 2 * QR_QUIET_ZONE);
  const columnWidth = CONTENT_WIDTH - qrSide - 16;

  const rows: { label: string; value: string }[] = [
    { label: labels.commitmentCode, value: record.commitmentCode },
    { label: labels.deviceTime, value: chinaTime(record.signedAt, labels.chinaTime) },
    { label: labels.device, value: record.deviceId },
    ...(record.identification
      ? [{ label: labels.identification, value: record.identification }]
      : []),
    ...(record.photo ? [{ label: labels.photo, value: labels.photoStatus(record.photo) }] : []),
    ...(record.platformTime
      ? [{ label: labels.platformTime, value: chinaTime(record.platformTime, labels.chinaTime) }]
      : []),
    ...(record.platformTime && record.platformReceiptNo
      ? [{ label: labels.platformReceipt, value: record.platformReceiptNo }]
      : []),
  ];
  const textLines: Span[][] = rows.flatMap(({ label, value }) => {
    const lead = `${label}${sep}`;
    const leadWidth = ts.width(lead, size);
    return ts
      .lines(value, size, columnWidth - leadWidth, columnWidth)
      .map((line, i) => [
        ...(i === 0 ? [{ text: lead, x: 0, style: { size, color: MUTED } }] : []),
        { text: line, x: i === 0 ? leadWidth : 0, style: { size } },
      ]);
  });
  textLines.push([{ text: `${labels.documentHash}${sep}`, x: 0, style: { size, color: MUTED } }]);

  // In groups of eight set in fixed columns, balanced over the lines, so that two printed digests
  // are easy to compare group by group.
  const groups = record.documentHash.match(/.{1,8}/g) ?? [''];
  const groupWidth = Math.max(...groups.map((g) => ts.width(g, size))) + ts.width('  ', size);
  const fit = Math.max(1, Math.floor(columnWidth / groupWidth));
  const perLine = Math.ceil(groups.length / Math.ceil(groups.length / fit));
  const hashLines: string[][] = [];
  for (let i = 0; i < groups.length; i += perLine) hashLines.push(groups.slice(i, i + perLine));

  const captionLines = ts.lines(labels.qrCaption, 7, qrSide + 8);
  const headingHeight = SIZE.body * 1.9;
  const leftHeight = (textLines.length + hashLines.length) * lineHeight;
  const rightHeight = qrSide + captionLines.length * 7 * 1.4;
  const height = 10 + headingHeight + Math.max(leftHeight, rightHeight);

  return {
    height,
    spaceBefore: 16,
    keepWithNext: false,
    draw: (page, top) => {
      page.drawLine({
        start: { x: MARGIN.left, y: top },
        end: { x: PAGE.width - MARGIN.right, y: top },
        thickness: 0.6,
        color: RULE,
      });
      const headTop = top - 10;
      ts.draw(
        page,
        labels.recordHeading,
        MARGIN.left,
        baselineIn(headTop, headingHeight, SIZE.body),
        {
          size: SIZE.body,
          bold: true,
        },
      );
      let y = headTop - headingHeight;
      for (const spans of textLines) {
        const baseline = baselineIn(y, lineHeight, size);
        for (const span of spans)
          ts.draw(page, span.text, MARGIN.left + span.x, baseline, span.style);
        y -= lineHeight;
      }
      for (const line of hashLines) {
        const baseline = baselineIn(y, lineHeight, size);
        line.forEach((group, g) => {
          ts.draw(page, group, MARGIN.left + g * groupWidth, baseline, { size });
        });
        y -= lineHeight;
      }

      const qrLeft = PAGE.width - MARGIN.right - qrSide;
      const qrTop = headTop;
      page.pushOperators(pushGraphicsState(), setFillingColor(rgb(0, 0, 0)));
      for (const run of qr.runs) {
        page.pushOperators(
          rectangle(
            qrLeft + (QR_QUIET_ZONE + run.col) * module,
            qrTop - (QR_QUIET_ZONE + run.row + 1) * module,
            run.length * module,
            module,
          ),
        );
      }
      page.pushOperators(fill(), popGraphicsState());
      captionLines.forEach((line, i) => {
        const x = qrLeft + (qrSide - ts.width(line, 7)) / 2;
        ts.draw(page, line, x, qrTop - qrSide - 7 * 1.4 * (i + 0.8), { size: 7, color: MUTED });
      });
    },
  };
}

function drawPageChrome(
  ts: Typesetter,
  page: PDFPage,
  index: number,
  total: number,
  input: CommitmentPdfInput,
): void {
  const { labels } = input;
  const folio = labels.pageOf(index + 1, total);
  ts.draw(page, folio, (PAGE.width - ts.width(folio, SIZE.footer)) / 2, MARGIN.bottom / 2, {
    size: SIZE.footer,
    color: MUTED,
  });
  const code = input.record.commitmentCode;
  ts.draw(page, code, PAGE.width - MARGIN.right - ts.width(code, SIZE.footer), MARGIN.bottom / 2, {
    size: SIZE.footer,
    color: MUTED,
  });
}

/** A reprint: a faint diagonal mark across the page and a red stamp at its top right. */
function drawCopyMark(ts: Typesetter, page: PDFPage, mark: string): void {
  const big = 88;
  const width = ts.width(mark, big);
  const angle = 35;
  const rad = (angle * Math.PI) / 180;
  page.drawText(mark, {
    x: PAGE.width / 2 - (Math.cos(rad) * width) / 2 + Math.sin(rad) * big * 0.38,
    y: PAGE.height / 2 - (Math.sin(rad) * width) / 2 - Math.cos(rad) * big * 0.38,
    size: big,
    font: ts.font,
    color: COPY_RED,
    opacity: 0.09,
    rotate: degrees(angle),
  });
  const stampWidth = ts.width(mark, SIZE.copyStamp) + 16;
  const stampHeight = SIZE.copyStamp + 10;
  const x = PAGE.width - MARGIN.right - stampWidth;
  const y = PAGE.height - MARGIN.top / 2 - stampHeight / 2;
  page.drawRectangle({
    x,
    y,
    width: stampWidth,
    height: stampHeight,
    borderColor: COPY_RED,
    borderWidth: 1.2,
  });
  ts.draw(page, mark, x + 8, y + 5 + SIZE.copyStamp * 0.12, {
    size: SIZE.copyStamp,
    bold: true,
    color: COPY_RED,
  });
}

/**
 * PDF requires a subset font's name to start with six capital letters and a plus sign; derived
 * from the document hash, the tag is the same for the same letter, so the output is reproducible.
 */
function subsetTag(hash: string): string {
  return [...hash.slice(0, 6).padEnd(6, '0')]
    .map((ch) => String.fromCharCode(65 + (parseInt(ch, 16) || 0)))
    .join('');
}

/**
 * The signed commitment letter as an A4 PDF: every part of the document in order, the signature,
 * and the signing record with its QR code. Pure: fonts and images come in as bytes, so the same
 * code runs in the renderer and under Node. The same input gives the same bytes.
 */
export async function buildCommitmentPdf(input: CommitmentPdfInput): Promise<Uint8Array> {
  return (await composeCommitmentPdf(input)).save();
}

/** The letter laid out but not yet written, for a caller that adds to it (signed-letter.ts). */
export async function composeCommitmentPdf(input: CommitmentPdfInput): Promise<PDFDocument> {
  const { document: doc, record, labels } = input;
  const pdf = await PDFDocument.create();
  const ts = new Typesetter(await embedFont(pdf, input.font, subsetTag(record.documentHash)));
  const signatureImage =
    input.signature && 'png' in input.signature
      ? await pdf.embedPng(input.signature.png)
      : undefined;
  const assets: Assets = { ts, doc, signature: input.signature, signatureImage, labels };

  const boxes: Box[] = [
    ...titleBoxes(ts, doc.title),
    ...doc.parts.flatMap((part) => partBoxes(assets, part)),
    recordBox(assets, record, input.qr.text),
  ];
  const placed = paginate(boxes, PAGE.height - MARGIN.top, MARGIN.bottom);
  const total = (placed[placed.length - 1]?.page ?? 0) + 1;
  const pages = Array.from({ length: total }, () => {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    if (input.copy) drawCopyMark(ts, page, labels.copyMark);
    return page;
  });
  for (const { box, page, top } of placed) {
    const target = pages[page];
    if (target) box.draw(target, top);
  }
  pages.forEach((page, i) => drawPageChrome(ts, page, i, total, input));

  const signed = new Date(record.signedAt);
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(input.organ);
  pdf.setSubject(doc.matter.name);
  pdf.setKeywords([record.commitmentCode, doc.matter.code]);
  pdf.setProducer(labels.producer);
  pdf.setCreator(labels.producer);
  pdf.setCreationDate(signed);
  pdf.setModificationDate(signed);
  pdf.setLanguage(doc.language);
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (input.qr.marker && info instanceof PDFDict)
    info.set(PDFName.of(VERIFY_INFO_KEY), PDFString.of(input.qr.marker));
  return pdf;
}
