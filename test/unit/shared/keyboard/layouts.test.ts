import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_LETTERS,
  KEYBOARD_KINDS,
  deleteBefore,
  insertAt,
  isCommand,
  keyboardForDocument,
  layoutRows,
} from '../../../../shared/keyboard/layouts';
import { validateUscc } from '../../../../shared/ids/uscc';

const keysOf = (rows: readonly string[]) =>
  rows.flatMap((r) => r.split(' ')).filter((k) => !isCommand(k));

describe('on-screen keyboard layouts', () => {
  it('offers on the credit-code keyboard exactly the characters GB 32100 allows', () => {
    const keys = keysOf(layoutRows('credit-code', 'latin')).sort().join('');
    expect(keys).toBe(`0123456789${CREDIT_CODE_LETTERS}`.split('').sort().join(''));
    for (const refused of 'IOZSV') expect(keys).not.toContain(refused);
    // The letters are the ones the code's own check accepts: a valid code uses some of them.
    expect(validateUscc('91130100MA01111107').ok).toBe(true);
  });

  it('offers digits and X on the resident-ID keyboard, digits and separators on the phone pad', () => {
    expect(keysOf(layoutRows('resident-id', 'latin')).sort().join('')).toBe('0123456789X');
    expect(keysOf(layoutRows('phone', 'latin')).sort().join('')).toBe('-0123456789');
    expect(keysOf(layoutRows('digits', 'latin')).sort().join('')).toBe('0123456789');
  });

  it('has a done key and a backspace on every keyboard, and no empty key', () => {
    for (const kind of KEYBOARD_KINDS)
      for (const mode of ['pinyin', 'latin'] as const) {
        const rows = layoutRows(kind, mode);
        const all = rows.flatMap((r) => r.split(' '));
        expect(all).toContain('{done}');
        expect(all).toContain('{bksp}');
        expect(all).not.toContain('');
      }
  });

  it('chooses the keyboard by document type', () => {
    expect(keyboardForDocument('uscc')).toBe('credit-code');
    expect(keyboardForDocument('resident-id')).toBe('resident-id');
    expect(keyboardForDocument('passport')).toBe('alphanumeric');
  });

  it('inserts at the caret, replacing a selection', () => {
    expect(insertAt({ value: '张', start: 1, end: 1 }, '三')).toEqual({
      value: '张三',
      start: 2,
      end: 2,
    });
    expect(insertAt({ value: 'abcd', start: 1, end: 3 }, 'X')).toEqual({
      value: 'aXd',
      start: 2,
      end: 2,
    });
    // A caret past the end (a value shortened elsewhere) inserts at the end.
    expect(insertAt({ value: 'ab', start: 9, end: 9 }, 'c').value).toBe('abc');
  });

  it('deletes the selection, or one whole character before the caret', () => {
    expect(deleteBefore({ value: '张三', start: 2, end: 2 })).toEqual({
      value: '张',
      start: 1,
      end: 1,
    });
    expect(deleteBefore({ value: 'a😀', start: 3, end: 3 }).value).toBe('a');
    expect(deleteBefore({ value: 'abcd', start: 1, end: 3 }).value).toBe('ad');
    expect(deleteBefore({ value: 'ab', start: 0, end: 0 }).value).toBe('ab');
  });
});
