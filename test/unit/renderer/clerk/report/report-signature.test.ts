import { describe, expect, it } from 'vitest';
import { reportSections } from '../../../../../renderer/clerk/report/render';
import { DEFAULT_MASKING_RULES } from '../../../../../shared/masking/mask';
import { dayData, tFor } from './day-fixture';

/** The clerk's day report names each signing method in words, with its count. */
describe.each([
  ['zh-CN', '按签名方式', '输入姓名，申请人声明确认', '屏幕手写签名'],
  ['en', 'By signing method', 'Typed name, confirmed by declaration', 'Handwritten on screen'],
] as const)('the day report in %s', (language, heading, confirmed, drawn) => {
  it('has a section by signing method that counts typed names confirmed by declaration', () => {
    // Records 0, 17 and 34 of the fixture's 40 are typed names confirmed by declaration.
    const sections = reportSections(
      dayData(40),
      tFor(language),
      null,
      language,
      DEFAULT_MASKING_RULES,
    );
    const section = sections.find((s) => s.heading === heading);
    expect(section?.rows).toEqual([
      [drawn, 37],
      [confirmed, 3],
    ]);
  });
});
