/**
 * Line breaking for mixed Chinese and Latin text: a line may break between any two CJK
 * characters and at spaces between Latin words, never inside a Latin word (unless the word alone
 * is wider than the line), and never so that closing punctuation starts a line or opening
 * punctuation ends one (simple kinsoku, JIS X 4051 / GB/T 15834 practice).
 */

/** May not start a line: closing brackets and quotes, stops, pause and enumeration commas. */
const NO_LINE_START = new Set(
  '，。、；：？！）】」』》〉〕〗〙〛”’…—·．，：；？！％),.;:?!%]}»›'.split(''),
);
/** May not end a line: opening brackets and quotes. */
const NO_LINE_END = new Set('（【「『《〈〔〖〘〚“‘([{«‹'.split(''));

/** Han, CJK punctuation, kana, Hangul, full-width forms: each such character is its own unit. */
const CJK =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/;

interface Unit {
  /** The text drawn for this unit. */
  text: string;
  /** Whitespace: a break opportunity, dropped at a line's ends. */
  space: boolean;
}

/** Splits text into units that a line may break between, glueing punctuation as kinsoku asks. */
function units(text: string): Unit[] {
  const atoms: Unit[] = [];
  let word = '';
  const flushWord = (): void => {
    if (word) atoms.push({ text: word, space: false });
    word = '';
  };
  for (const ch of text) {
    if (/\s/.test(ch)) {
      flushWord();
      const last = atoms[atoms.length - 1];
      if (!last?.space) atoms.push({ text: ' ', space: true });
    } else if (CJK.test(ch) || NO_LINE_START.has(ch) || NO_LINE_END.has(ch)) {
      flushWord();
      atoms.push({ text: ch, space: false });
    } else {
      word += ch;
    }
  }
  flushWord();

  // Glue: a closing mark joins the unit before it, an opening mark the unit after it.
  const glued: Unit[] = [];
  let pendingOpen = '';
  for (const atom of atoms) {
    const last = glued[glued.length - 1];
    if (atom.space) {
      if (pendingOpen) {
        glued.push({ text: pendingOpen, space: false });
        pendingOpen = '';
      }
      glued.push(atom);
    } else if (NO_LINE_END.has(atom.text)) {
      pendingOpen += atom.text;
    } else if (
      !pendingOpen &&
      last &&
      !last.space &&
      [...atom.text].every((ch) => NO_LINE_START.has(ch))
    ) {
      last.text += atom.text;
    } else {
      glued.push({ text: pendingOpen + atom.text, space: false });
      pendingOpen = '';
    }
  }
  if (pendingOpen) glued.push({ text: pendingOpen, space: false });
  return glued;
}

export type Measure = (text: string) => number;

/**
 * Breaks `text` into lines no wider than `firstWidth` (the first line) and `restWidth` (the
 * others), measured by `measure`. Spaces at a break are dropped; nothing else is lost, so the
 * lines joined back (with the dropped spaces) give the text again. Widths add up unit by unit, so
 * `measure` should be cheap for repeated strings (the PDF builder caches it).
 */
export function breakLines(
  text: string,
  measure: Measure,
  firstWidth: number,
  restWidth: number = firstWidth,
): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  let pendingSpace = false;
  const limit = (): number => (lines.length === 0 ? firstWidth : restWidth);
  const push = (): void => {
    lines.push(line);
    line = '';
    lineWidth = 0;
    pendingSpace = false;
  };
  const append = (piece: string, width: number): void => {
    line += piece;
    lineWidth += width;
    pendingSpace = false;
  };
  const spaceWidth = measure(' ');

  for (const unit of units(text)) {
    if (unit.space) {
      pendingSpace = line !== '';
      continue;
    }
    const unitWidth = measure(unit.text);
    const gap = pendingSpace ? spaceWidth : 0;
    if (lineWidth + gap + unitWidth <= limit()) {
      append((pendingSpace ? ' ' : '') + unit.text, gap + unitWidth);
      continue;
    }
    if (line !== '') push();
    if (unitWidth <= limit()) {
      append(unit.text, unitWidth);
      continue;
    }
    // A unit wider than a whole line (a long code or URL): break it between characters, still
    // carrying a character down so that no mark starts or ends a line where kinsoku forbids it.
    for (const ch of unit.text) {
      const chWidth = measure(ch);
      if (line !== '' && lineWidth + chWidth > limit()) {
        const chars = [...line];
        const last = chars[chars.length - 1] ?? '';
        const carry =
          chars.length > 1 && (NO_LINE_START.has(ch) || NO_LINE_END.has(last)) ? last : '';
        if (carry) line = chars.slice(0, -1).join('');
        push();
        if (carry) append(carry, measure(carry));
      }
      append(ch, chWidth);
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * The width of the widest piece `text` never breaks inside (a Latin word, a code, a character
 * with the punctuation glued to it): a column at least this wide shows every such piece whole.
 */
export function widestUnit(text: string, measure: Measure): number {
  return units(text).reduce((widest, unit) => Math.max(widest, measure(unit.text)), 0);
}
