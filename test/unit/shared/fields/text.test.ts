import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, forbiddenCharacter } from '../../../../shared/fields/text';
import { isolated, neutraliseBidi } from '../../../../shared/fields/display';
import { TEXT_RULES } from '../../../../shared/fields/rules';

const BIDI = [
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
  0x200e,
  0x200f,
  0x061c,
].map((cp) => String.fromCodePoint(cp));
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e'];
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029'];

/** Text a person could type: letters, digits, punctuation and spaces of any script. */
const readable = fc
  .string({ unit: 'grapheme', minLength: 2, maxLength: 80 })
  .filter((s) => forbiddenCharacter(s) === null && /\S.*\S/su.test(s) && !/[<>]/u.test(s));

describe('checkText', () => {
  it.each(BIDI)(
    'refuses the bidirectional control %j anywhere in any text field, naming it',
    (c) => {
      for (const rule of Object.values(TEXT_RULES)) {
        const checked = checkText(`王${c}五100S`, rule);
        expect(checked.ok).toBe(false);
        if (!checked.ok) {
          expect(checked.issue.code).toBe('bidi-control');
          expect(checked.issue.char).toBe(
            `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
          );
        }
      }
    },
  );

  it.each(INVISIBLE)('refuses the invisible %j instead of silently dropping it', (c) => {
    expect(checkText(`张${c}三`, TEXT_RULES.personName)).toMatchObject({
      ok: false,
      issue: { code: 'invisible' },
    });
  });

  it.each(CONTROL)('refuses the control character %j', (c) => {
    expect(checkText(`a${c}b`, TEXT_RULES.longText)).toMatchObject({
      ok: false,
      issue: { code: 'control' },
    });
  });

  it('takes line breaks only in multi-line text', () => {
    expect(checkText('第一行\r\n第二行', TEXT_RULES.longText)).toEqual({
      ok: true,
      value: '第一行\n第二行',
    });
    expect(checkText('第一行\n第二行', TEXT_RULES.reason)).toMatchObject({
      ok: false,
      issue: { code: 'control', char: 'U+000A' },
    });
  });

  it('refuses markup in every name field, and only there', () => {
    const markup = '<img src=x onerror=alert(1)>';
    for (const kind of ['personName', 'organisationName', 'staffName', 'organName'] as const)
      expect(checkText(markup, TEXT_RULES[kind])).toMatchObject({
        ok: false,
        issue: { code: 'markup' },
      });
    expect(checkText('金额 < 5000 元', TEXT_RULES.reason)).toEqual({
      ok: true,
      value: '金额 < 5000 元',
    });
  });

  it('states the limit of a too-long text, whatever its length', () => {
    expect(checkText('名'.repeat(10_000), TEXT_RULES.personName)).toEqual({
      ok: false,
      issue: { code: 'too-long', max: 100, length: 10_000 },
    });
    expect(checkText('理'.repeat(10_000), TEXT_RULES.longText)).toMatchObject({
      ok: false,
      issue: { code: 'too-long', max: 4000 },
    });
    expect(checkText('x', TEXT_RULES.reason)).toEqual({
      ok: false,
      issue: { code: 'too-short', min: 2, length: 1 },
    });
    expect(checkText('  ', TEXT_RULES.reason)).toEqual({ ok: false, issue: { code: 'required' } });
    expect(checkText('  ', TEXT_RULES.printer)).toEqual({ ok: true, value: '' });
  });

  it('counts characters, not UTF-16 units: a CJK extension character is one', () => {
    const rare = '𠈌'.repeat(100);
    expect(checkText(rare, TEXT_RULES.personName)).toEqual({ ok: true, value: rare });
    expect(checkText(`${rare}𠈌`, TEXT_RULES.personName)).toMatchObject({
      ok: false,
      issue: { code: 'too-long', length: 101 },
    });
  });

  it('accepts readable text within the limit unchanged but for spacing', () => {
    fc.assert(
      fc.property(readable, (s) => {
        const checked = checkText(s, TEXT_RULES.longText);
        expect(checked.ok).toBe(true);
        if (checked.ok) {
          // Nothing but spacing is ever changed: no character silently disappears.
          expect(checked.value.replace(/\s/gu, '')).toBe(s.replace(/\s/gu, ''));
        }
      }),
    );
  });

  it('refuses any readable text with a bidi, invisible or control character inserted', () => {
    fc.assert(
      fc.property(
        readable,
        fc.constantFrom(...BIDI, ...INVISIBLE, ...CONTROL.filter((c) => c !== '\u0085')),
        fc.nat(),
        (s, bad, at) => {
          // Inside the text, not in its outer spacing: a U+2028 or U+FEFF there is trimmed away
          // with the spaces around it (as JavaScript's trim does), so nothing hidden is kept.
          const chars = [...s.trim()];
          const i = 1 + (at % Math.max(1, chars.length - 1));
          const text = [...chars.slice(0, i), bad, ...chars.slice(i)].join('');
          for (const rule of Object.values(TEXT_RULES))
            expect(checkText(text, rule).ok).toBe(false);
        },
      ),
    );
  });

  it('never accepts a value longer than the limit, and always returns trimmed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const checked = checkText(s, TEXT_RULES.windowName);
        if (checked.ok) {
          expect([...checked.value].length).toBeLessThanOrEqual(TEXT_RULES.windowName.max);
          expect(checked.value).toBe(checked.value.trim());
          expect(forbiddenCharacter(checked.value)).toBeNull();
        }
      }),
    );
  });
});

describe('showing stored or platform text', () => {
  it('writes out every bidi control and isolates the whole, so the line around it keeps its order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom(...BIDI),
        (s, c) => {
          const shown = isolated(`${s}${c}${s}`);
          const inner = shown.slice(1, -1);
          expect(shown.startsWith('\u2068') && shown.endsWith('\u2069')).toBe(true);
          // Nothing inside can open an embedding, override or isolate that outlives the text.
          expect(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(inner)).toBe(false);
        },
      ),
    );
    expect(neutraliseBidi('王五\u202e（S001）')).toBe('王五[U+202E]（S001）');
    expect(isolated('王五')).toBe('王五');
    expect(isolated('محمد')).toBe('\u2068محمد\u2069');
  });
});
