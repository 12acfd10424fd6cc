import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  downloadOf,
  goTo,
  openConsole,
  setUpSupervisor,
  shot,
  signIn,
  SUPERVISOR,
  type Lang,
} from './clerk-helpers';
import { commitAsPerson, PERSON } from './kiosk-helpers';

/**
 * The supervisor's support bundle (issue 17), seen on screen: the settings card says how the
 * device key is kept, exports the bundle, and the file read back holds the device's facts and the
 * store's counts but nothing personal of the record just made at the kiosk.
 */

test.use({ viewport: { width: 1280, height: 900 } });

const WORDS = {
  'zh-CN': {
    heading: '技术支持包',
    save: '导出技术支持包',
    key: '设备签名密钥：已由本机密钥库密封保存',
  },
  en: {
    heading: 'Support bundle',
    save: 'Export support bundle',
    key: "Device signing key: Sealed by this computer's keystore",
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const satisfies readonly Lang[]) {
  test(`support bundle (${lang}): exported from settings, no personal data of a record just made`, async ({
    page,
  }) => {
    const code = await commitAsPerson(page, lang);
    expect(code.length).toBeGreaterThan(10);
    await openConsole(page, lang);
    await setUpSupervisor(page, lang);
    await signIn(page, lang, SUPERVISOR);
    await goTo(page, lang, 'settings');
    const card = page.getByTestId('support-bundle');
    const words = WORDS[lang];
    await expect(card.getByRole('heading', { name: words.heading })).toBeVisible();
    await expect(card.getByTestId('device-key-status')).toHaveText(words.key);

    const bytes = await downloadOf(page, () =>
      card.getByRole('button', { name: words.save }).click(),
    );
    const text = bytes.toString('utf8');
    const bundle = JSON.parse(text) as {
      format: string;
      device: { keyStatus: string; demo: boolean };
      store: { records: number; events: number };
    };
    expect(bundle.format).toBe('cck-support-bundle/1');
    expect(bundle.device.keyStatus).toBe('sealed');
    // The record is counted, never shown.
    expect(bundle.store.records).toBe(1);
    expect(bundle.store.events).toBeGreaterThanOrEqual(1);
    for (const personal of [PERSON.name, PERSON.id, PERSON.id.slice(6, 14), PERSON.phone]) {
      expect(text).not.toContain(personal);
    }

    await card.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page);
    await shot(page, `support-bundle-${lang}`);
  });
}
