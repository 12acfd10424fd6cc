import { expect, type Page } from '@playwright/test';

export const SCREENS = 'test-results/screens';

/** Writes a signature-like scrawl on the pad with the mouse (touch works the same way). */
export async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  const y0 = box.y + box.height / 2;
  for (const [startX, width] of [
    [0.15, 0.25],
    [0.45, 0.3],
  ] as const) {
    await page.mouse.move(box.x + box.width * startX, y0);
    await page.mouse.down();
    for (let i = 1; i <= 30; i += 1) {
      const x = box.x + box.width * (startX + (width * i) / 30);
      const y = y0 + Math.sin(i / 2.5) * box.height * 0.25;
      await page.mouse.move(x, y, { steps: 2 });
    }
    await page.mouse.up();
  }
}

/** Confirms every part of the letter and scrolls to its end. */
export async function readWholeLetter(page: Page, confirmLabel: string): Promise<void> {
  const buttons = page.getByRole('button', { name: confirmLabel, exact: true });
  const count = await buttons.count();
  expect(count).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < count; i += 1) {
    const button = buttons.first();
    await button.scrollIntoViewIfNeeded();
    await button.click();
  }
  await page.locator('.doc-end').scrollIntoViewIfNeeded();
}

/** Everything the applicant's browser keeps outside IndexedDB: must hold no applicant data. */
export async function visibleTraces(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts = [document.documentElement.outerHTML];
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i += 1) {
        const key = store.key(i) ?? '';
        parts.push(key, store.getItem(key) ?? '');
      }
    }
    if ('caches' in window) {
      for (const name of await caches.keys()) parts.push(name);
    }
    return parts.join('\n');
  });
}
