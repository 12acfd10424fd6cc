import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { readFileSync } from 'node:fs';

const screenshotDir = 'test-results/screens';
const hall = (
  JSON.parse(readFileSync('resources/catalogue/demo-catalogue.json', 'utf8')) as {
    hall: { name: { 'zh-CN': string; en: string } };
  }
).hall;

test.describe('welcome screen', () => {
  const consoleErrors: string[] = [];
  test.beforeEach(({ page }) => {
    consoleErrors.length = 0;
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
  });
  test.afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });

  test('opens in Chinese with the hall name, and passes axe', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('hall-name')).toHaveText(hall.name['zh-CN']);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用承诺办事');
    await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${screenshotDir}/welcome-zh-CN.png`, fullPage: true });
  });

  test('switches to English in place, and passes axe', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('hall-name')).toHaveText(hall.name.en);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Services by credit commitment',
    );
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${screenshotDir}/welcome-en.png`, fullPage: true });
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    test(`large text and high contrast (${lang}) rescale and recolour, and pass axe`, async ({
      page,
    }) => {
      await page.goto(`./?lang=${lang}`);
      const start = page.locator('.welcome-start');
      const before = await start.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      await page.locator('.toolbar button').nth(2).click();
      await page.locator('.toolbar button').nth(3).click();
      await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
      await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
      const after = await start.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(after).toBeGreaterThan(before * 1.3);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(0, 0, 0)');
      await expectNoAxeViolations(page);
      await page.screenshot({
        path: `${screenshotDir}/welcome-${lang}-large-contrast.png`,
        fullPage: true,
      });
    });
  }

  test('every control is reachable by keyboard with a visible focus ring', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
    const reached: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { text: el.textContent?.trim() ?? '', outline: style.outlineStyle };
      });
      if (info) {
        reached.push(info.text);
        if (info.text !== '跳到主要内容') expect(info.outline).toBe('solid');
      }
    }
    expect(reached).toEqual(
      expect.arrayContaining(['中文', 'English', '大字号', '高对比度', '开始办理']),
    );
  });

  test('serves a strict Content-Security-Policy with no unsafe sources', async ({ page }) => {
    await page.goto('./');
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});

test('five quick taps on the title open the maintenance dialog, which asks for the PIN', async ({
  page,
}) => {
  await page.goto('./?lang=en');
  const title = page.getByTestId('kiosk-title');
  for (let i = 0; i < 4; i += 1) await title.click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await title.click();
  const dialog = page.getByRole('dialog', { name: 'Maintenance' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Maintenance PIN')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${screenshotDir}/kiosk-maintenance-en.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('kiosk mode left for maintenance stays in sight until it is locked again', async ({
  page,
}) => {
  await page.goto('./?lang=en');
  const title = page.getByTestId('kiosk-title');
  for (let i = 0; i < 5; i += 1) await title.click();
  const dialog = page.getByRole('dialog', { name: 'Maintenance' });
  // The web host has no maintenance PIN to check: any PIN leaves full screen.
  await dialog.getByLabel('Maintenance PIN').fill('000000');
  await dialog.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(dialog.getByText('Kiosk mode is off.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const badge = page.getByRole('status').filter({ hasText: 'the kiosk is unlocked' });
  await expect(badge).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${screenshotDir}/kiosk-maintenance-unlocked-en.png` });
  await badge.getByRole('button', { name: 'Lock as a kiosk again' }).click();
  await expect(badge).toHaveCount(0);
});
