import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Poppler under an empty fontconfig: with no system fonts to substitute, a page renders only
 * with the fonts the PDF itself embeds, so a missing glyph shows as missing.
 */
const fontconfigDir = mkdtempSync(join(tmpdir(), 'emptyfc-'));
writeFileSync(
  join(fontconfigDir, 'fonts.conf'),
  '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>',
);
const env = { ...process.env, FONTCONFIG_FILE: join(fontconfigDir, 'fonts.conf') };

/** Runs a poppler tool; a missing tool throws with its name (CI installs poppler-utils). */
function run(tool: string, args: readonly string[]): Buffer {
  try {
    return execFileSync(tool, args, { env, maxBuffer: 64 * 1024 * 1024, stdio: 'pipe' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new Error(`${tool} not found: install poppler-utils`);
    throw error;
  }
}

function withFile<T>(pdf: Uint8Array, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  const path = join(dir, 'letter.pdf');
  writeFileSync(path, pdf);
  return use(path);
}

/** The text in content-stream order (`-raw`), which is the order the builder draws it. */
export function pdfText(pdf: Uint8Array, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return withFile(pdf, (path) =>
    run('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, path, '-']).toString(),
  );
}

/** How many images the PDF draws (`pdfimages -list`, less its two header lines). */
export function pdfImageCount(pdf: Uint8Array): number {
  const out = withFile(pdf, (path) => run('pdfimages', ['-list', path]).toString());
  return out
    .split('\n')
    .slice(2)
    .filter((line) => /^\s*\d+\s+\d+\s+image\b/.test(line)).length;
}

export interface FontRow {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
  readonly subset: boolean;
  readonly unicode: boolean;
}

export function pdfFonts(pdf: Uint8Array): FontRow[] {
  const out = withFile(pdf, (path) => run('pdffonts', [path]).toString());
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name, type words..., encoding, emb, sub, uni, object, generation
      const [emb, sub, uni] = cols.slice(-5, -2);
      return {
        name: cols[0] ?? '',
        type: cols.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

export function pdfInfo(pdf: Uint8Array): Map<string, string> {
  const out = withFile(pdf, (path) => run('pdfinfo', ['-isodates', path]).toString());
  return new Map(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

export interface RenderedPage {
  readonly width: number;
  readonly height: number;
  /** Grey levels, row by row from the top, 0 black to 255 white. */
  readonly pixels: Uint8Array;
  /** Share of pixels darker than mid-grey. */
  readonly darkShare: number;
}

/** Parses a binary PGM (P5), the greyscale format pdftoppm writes with `-gray`. */
function parsePgm(bytes: Buffer): RenderedPage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = bytes.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark += 1;
  return { width, height, pixels: new Uint8Array(pixels), darkShare: dark / (width * height) };
}

/**
 * Renders every page twice: greyscale for counting ink, and PNG into `pngDir` (when given) for
 * a person to look at.
 */
export function renderPages(
  pdf: Uint8Array,
  resolution: number,
  pngDir?: string,
  name = 'page',
): RenderedPage[] {
  return withFile(pdf, (path) => {
    const dir = mkdtempSync(join(tmpdir(), 'pgm-'));
    run('pdftoppm', ['-r', String(resolution), '-gray', path, join(dir, 'p')]);
    if (pngDir) {
      mkdirSync(pngDir, { recursive: true });
      run('pdftoppm', ['-r', String(resolution), '-png', path, join(pngDir, name)]);
    }
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  });
}
