import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../../renderer/i18n/resources';
import { syncFailureText } from '../../../../renderer/clerk/report/sync-failure';

const i18n = i18next.createInstance();
await i18n.init({
  resources,
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
});

describe('the end-of-day message when a sync fails', () => {
  it('points an unreachable platform to the offline export below, by its words on screen', () => {
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    for (const error of ['network', 'timeout']) {
      const zhText = syncFailureText(zh, error);
      expect(zhText).toMatch(/^同步未完成：/);
      expect(zhText).toContain('“导出待上报数据”');
      expect(zhText).toContain('“无网络时离线报送”');
      const enText = syncFailureText(en, error);
      expect(enText).toMatch(/^Sync did not finish: /);
      expect(enText).toContain('use "Export pending data" under "Offline transfer" below');
    }
    expect(syncFailureText(en, 'network')).not.toBe(syncFailureText(en, 'timeout'));
  });

  it('does not send the clerk to the offline files for a refusal the platform gave', () => {
    const en = i18n.getFixedT('en');
    for (const error of ['unauthorised', 'http-500', undefined]) {
      const text = syncFailureText(en, error);
      expect(text).toMatch(/^Sync did not finish: \S/);
      expect(text).not.toContain('Export pending data');
    }
  });
});
