import { pinyin } from 'pinyin-pro';
import type { EntityKind, Language, LocalizedText } from '../model';
import { calendarDay } from '../ids/calendar';
import type { Today } from '../ids/calendar';
import type { Catalogue, Matter } from './schema';

/** In force on `day` (YYYY-MM-DD): from effectiveFrom through effectiveTo, both inclusive. */
export function isInForce(matter: Matter, day: string): boolean {
  return (
    matter.effectiveFrom <= day && (matter.effectiveTo === undefined || day <= matter.effectiveTo)
  );
}

/** The matters an applicant may choose today, in catalogue order. */
export function mattersInForce(catalogue: Catalogue, today: Today): Matter[] {
  const day = calendarDay(today);
  return catalogue.matters.filter((m) => isInForce(m, day));
}

/** The matters in force today that this kind of entity may use. */
export function mattersFor(catalogue: Catalogue, kind: EntityKind, today: Today): Matter[] {
  return mattersInForce(catalogue, today).filter((m) => m.entityKinds.includes(kind));
}

export interface DepartmentGroup {
  readonly department: { readonly code: string; readonly name: LocalizedText };
  readonly matters: readonly Matter[];
}

/** Groups in order of each department's first matter; matters keep their order. */
export function groupByDepartment(matters: readonly Matter[]): DepartmentGroup[] {
  const groups = new Map<string, { department: Matter['department']; matters: Matter[] }>();
  for (const m of matters) {
    const group = groups.get(m.department.code);
    if (group) group.matters.push(m);
    else groups.set(m.department.code, { department: m.department, matters: [m] });
  }
  return [...groups.values()];
}

/**
 * Search ranks, best first. Code prefix sits right after the exact code because a clerk typing a
 * code wants that family of matters, not names that happen to share the letters.
 */
export const SEARCH_RANKS = [
  'code-exact',
  'code-prefix',
  'name-prefix',
  'initials',
  'substring',
  'keyword',
] as const;
export type SearchRank = (typeof SEARCH_RANKS)[number];

export interface SearchHit {
  readonly matter: Matter;
  readonly rank: SearchRank;
}

interface IndexedName {
  /** Chinese name, lower case (for Latin letters in it), without spaces. */
  readonly zh: string;
  /** English name, lower case, without spaces. */
  readonly en: string;
  readonly enWords: readonly string[];
  /** Toneless pinyin of the Chinese characters, joined: 'shipinjingying...'. */
  readonly pinyin: string;
  /** First letters of the same syllables: 'spjy...'. */
  readonly initials: string;
}

interface IndexedMatter {
  readonly matter: Matter;
  readonly order: number;
  /** Lower case without dashes, so that '01001' finds '01-001'. */
  readonly code: string;
  readonly name: IndexedName;
  /** Keywords and the department name, each indexed like a name. */
  readonly extra: readonly IndexedName[];
}

export interface SearchIndex {
  readonly entries: readonly IndexedMatter[];
}

const SPACES = /\s+/gu;

function codeKey(text: string): string {
  return text.toLowerCase().replace(/[\s-]+/g, '');
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

function indexText(zh: string, en: string): IndexedName {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'removed' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((s) => s !== '');
  const enLower = en.toLowerCase();
  return {
    zh: zh.toLowerCase().replace(SPACES, ''),
    en: enLower.replace(SPACES, ''),
    enWords: words(enLower),
    pinyin: syllables.join(''),
    initials: syllables.map((s) => s.charAt(0)).join(''),
  };
}

/**
 * Does the pinyin work once per catalogue (it is the expensive part), so that each keystroke is a
 * handful of string comparisons per matter.
 */
export function buildSearchIndex(matters: readonly Matter[]): SearchIndex {
  return {
    entries: matters.map((matter, order) => ({
      matter,
      order,
      code: codeKey(matter.code),
      name: indexText(matter.name['zh-CN'], matter.name.en),
      extra: [
        ...(matter.keywords ?? []).map((k) => indexText(k, k)),
        indexText(matter.department.name['zh-CN'], matter.department.name.en),
      ],
    })),
  };
}

interface Query {
  readonly code: string;
  /** Lower case, no spaces: for Chinese and pinyin. */
  readonly compact: string;
  /** Lower case words: for English. */
  readonly words: readonly string[];
  /** Only letters a-z: a candidate for pinyin. */
  readonly latin: boolean;
}

function allWordsPrefix(queryWords: readonly string[], textWords: readonly string[]): boolean {
  return queryWords.length > 0 && queryWords.every((q) => textWords.some((w) => w.startsWith(q)));
}

function namePrefix(q: Query, n: IndexedName): boolean {
  return (
    n.zh.startsWith(q.compact) ||
    n.en.startsWith(q.compact) ||
    (q.latin && n.pinyin.startsWith(q.compact))
  );
}

function initialsMatch(q: Query, n: IndexedName): boolean {
  return q.latin && n.initials.startsWith(q.compact);
}

function substring(q: Query, n: IndexedName): boolean {
  return (
    n.zh.includes(q.compact) ||
    n.en.includes(q.compact) ||
    allWordsPrefix(q.words, n.enWords) ||
    (q.latin &&
      (n.pinyin.includes(q.compact) || (q.compact.length >= 2 && n.initials.includes(q.compact))))
  );
}

function rankOf(q: Query, e: IndexedMatter): SearchRank | undefined {
  if (q.code !== '' && e.code === q.code) return 'code-exact';
  if (q.code !== '' && e.code.startsWith(q.code)) return 'code-prefix';
  if (namePrefix(q, e.name)) return 'name-prefix';
  if (initialsMatch(q, e.name)) return 'initials';
  if (substring(q, e.name)) return 'substring';
  if (e.extra.some((x) => namePrefix(q, x) || initialsMatch(q, x) || substring(q, x)))
    return 'keyword';
  return undefined;
}

/**
 * Matters matching `query`, best first; within a rank, matters whose name matches in the screen's
 * language come first, then catalogue order. An empty query matches nothing (the screen shows the
 * department list instead).
 */
export function searchMatters(index: SearchIndex, query: string, lang: Language): SearchHit[] {
  const lower = query.toLowerCase().trim();
  const compact = lower.replace(SPACES, '');
  if (compact === '') return [];
  const q: Query = {
    code: codeKey(lower),
    compact,
    words: words(lower),
    latin: /^[a-z]+$/.test(compact),
  };
  const inLanguage = (e: IndexedMatter): number => {
    const n = e.name;
    const matches =
      lang === 'en'
        ? n.en.includes(compact) || allWordsPrefix(q.words, n.enWords)
        : n.zh.includes(compact) ||
          (q.latin && (n.pinyin.includes(compact) || n.initials.includes(compact)));
    return matches ? 0 : 1;
  };

  const hits: { entry: IndexedMatter; rank: SearchRank; language: number }[] = [];
  for (const entry of index.entries) {
    const rank = rankOf(q, entry);
    if (rank !== undefined) hits.push({ entry, rank, language: inLanguage(entry) });
  }
  const position = (r: SearchRank) => SEARCH_RANKS.indexOf(r);
  hits.sort(
    (a, b) =>
      position(a.rank) - position(b.rank) ||
      a.language - b.language ||
      a.entry.order - b.entry.order,
  );
  return hits.map((h) => ({ matter: h.entry.matter, rank: h.rank }));
}
