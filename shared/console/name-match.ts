import { pinyin } from 'pinyin-pro';

/**
 * How the clerk's search matches a name: the typed text anywhere in it (a company is often known
 * by the middle of its name), or, typed in Latin letters, the pinyin initials of the name from
 * its start or anywhere ("zs" finds 张三, "xxkj" finds …信息科技…).
 */

/** The name's pinyin initials in lower case, one letter per Chinese character ('张三' → 'zs'). */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .join('');
}

const LATIN = /^[a-z]+$/iu;

/** Whether `typed` (already trimmed) is in the name, or in its initials when typed in letters. */
export function nameMatches(name: string, typed: string, initials: () => string): boolean {
  if (typed === '') return false;
  if (name.includes(typed) || name.toLowerCase().includes(typed.toLowerCase())) return true;
  return LATIN.test(typed) && initials().includes(typed.toLowerCase());
}
