/**
 * The on-screen keyboard's layouts, as data: one per kind of field, each the keys a valid value
 * can contain and no other (a credit code never offers I, O, Z, S or V; an ID number only digits
 * and X), so a key the field would refuse is never on the screen. A key is one character, or a
 * command in braces that the kiosk's keyboard handles itself.
 */
import type { IdDocumentType } from '../model';

export const KEYBOARD_KINDS = [
  /** A person's or a company's name: pinyin composed into Chinese characters, or Latin letters. */
  'name',
  /** The 18-character unified social credit code (GB 32100): digits and 26 − 5 letters. */
  'credit-code',
  /** The resident ID number: digits and the check character X. */
  'resident-id',
  /** Passports, permits and staff numbers: digits and upper-case letters. */
  'alphanumeric',
  /** Phone numbers: a phone pad with the separators a number may be written with. */
  'phone',
  /** PINs. */
  'digits',
] as const;
export type KeyboardKind = (typeof KEYBOARD_KINDS)[number];

export const KEY_COMMANDS = {
  backspace: '{bksp}',
  space: '{space}',
  done: '{done}',
  /** The name keyboard's switch between pinyin and Latin letters. */
  mode: '{mode}',
  shift: '{shift}',
} as const;
export type KeyCommand = (typeof KEY_COMMANDS)[keyof typeof KEY_COMMANDS];

/** The name keyboard's two modes; every other kind has one layout. */
export type KeyboardMode = 'pinyin' | 'latin';

const DIGITS = '1 2 3 4 5 6 7 8 9 0';
const QWERTY = ['q w e r t y u i o p', 'a s d f g h j k l', 'z x c v b n m'];
const upper = (row: string) => row.toUpperCase();

/** GB 32100's character set: the 10 digits and the letters except I, O, Z, S, V. */
export const CREDIT_CODE_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';

/** Rows as simple-keyboard reads them: keys separated by single spaces. */
export function layoutRows(kind: KeyboardKind, mode: KeyboardMode, shifted = false): string[] {
  switch (kind) {
    case 'name': {
      const letters = mode === 'latin' && shifted ? QWERTY.map(upper) : QWERTY;
      return [
        letters[0] ?? '',
        letters[1] ?? '',
        `${mode === 'latin' ? '{shift} ' : ''}${letters[2] ?? ''} · {bksp}`,
        '{mode} {space} {done}',
      ];
    }
    case 'credit-code': {
      const letters = CREDIT_CODE_LETTERS.split('');
      return [
        DIGITS,
        letters.slice(0, 7).join(' '),
        letters.slice(7, 14).join(' '),
        `${letters.slice(14).join(' ')} {bksp}`,
        '{done}',
      ];
    }
    case 'resident-id':
      return ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}', '{done}'];
    case 'alphanumeric':
      return [DIGITS, ...QWERTY.map(upper).map((r, i) => (i === 2 ? `${r} {bksp}` : r)), '{done}'];
    case 'phone':
      return ['1 2 3', '4 5 6', '7 8 9', '- 0 {bksp}', '{done}'];
    case 'digits':
      return ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}', '{done}'];
  }
}

/** Which keyboard an identifier field gets, by the document type chosen for it. */
export function keyboardForDocument(type: IdDocumentType): KeyboardKind {
  if (type === 'uscc') return 'credit-code';
  if (type === 'resident-id') return 'resident-id';
  return 'alphanumeric';
}

export function isCommand(key: string): key is KeyCommand {
  return key.length > 2 && key.startsWith('{') && key.endsWith('}');
}

/** A value and its caret: where the next key goes. */
export interface Caret {
  readonly value: string;
  /** Selection start and end, in UTF-16 code units; equal when nothing is selected. */
  readonly start: number;
  readonly end: number;
}

/** Puts `text` in place of the selection and the caret after it. */
export function insertAt(at: Caret, text: string): Caret {
  const start = Math.min(at.start, at.value.length);
  const end = Math.min(Math.max(at.end, start), at.value.length);
  const value = at.value.slice(0, start) + text + at.value.slice(end);
  return { value, start: start + text.length, end: start + text.length };
}

/** Removes the selection, or the whole character (a surrogate pair too) before the caret. */
export function deleteBefore(at: Caret): Caret {
  const start = Math.min(at.start, at.value.length);
  const end = Math.min(Math.max(at.end, start), at.value.length);
  if (start !== end)
    return { value: at.value.slice(0, start) + at.value.slice(end), start, end: start };
  if (start === 0) return { value: at.value, start: 0, end: 0 };
  const before = Array.from(at.value.slice(0, start));
  before.pop();
  const head = before.join('');
  return { value: head + at.value.slice(start), start: head.length, end: head.length };
}
