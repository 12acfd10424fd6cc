import { expect, type Locator, type Page } from '@playwright/test';

/** The on-screen keyboard now on screen. */
export const onScreenKeyboard = (page: Page) => page.getByTestId('on-screen-keyboard');

/**
 * Taps each character's key (or a command such as `{bksp}`) on the on-screen keyboard: the same
 * touch events as Playwright's `tap()`, at the key's centre, without its checks that the key is
 * stable and unobscured (two animation frames and a hit test per key: a minute over a company's
 * form on a loaded machine). The keyboard is docked and does not move; a tap that lands elsewhere
 * shows in the field's value, which every test checks.
 */
export async function tapKeys(page: Page, keys: string | readonly string[]): Promise<void> {
  const keyboard = onScreenKeyboard(page);
  for (const key of typeof keys === 'string' ? Array.from(keys) : keys) {
    const box = await keyboard.locator(`button[data-skbtn="${key}"]`).boundingBox();
    if (!box) throw new Error(`no ${key} key on the on-screen keyboard`);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  }
}

/**
 * Types Chinese by pinyin: the syllable's letters, then its character among the candidates,
 * paging on until it shows.
 */
export async function tapPinyin(
  page: Page,
  syllables: readonly (readonly [pinyin: string, char: string])[],
): Promise<void> {
  const keyboard = onScreenKeyboard(page);
  for (const [letters, char] of syllables) {
    await tapKeys(page, letters);
    for (let pageNo = 0; ; pageNo += 1) {
      const candidate = keyboard.getByRole('button', { name: char, exact: true });
      if ((await candidate.count()) > 0) {
        await candidate.tap();
        break;
      }
      expect(pageNo, `${char} among the candidates for ${letters}`).toBeLessThan(8);
      await keyboard.getByRole('button', { name: /More characters|下一页候选字/ }).tap();
    }
  }
}

/**
 * A signature written with a finger, then a tap on the button that confirms it: touch events only,
 * through the browser's input layer. Each stroke ends as hands often end one, with a flourish: the
 * finger leaves the glass still moving fast, which the browser reads as a fling. The tap follows
 * the last stroke at once, inside that fling, where it was once swallowed (no click at all; the
 * pad's step now keeps its strokes out of gesture recognition). The events carry their own times,
 * so the flourish is as fast on a loaded machine as on a quiet one.
 */
export async function signByTouch(page: Page, confirm: Locator): Promise<void> {
  const box = await page.getByTestId('signature-pad').boundingBox();
  const button = await confirm.boundingBox();
  if (!box || !button) throw new Error('signature pad or its confirm button not visible');
  const cdp = await page.context().newCDPSession(page);
  const y0 = box.y + box.height / 2;
  let seconds = Date.now() / 1000;
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', at?: { x: number; y: number }) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at ? [at] : [], timestamp: seconds });
  const later = (step: number) => (seconds = Math.max(seconds + step, Date.now() / 1000));
  for (const [startX, width] of [
    [0.15, 0.25],
    [0.45, 0.3],
  ] as const) {
    // Ten points a stroke: enough ink for the pad's minimum, few round trips to the browser. Each
    // 20 ms after the last: signature_pad keeps one point per 16 ms, and moves sent faster were
    // dropped, which left too little ink on a quiet machine (the pad refused the signature).
    const at = (i: number) => ({
      x: box.x + box.width * (startX + (width * i) / 10),
      y: y0 + Math.sin(i / 0.8) * box.height * 0.25,
    });
    later(0.02);
    await touch('touchStart', at(0));
    for (let i = 1; i <= 10; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      later(0.02);
      await touch('touchMove', at(i));
    }
    // The flourish: 40 px up every 8 ms (5,000 px/s) as the finger lifts.
    const end = at(10);
    for (let k = 1; k <= 4; k += 1) {
      seconds += 0.008;
      await touch('touchMove', { x: end.x + 10 * k, y: end.y - 40 * k });
    }
    seconds += 0.004;
    await touch('touchEnd');
  }
  const centre = { x: button.x + button.width / 2, y: button.y + button.height / 2 };
  later(0.1);
  await touch('touchStart', centre);
  later(0.05);
  await touch('touchEnd');
  await cdp.detach();
}

/** Confirms every part of the letter by tapping, then brings its end into view. */
export async function readWholeLetterByTouch(page: Page, confirmLabel: string): Promise<void> {
  const buttons = page.getByRole('button', { name: confirmLabel, exact: true });
  const count = await buttons.count();
  expect(count).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < count; i += 1) await buttons.first().tap();
  await page.locator('.doc-end').scrollIntoViewIfNeeded();
}
