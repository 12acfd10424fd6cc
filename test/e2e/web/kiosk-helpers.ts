import { DEFAULT_SETTINGS } from '../../../renderer/settings/hall-settings';
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

/**
 * The same scrawl in one round trip: pointer events dispatched in the page (20 ms apart, past the
 * pad's 16 ms throttle). For specs that need a signed record, not a proof of pen input (the kiosk
 * specs draw with the mouse and touch): 60 mouse moves cost 15-30 s on a loaded machine.
 */
export async function scrawlSignature(page: Page): Promise<void> {
  await page.getByTestId('signature-pad').evaluate(async (canvas) => {
    const box = canvas.getBoundingClientRect();
    const fire = (type: string, x: number, y: number, buttons: number) =>
      canvas.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          cancelable: true,
          pointerId: 1,
          pointerType: 'mouse',
          isPrimary: true,
          button: 0,
          buttons,
          clientX: box.left + box.width * x,
          clientY: box.top + box.height * y,
        }),
      );
    for (const [start, width] of [
      [0.15, 0.25],
      [0.45, 0.3],
    ] as const) {
      fire('pointerdown', start, 0.5, 1);
      for (let i = 1; i <= 12; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        fire('pointermove', start + (width * i) / 12, 0.5 + Math.sin(i / 1.2) * 0.25, 1);
      }
      fire('pointerup', start + width, 0.5, 0);
    }
  });
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

/** Writes rows into the app's meta store (settings, snapshot) as a supervisor's change would. */
export async function putMeta(
  page: Page,
  rows: readonly { key: string; value: unknown }[],
): Promise<void> {
  // The app draws only once its store is open: writing earlier would race its creation.
  await page.locator('.app-shell').waitFor();
  await page.evaluate(async (items) => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      for (const item of items) tx.objectStore('meta').put(item);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, rows);
}

/** Counts rows of the app's stores, read straight from IndexedDB. */
export async function storeCounts(
  page: Page,
): Promise<Record<'records' | 'events' | 'outbox', number>> {
  return page.evaluate(async () => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = (name: string) =>
      new Promise<number>((resolve) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => resolve(req.result);
      });
    const result = {
      records: await count('records'),
      events: await count('events'),
      outbox: await count('outbox'),
    };
    db.close();
    return result;
  });
}

/** The app's own defaults, which a test then changes one setting at a time. */
export const DEFAULT_TEST_SETTINGS = DEFAULT_SETTINGS;

/** A snapshot issued `hoursAgo` hours ago that lists nobody. */
export function staleSnapshot(hoursAgo: number) {
  return {
    issuedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString().replace('Z', '+00:00'),
    salt: '0123456789abcdef0123456789abcdef',
    unrepairedKeys: [],
  };
}

export const PERSON = { name: '张三', id: '130102199003071233', phone: '13812345678' };

export async function toEntityAsPerson(page: Page, lang: 'zh-CN' | 'en') {
  const en = lang === 'en';
  await page.goto(`./?lang=${lang}`);
  await page.getByRole('button', { name: en ? 'Start' : '开始办理' }).click();
  await page.getByRole('button', { name: en ? /Yourself/ : /个人/ }).click();
  await page.getByRole('button', { name: en ? /Teacher qualification/i : /教师资格认定/ }).click();
}

export async function fillPerson(page: Page, lang: 'zh-CN' | 'en', id = PERSON.id) {
  const en = lang === 'en';
  await page.getByLabel(en ? 'Full name' : '姓名').fill(PERSON.name);
  await page.getByLabel(en ? 'Document number' : '证件号码', { exact: true }).fill(id);
  await page.getByLabel(en ? 'Phone' : '联系电话').fill(PERSON.phone);
  await page.getByRole('button', { name: en ? 'Next' : '下一步' }).click();
}

/** The whole applicant path for a natural person, without audits: a record to work on. */
export async function commitAsPerson(
  page: Page,
  lang: 'zh-CN' | 'en',
  id = PERSON.id,
): Promise<string> {
  await toEntityAsPerson(page, lang);
  await fillPerson(page, lang, id);
  return readSignSubmit(page, lang);
}

/**
 * From a passed pre-check to the receipt: continue, read the whole letter, sign, submit. Returns
 * the record number shown on the receipt. The signature is the one-round-trip scrawl: the specs
 * that prove pen and touch input draw their own (kiosk.spec.ts, kiosk-paths, kiosk-touch).
 */
export async function readSignSubmit(page: Page, lang: 'zh-CN' | 'en'): Promise<string> {
  const en = lang === 'en';
  await page.getByRole('button', { name: en ? 'Continue' : '继续' }).click();
  await readWholeLetter(page, en ? 'I have read and confirm' : '我已阅读并确认');
  await page.getByRole('button', { name: en ? 'Go to signing' : '去签名' }).click();
  await scrawlSignature(page);
  await page.getByRole('button', { name: en ? 'Confirm signature' : '确认签名' }).click();
  await page.getByRole('button', { name: en ? 'Submit commitment' : '提交承诺' }).click();
  const code = page.getByTestId('commitment-code');
  await expect(code).toBeVisible();
  return (await code.textContent())?.replace(/\s/g, '') ?? '';
}

/**
 * Every row of the app's stores as a copied disk image would show them (read without the app's
 * key), as text: sealed fields appear only as bytes.
 */
export async function rawStoreText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const parts: string[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
      });
      parts.push(JSON.stringify(rows));
    }
    db.close();
    return parts.join('\n');
  });
}

/** A company on the food business licence (01-001, or another matter), with its agent, in Chinese: the entity form filled. */
export async function toCompanyForm(
  page: Page,
  company: { readonly uscc: string } = { uscc: '91130100MA01111107' },
  matter: RegExp = /食品经营许可（新办）/,
): Promise<void> {
  await page.goto('./?lang=zh-CN');
  await page.getByRole('button', { name: '开始办理' }).click();
  await page.getByRole('button', { name: /企业等法人/ }).click();
  await page.getByRole('button', { name: matter }).click();
  await page.getByLabel('单位名称').fill('石家庄示例科技有限公司');
  await page.getByLabel('证件号码', { exact: true }).fill(company.uscc);
  await page.getByLabel('法定代表人或负责人姓名').fill('李明');
  await page.getByLabel('经办人姓名').fill('赵华');
  await page.getByLabel('经办人证件号码').fill(PERSON.id);
  await page.getByLabel('联系电话').fill(PERSON.phone);
}

/** Idle times short enough to watch: a warning after 15 s, 5 s of countdown. */
export async function shortIdleTimes(page: Page): Promise<void> {
  await putMeta(page, [
    {
      key: 'settings',
      value: {
        ...DEFAULT_TEST_SETTINGS,
        idle: { ...DEFAULT_TEST_SETTINGS.idle, warnAfterSeconds: 15, countdownSeconds: 5 },
      },
    },
  ]);
}
