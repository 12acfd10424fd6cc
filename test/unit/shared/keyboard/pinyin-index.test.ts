import { describe, expect, it } from 'vitest';
import {
  PinyinIndex,
  gb2312LevelOne,
  namePinyinIndex,
} from '../../../../shared/keyboard/pinyin-index';

describe('the name keyboard’s pinyin candidates', () => {
  it('covers GB 2312 level one: 3,755 characters', () => {
    const chars = Array.from(gb2312LevelOne());
    expect(chars).toHaveLength(3755);
    expect(chars[0]).toBe('啊');
    expect(chars.at(-1)).toBe('座');
  });

  it('offers the commonest surname first for its syllable', () => {
    const index = namePinyinIndex();
    expect(index.candidates('wang')[0]).toBe('王');
    expect(index.candidates('zhang')[0]).toBe('张');
    expect(index.candidates('li')[0]).toBe('李');
    expect(index.candidates('chen')[0]).toBe('陈');
  });

  it('finds every reading of a polyphonic character, and ü typed as v', () => {
    const index = namePinyinIndex();
    expect(index.candidates('shan')).toContain('单');
    expect(index.candidates('dan')).toContain('单');
    expect(index.candidates('lv')[0]).toBe('吕');
  });

  it('puts exact syllables before longer ones that begin the same way', () => {
    const index = new PinyinIndex(['张', '扎', '展']);
    expect(index.candidates('zha')).toEqual(['扎', '张', '展']);
    expect(index.candidates('zhang')).toEqual(['张']);
  });

  it('offers nothing for what is not letters', () => {
    const index = namePinyinIndex();
    expect(index.candidates('')).toEqual([]);
    expect(index.candidates('1')).toEqual([]);
    expect(index.candidates('zh ang')).toEqual([]);
  });

  it('reaches any common character a name may hold', () => {
    const index = namePinyinIndex();
    expect(index.size).toBeGreaterThanOrEqual(3755);
    for (const [typed, char] of [
      ['yi', '毅'],
      ['hua', '华'],
      ['shi', '石'],
      ['jia', '家'],
      ['zhuang', '庄'],
    ] as const)
      expect(index.candidates(typed, 400)).toContain(char);
  });
});
