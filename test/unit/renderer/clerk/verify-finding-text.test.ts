import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/evidence/letter-verdict';
import { hallDateTime } from '../../../../shared/time';
import { findingText } from '../../../../renderer/clerk/verify-finding-text';
import { resources } from '../../../../renderer/i18n/resources';

async function translator(language: 'zh-CN' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance.t;
}

// 18:03:04 UTC is 02:03:04 the next day in the hall: a reader's own zone must not show.
const stamped: Finding = {
  code: 'timestamp-valid',
  level: 'ok',
  params: { time: '2026-11-24T18:03:04Z', tsa: 'CN=Platform TSA' },
};

describe("times in the clerk's language on the hall's clock", () => {
  it('writes any instant in zh-CN and English as UTC+8, whatever offset it came with', () => {
    expect(hallDateTime('2026-11-24T18:03:04Z', 'zh-CN')).toBe('2026年11月25日 02:03:04');
    expect(hallDateTime('2026-11-24T18:03:04Z', 'en')).toBe('Nov 25, 2026, 02:03:04');
    expect(hallDateTime('2026-11-25T02:03:04.000+08:00', 'en')).toBe('Nov 25, 2026, 02:03:04');
    expect(hallDateTime('not a time', 'en')).toBe('not a time');
  });

  it("says the timestamp's time in the screen's language, named as hall time", async () => {
    expect(findingText(await translator('zh-CN'), 'zh-CN', stamped)).toBe(
      '平台时间戳有效：北京时间 2026年11月25日 02:03:04（CN=Platform TSA）。',
    );
    expect(findingText(await translator('en'), 'en', stamped)).toBe(
      "The platform's timestamp holds: Nov 25, 2026, 02:03:04 China time, UTC+8 (CN=Platform TSA).",
    );
  });
});
