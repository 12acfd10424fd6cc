import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Download, type Page } from '@playwright/test';
import { putMeta, SCREENS } from './kiosk-helpers';

/** Labels of the console in both languages, as the clerk reads them. */
export const L = {
  'zh-CN': {
    staffNo: '工号',
    name: '姓名',
    newPin: '新密码',
    pinAgain: '再次输入密码',
    pin: '密码',
    createSupervisor: '创建负责人',
    signIn: '登录',
    signOut: '退出登录',
    nav: {
      records: '承诺记录',
      due: '到期事项',
      assisted: '协助办理',
      report: '日终',
      publicQuery: '公示查询',
      audit: '审计日志',
      staff: '工作人员',
      settings: '设置',
    },
  },
  en: {
    staffNo: 'Staff number',
    name: 'Name',
    newPin: 'New PIN',
    pinAgain: 'PIN again',
    pin: 'PIN',
    createSupervisor: 'Create supervisor',
    signIn: 'Sign in',
    signOut: 'Sign out',
    nav: {
      records: 'Records',
      due: 'Deadlines',
      assisted: 'Assisted',
      report: 'End of day',
      publicQuery: 'Public query',
      audit: 'Audit log',
      staff: 'Staff',
      settings: 'Settings',
    },
  },
} as const;

export type Lang = keyof typeof L;

export const SUPERVISOR = { id: 'S001', name: '王负责', pin: '482916' };
export const CLERK = { id: 'C002', name: '李窗口', pin: '735190' };

export async function openConsole(page: Page, lang: Lang): Promise<void> {
  await page.goto(`./?lang=${lang}#/counter`);
}

/** The first start: the device has no staff, so the first supervisor is created. */
export async function setUpSupervisor(page: Page, lang: Lang): Promise<void> {
  const l = L[lang];
  await page.getByLabel(l.staffNo).fill(SUPERVISOR.id);
  await page.getByLabel(l.name, { exact: true }).fill(SUPERVISOR.name);
  await page.getByLabel(l.newPin).fill(SUPERVISOR.pin);
  await page.getByLabel(l.pinAgain).fill(SUPERVISOR.pin);
  await page.getByRole('button', { name: l.createSupervisor }).click();
  await expect(page.getByRole('button', { name: l.signIn, exact: true })).toBeVisible();
}

export async function signIn(
  page: Page,
  lang: Lang,
  who: { id: string; pin: string },
): Promise<void> {
  const l = L[lang];
  await page.getByLabel(l.staffNo).fill(who.id);
  await page.getByLabel(l.pin, { exact: true }).fill(who.pin);
  await page.getByRole('button', { name: l.signIn, exact: true }).click();
}

/**
 * The console open with the supervisor signed in, the first start skipped: the supervisor is put
 * in the store as the set-up screen leaves it (a PBKDF2 hash of the PIN, at the fewest iterations
 * the store accepts), then signs in with the PIN. For specs about what a signed-in supervisor
 * does; the set-up and sign-in screens themselves are proven in clerk.spec.ts and clerk-staff.
 */
export async function signedInAsSupervisor(page: Page, lang: Lang): Promise<void> {
  const salt = randomBytes(16);
  const iterations = 100_000;
  const hash = pbkdf2Sync(SUPERVISOR.pin, salt, iterations, 32, 'sha256');
  await openConsole(page, lang);
  await putMeta(page, [
    {
      key: `clerk:${SUPERVISOR.id}`,
      value: {
        id: SUPERVISOR.id,
        name: SUPERVISOR.name,
        role: 'supervisor',
        salt: salt.toString('base64url'),
        hash: hash.toString('base64url'),
        iterations,
        failedAttempts: 0,
        lockedUntil: null,
        lock: null,
        createdAt: '2026-11-25T09:00:00+08:00',
        disabled: false,
        mustChangePin: false,
      },
    },
  ]);
  await page.reload();
  await signIn(page, lang, SUPERVISOR);
  await expect(page.getByTestId('signed-in-clerk')).toContainText(SUPERVISOR.id);
}

export async function goTo(page: Page, lang: Lang, screen: keyof (typeof L)['en']['nav']) {
  await page
    .getByRole('navigation')
    .getByRole('button', { name: L[lang].nav[screen], exact: true })
    .click();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

/** Waits for the download a click starts and returns its bytes. */
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readDownload(download);
}

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The text of a PDF through poppler, whitespace removed. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'clerk-pdf-'));
  const file = join(dir, 'file.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
}

/**
 * Marks every event of the device as received by the platform, as a finished sync leaves them;
 * the demo device has no platform to send to.
 */
export async function markAllSynced(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['outbox', 'records'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      outbox.openCursor().onsuccess = (e) => {
        const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        const entry = cursor.value as { seq: number };
        cursor.update({
          ...entry,
          state: 'accepted',
          receipt: {
            receiptNo: `R-${entry.seq}`,
            platformTime: '2026-11-25T18:00:00+08:00',
            token: 'test',
          },
        });
        cursor.continue();
      };
      tx.objectStore('records').openCursor().onsuccess = (e) => {
        const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        cursor.update({ ...(cursor.value as object), synced: 1 });
        cursor.continue();
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/**
 * Locks a staff member out as five wrong PINs would (the lock-out itself, and the same answer for
 * unknown numbers, are proven in test/unit/renderer/clerk/clerks.test.ts): the stored lock is of
 * another run of the program, so its whole 15 minutes are still to run.
 */
export async function lockStaff(page: Page, id: string): Promise<void> {
  await page.evaluate(async (key) => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      const store = tx.objectStore('meta');
      const req = store.get(key);
      req.onsuccess = () => {
        const row = req.result as { key: string; value: Record<string, unknown> } | undefined;
        if (!row) throw new Error(`no ${key}`);
        store.put({
          key,
          value: {
            ...row.value,
            failedAttempts: 0,
            lock: { remainingMs: 15 * 60 * 1000, session: 'an-earlier-run', at: 0 },
          },
        });
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, `clerk:${id}`);
}
