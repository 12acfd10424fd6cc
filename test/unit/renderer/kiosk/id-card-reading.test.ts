import { describe, expect, it } from 'vitest';
import {
  phaseFor,
  problemMessageKey,
  type Problem,
} from '../../../../renderer/kiosk/IdCardReading';
import enIdentity from '../../../../renderer/i18n/locales/en/identity.json';
import enKiosk from '../../../../renderer/i18n/locales/en/kiosk.json';
import zhIdentity from '../../../../renderer/i18n/locales/zh-CN/identity.json';
import zhKiosk from '../../../../renderer/i18n/locales/zh-CN/kiosk.json';
import type { IdCardData } from '../../../../shared/idcard/answer';

const card: IdCardData = {
  name: '冀测试',
  idNumber: '130102199003071233',
  sex: 'male',
  birthDate: '1990-03-07',
  address: '河北省石家庄市长安区测试路1号',
  authority: '石家庄市公安局长安分局',
  validFrom: '2020-05-01',
  validUntil: '2040-05-01',
};

describe('the kiosk’s reading of a reader answer', () => {
  it('a card valid today fills the form', () => {
    expect(phaseFor({ status: 'card', card }, '2026-12-05')).toEqual({ card });
    expect(phaseFor({ status: 'card', card }, '2040-05-01')).toEqual({ card });
  });

  it('an expired card is refused with its last day; a card not yet valid with its first', () => {
    expect(phaseFor({ status: 'card', card }, '2040-05-02')).toEqual({
      phase: 'problem',
      problem: 'expired',
      date: '2040-05-01',
    });
    expect(phaseFor({ status: 'card', card }, '2020-04-30')).toEqual({
      phase: 'problem',
      problem: 'not-yet-valid',
      date: '2020-05-01',
    });
  });

  it('a long-term card never expires', () => {
    expect(
      phaseFor({ status: 'card', card: { ...card, validUntil: 'long-term' } }, '2099-01-01'),
    ).toHaveProperty('card');
  });

  it('no reader: typing only; a failure or a missing reader: the reason', () => {
    expect(phaseFor({ status: 'unavailable', reason: 'not-configured' }, '2026-12-05')).toEqual({
      phase: 'none',
    });
    expect(phaseFor({ status: 'unavailable', reason: 'unplugged' }, '2026-12-05')).toEqual({
      phase: 'problem',
      problem: 'unplugged',
    });
    expect(phaseFor({ status: 'failed', reason: 'removed' }, '2026-12-05')).toEqual({
      phase: 'problem',
      problem: 'removed',
    });
    expect(phaseFor({ status: 'no-card' }, '2026-12-05')).toEqual({ phase: 'waiting' });
  });
});

/** Every problem the reader can report (a Record, so that a new one must be added here). */
const PROBLEMS = Object.keys({
  expired: true,
  'not-yet-valid': true,
  removed: true,
  unreadable: true,
  'invalid-card': true,
  unplugged: true,
  'no-answer': true,
  'module-fault': true,
  failed: true,
} satisfies Record<Problem, true>) as Problem[];

const LOCALES = {
  'zh-CN': {
    kiosk: zhKiosk,
    identity: zhIdentity,
    typing: /手动填写|手工输入|下方/,
    counter: '窗口',
  },
  en: { kiosk: enKiosk, identity: enIdentity, typing: /type|below/i, counter: 'counter' },
} as const;

/** The text of a message key in one language, looked up in the locale files. */
function message(lang: keyof typeof LOCALES, key: string): string {
  const [area, ...path] = key.split('.');
  let node: unknown = LOCALES[lang][area as 'kiosk' | 'identity'];
  for (const part of path) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`${lang}: no message ${key}`);
  return node;
}

describe('the reader’s messages say what is true', () => {
  it('where the hall requires a card read, no problem tells the applicant to type', () => {
    for (const problem of PROBLEMS)
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = message(lang, problemMessageKey(problem, true));
        expect(text, `${lang} ${problem}`).not.toMatch(LOCALES[lang].typing);
      }
    expect(message('zh-CN', problemMessageKey('unplugged', true))).toContain('窗口');
    expect(message('en', problemMessageKey('unplugged', true))).toContain('counter');
  });

  it('where typing is allowed, a reader that cannot read offers it', () => {
    for (const lang of ['zh-CN', 'en'] as const)
      expect(message(lang, problemMessageKey('unplugged', false))).toMatch(LOCALES[lang].typing);
  });
});
