import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import type { CommitmentDocument, DocumentBlock } from '../../shared/document/model';
import { buildCommitmentPdf } from '../../renderer/pdf/commitment-pdf';
import { QR_QUIET_ZONE, qrSymbol } from '../../renderer/pdf/qr';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium';
import { inputFor, personLetter } from '../unit/renderer/pdf/letters';
import { compare, measure, report } from './harness';

/**
 * The printed letter: pdf-lib with the embedded, subset CJK font (measured in Node, which runs
 * the very code the renderer runs; the font is already in memory, as the renderer caches it),
 * against Chromium printing the same letter laid out as plain HTML with the same font.
 */
const RUNS = 20;
const doc = personLetter('zh-CN');
const input = inputFor(doc);

const pdfLibBytes = await buildCommitmentPdf(input);
const pdfLibPages = (await PDFDocument.load(pdfLibBytes)).getPageCount();
const ours = await measure('pdf-lib buildCommitmentPdf (Node)', () => buildCommitmentPdf(input), {
  runs: RUNS,
  extra: { bytes: pdfLibBytes.byteLength, pages: pdfLibPages },
});

const escape = (text: string): string => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

function blockHtml(block: DocumentBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p class="para">${escape(block.text)}</p>`;
    case 'field':
      return `<p><b>${escape(block.label)}：</b>${escape(block.value)}</p>`;
    case 'list':
      return `${block.label === null ? '' : `<p><b>${escape(block.label)}</b></p>`}<ol>${block.items
        .map((item) => `<li>${escape(item)}</li>`)
        .join('')}</ol>`;
    case 'signature': {
      const png =
        'png' in (input.signature ?? {}) ? (input.signature as { png: Uint8Array }).png : null;
      const image = png
        ? `<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}">`
        : '';
      return `<p class="sign"><b>${escape(block.label)}：</b>${image}</p>`;
    }
    case 'seal':
      return `<p class="seal"><b>${escape(block.label)}：</b></p>`;
  }
}

function qrSvg(text: string): string {
  const symbol = qrSymbol(text);
  const side = symbol.size + 2 * QR_QUIET_ZONE;
  const rects = symbol.runs
    .map(
      (r) =>
        `<rect x="${r.col + QR_QUIET_ZONE}" y="${r.row + QR_QUIET_ZONE}" width="${r.length}" height="1"/>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${side} ${side}" width="84pt" height="84pt" shape-rendering="crispEdges">${rects}</svg>`;
}

function letterHtml(letter: CommitmentDocument): string {
  const { record } = input;
  return `<!doctype html><html lang="${letter.language}"><head><meta charset="utf-8"><style>
@font-face { font-family: Letter; src: url(https://letter.invalid/font.ttf); }
@page { size: A4; margin: 62pt 64pt 70pt; }
body { font-family: Letter; font-size: 10.5pt; line-height: 1.58; color: #141414; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 14pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 2pt; break-after: avoid; }
p { margin: 3pt 0; } .para { text-indent: 2em; } ol { margin: 0; padding-left: 3em; }
.sign img { height: 60pt; vertical-align: bottom; } .seal { height: 100pt; }
.record { border-top: 0.6pt solid #bbb; margin-top: 16pt; display: flex; justify-content: space-between; font-size: 8.5pt; break-inside: avoid; }
</style></head><body><h1>${escape(letter.title)}</h1>${letter.parts
    .map((part) => `<h2>${escape(part.heading)}</h2>${part.blocks.map(blockHtml).join('')}`)
    .join('')}<div class="record"><div><p><b>${escape(input.labels.recordHeading)}</b></p>
<p>${escape(input.labels.commitmentCode)}：${record.commitmentCode}</p>
<p>${escape(input.labels.deviceTime)}：${record.signedAt}</p>
<p>${escape(input.labels.documentHash)}：${record.documentHash}</p></div>${qrSvg(input.qr.text)}</div></body></html>`;
}

const font = readFileSync('resources/fonts/NotoSansSC-Regular.ttf');
const html = letterHtml(doc);
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  await page.route('https://letter.invalid/font.ttf', (route) =>
    route.fulfill({ body: font, contentType: 'font/ttf' }),
  );
  const load = async (): Promise<void> => {
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  };
  await load();
  const chromiumBytes = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const chromiumPages = (await PDFDocument.load(chromiumBytes)).getPageCount();
  const printOnly = await measure(
    'Chromium page.pdf() (page loaded)',
    () => page.pdf({ format: 'A4', preferCSSPageSize: true }),
    {
      runs: RUNS,
      extra: { bytes: chromiumBytes.byteLength, pages: chromiumPages },
    },
  );
  const total = await measure(
    'Chromium setContent + fonts + page.pdf()',
    async () => {
      await load();
      await page.pdf({ format: 'A4', preferCSSPageSize: true });
    },
    { runs: RUNS },
  );
  console.log(
    `pdf-lib side measured in Node (the renderer runs the same code); letter: ${doc.title}, ` +
      `${pdfLibPages} pages by pdf-lib, ${chromiumPages} by Chromium`,
  );
  report('pdf', [ours, printOnly, total], [compare(ours, printOnly), compare(ours, total)]);
} finally {
  await browser.close();
}
