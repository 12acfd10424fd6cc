import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  downloadOf,
  goTo,
  openConsole,
  pdfText,
  setUpSupervisor,
  shot,
  signIn,
  SUPERVISOR,
} from './clerk-helpers';
import { demoFinding } from '../../platform/central';
import { commitAsPerson } from './kiosk-helpers';
import {
  ADMIN_HEADERS,
  PLATFORM,
  enrolAtFirstStart,
  submitEnrolment,
  unusedDemoCode,
} from './platform-helpers';

/**
 * A whole day against the real reference platform (playwright.config.ts starts it on 8787 with
 * the demo key the app ships as trusted): enrol at first start, a record at the kiosk, the clerk
 * syncs at the end of the day, the record shows its receipt and the platform's time, and the day
 * reconciles.
 */

test.describe.configure({ timeout: 300_000 });

test('enrol at first start, sign at the kiosk, sync at the end of the day (zh-CN)', async ({
  page,
}) => {
  // A new device: before any supervisor exists, the first start offers to enrol with a platform.
  await openConsole(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '设置首位负责人' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-0-first-start-zh-CN');
  await page.getByRole('button', { name: '先在平台注册' }).click();

  // Enrolment. A wrong code is refused in words.
  await expect(page.getByRole('heading', { name: '在平台注册本设备' })).toBeVisible();
  await submitEnrolment(page, 'zh-CN', { code: 'NOSUCHCODE01', window: 'A01' });
  await expect(page.getByText('注册码对本大厅无效。')).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-1-enrol-zh-CN');

  await submitEnrolment(page, 'zh-CN', { code: await unusedDemoCode(page), window: 'A01' });

  // Enrolled, the catalogue fetched, the app starts again: the supervisor account is created as before.
  await expect(page.getByRole('heading', { name: '设置首位负责人' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.locator('.demo-badge')).toHaveCount(0);
  await expect(page.getByTestId('sync-status')).toContainText('在线');
  await setUpSupervisor(page, 'zh-CN');

  // A record made at the kiosk of the enrolled device (the platform's catalogue and credit list).
  const code = await commitAsPerson(page, 'zh-CN');
  expect(code).toMatch(/^130102\d+/);

  // End of day: sync now, then the reconciliation adds up.
  await openConsole(page, 'zh-CN');
  await signIn(page, 'zh-CN', SUPERVISOR);
  await expect(page.getByTestId('signed-in-clerk')).toBeVisible();
  await goTo(page, 'zh-CN', 'report');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('同步完成', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveText('待上报的事件：0');
  await expect(page.getByTestId('reconciliation')).toHaveText(
    '账目相符：签署 1 条 = 已接收 1 + 被拒收 0 + 待上报 0。',
  );
  const listed = page.getByTestId('reconciliation-list');
  await expect(listed).toContainText(code);
  await expect(listed).toContainText('已接收');
  await expect(page.getByTestId('sync-status')).toContainText('上次同步');
  await expect(page.getByTestId('sync-status')).toContainText('待上报 0 个');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-2-end-of-day-zh-CN');

  // The record: synced, with the platform's receipt and attested time beside the device's.
  await goTo(page, 'zh-CN', 'records');
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByRole('heading', { name: `记录 ${code}` })).toBeVisible();
  await expect(page.getByTestId('record-synced')).toHaveText('已上报');
  const platformTime = page.getByTestId('record-platform-time');
  await expect(platformTime).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（回执 \S+）$/);
  const history = page.getByTestId('record-history');
  await expect(history).toContainText('已接收 · 回执');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-3-record-zh-CN');

  // A reprinted copy carries the platform's attested time of the signing and its receipt.
  const [, attested, receipt] =
    /^(\S+ \S+)（回执 (\S+)）$/.exec((await platformTime.textContent()) ?? '') ?? [];
  await page.getByRole('button', { name: '补打副本', exact: true }).click();
  await page.getByLabel('补打原因', { exact: true }).fill('申请人遗失纸质承诺书');
  const copy = pdfText(
    await downloadOf(page, () => page.getByRole('button', { name: '打印副本' }).click()),
  );
  expect(copy).toContain(`平台确认时间：${attested ?? '?'}北京时间`.replace(/\s/g, ''));
  expect(copy).toContain(`平台回执编号：${receipt ?? '?'}`);

  // Meanwhile the regulator records a finding at the platform.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const finding = await page.request.post(`${PLATFORM}/admin/central-changes`, {
    headers: ADMIN_HEADERS,
    data: { commitmentCode: code, event: demoFinding('kept', today) },
  });
  expect(finding.ok()).toBe(true);

  // The same end of day in English: the reprint's audit event goes out, the finding comes in,
  // and the day still adds up.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await goTo(page, 'en', 'report');
  await page.getByRole('button', { name: 'Run sync now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('Sync finished', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sync-outcome')).toContainText('1 central changes received');
  await expect(page.getByTestId('reconciliation')).toHaveText(
    'Adds up: 1 made = 1 accepted + 0 refused + 0 waiting.',
  );
  await expect(page.getByTestId('sync-status')).toContainText('0 waiting to send');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-4-end-of-day-en');

  // The pulled finding shows in the record, beside the device's own events.
  await goTo(page, 'en', 'records');
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByTestId('record-fulfilment')).toContainText('Fully kept');
  await expect(page.getByTestId('record-history')).toContainText('Made at the platform');
  await expect(page.getByTestId('record-synced')).toHaveText('Synced');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-5-record-en');

  // What the platform holds: this device's one record.
  const state = (await (
    await page.request.get(`${PLATFORM}/admin/state`, { headers: ADMIN_HEADERS })
  ).json()) as {
    devices: { deviceId: string; events: number }[];
  };
  expect(state.devices.some((d) => d.events >= 1)).toBe(true);
});

test('a finding made at the platform on a record voided here meanwhile: the clerk is told they disagree (en)', async ({
  page,
}) => {
  await enrolAtFirstStart(page, 'A03');
  const code = await commitAsPerson(page, 'en');
  await openConsole(page, 'en');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'report');
  await page.getByRole('button', { name: 'Run sync now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('Sync finished', {
    timeout: 60_000,
  });

  // The supervisor voids the synced record at the counter; before that reaches the platform, the
  // regulator records a finding on it there.
  await goTo(page, 'en', 'records');
  await page.getByRole('button', { name: code }).click();
  await page.getByRole('button', { name: 'Void', exact: true }).click();
  await page.getByLabel('Explanation', { exact: true }).fill('Entered for the wrong applicant');
  await page.getByRole('button', { name: 'Void record' }).click();
  await expect(page.getByText('The record is voided.')).toBeVisible();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const finding = await page.request.post(`${PLATFORM}/admin/central-changes`, {
    headers: ADMIN_HEADERS,
    data: { commitmentCode: code, event: demoFinding('kept', today) },
  });
  expect(finding.ok()).toBe(true);

  await goTo(page, 'en', 'report');
  await page.getByRole('button', { name: 'Run sync now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('1 central changes received', {
    timeout: 60_000,
  });
  await goTo(page, 'en', 'records');
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Voided');
  await expect(page.getByTestId('record-anomalies')).toContainText(
    'The device and the platform disagree',
  );
  await expect(page.getByTestId('record-history')).toContainText('not applied here');
  // And the platform refused the void as not applying to the record it holds.
  await expect(page.getByTestId('record-history')).toContainText(
    'it does not apply to the record as the platform holds it',
  );
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-6-disagreement-en');
});

/** Moves every record's signing day back, as if the retention period had passed since. */
async function ageRecords(page: Page, day: string): Promise<void> {
  await page.evaluate(async (older) => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const all = store.getAll();
      all.onsuccess = () => {
        for (const row of all.result as { day: string }[]) store.put({ ...row, day: older });
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, day);
}

test('a purged record: its letter reprinted from the platform archive, stamped as a copy (en)', async ({
  page,
}) => {
  await enrolAtFirstStart(page, 'A05');
  const code = await commitAsPerson(page, 'en');
  // The applicant prints the letter: the kiosk signs it and keeps it, and the sync archives it.
  await downloadOf(page, () => page.getByRole('button', { name: 'Print the letter' }).click());
  await openConsole(page, 'en');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'report');
  await page.getByRole('button', { name: 'Run sync now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('Sync finished', {
    timeout: 60_000,
  });

  // Past the retention period: the purge takes the record, and the records list no longer has it.
  await ageRecords(page, '2020-01-02');
  await goTo(page, 'en', 'settings');
  await page.getByRole('button', { name: 'Remove expired records now' }).click();
  await expect(page.getByText('Removed: 1')).toBeVisible();

  await page.getByRole('button', { name: 'Verify or reprint a letter' }).click();
  const reprint = page.getByRole('button', { name: 'Fetch and print a copy' });
  await page.getByLabel('Commitment code', { exact: true }).fill('13010220');
  await page.getByLabel('Reason for the reprint', { exact: true }).fill('Lost by the applicant');
  await reprint.click();
  await expect(page.getByText('This is not a valid commitment code')).toBeVisible();
  await page.getByLabel('Commitment code', { exact: true }).fill(code);
  const copy = await downloadOf(page, () => reprint.click());
  await expect(page.getByText(`A copy of letter ${code} was downloaded`)).toBeVisible();
  expect(pdfText(copy)).toContain('副本COPY');
  expect(pdfText(copy)).toContain('补打自平台存档');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-7-archive-reprint-en');
  // That the copy still verifies is proved on the same bytes by
  // test/unit/renderer/services/letter-archive.test.ts.
});

test('a damaged store: the sync names the missing event, the supervisor declares it lost, later events go out (zh-CN, en)', async ({
  page,
}) => {
  // An enrolled device whose events so far are all at the platform.
  await enrolAtFirstStart(page, 'A06');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'report');
  await page.getByRole('button', { name: 'Run sync now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('Sync finished', {
    timeout: 60_000,
  });

  // Two new events (a failed sign-in, then the sign-in), and the first of them removed from the
  // store behind the app's back: the second still links to it.
  await openConsole(page, 'zh-CN');
  await signIn(page, 'zh-CN', { id: SUPERVISOR.id, pin: '000000' });
  await signIn(page, 'zh-CN', SUPERVISOR);
  await expect(page.getByTestId('signed-in-clerk')).toBeVisible();
  const removed = await page.evaluate(async () => {
    const open = indexedDB.open('credit-commitment-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const seq = await new Promise<number>((resolve, reject) => {
      const tx = db.transaction('events', 'readwrite');
      const events = tx.objectStore('events');
      let found = 0;
      events.openCursor().onsuccess = (e) => {
        const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        const row = cursor.value as { seq: number; type: string };
        if (row.type === 'audit.clerk.sign-in-failed') {
          found = row.seq;
          cursor.delete();
        }
        cursor.continue();
      };
      tx.oncomplete = () => resolve(found);
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return seq;
  });
  expect(removed).toBeGreaterThan(0);

  // The sync sends nothing and says why; the settings name the damaged event.
  await goTo(page, 'zh-CN', 'report');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('本机记录链已损坏', {
    timeout: 60_000,
  });
  await goTo(page, 'zh-CN', 'settings');
  const panel = page.getByTestId('declare-loss');
  await expect(panel.getByRole('heading', { name: '受损记录：声明灭失' })).toBeVisible();
  await expect(panel).toContainText(`（第 ${removed} 号）：已从本机存储中缺失`);
  await expect(panel.getByRole('button', { name: '声明灭失' })).toBeDisabled();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-8-declare-loss-zh-CN');

  // In English the same panel; the supervisor confirms and declares, the platform approves.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(panel).toContainText(`(no. ${removed}): it is missing from the store`);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-9-declare-loss-en');
  await panel
    .getByLabel('I have checked the paper records and declare exactly these events lost')
    .check();
  await panel.getByRole('button', { name: 'Declare lost' }).click();
  await expect(panel).toContainText("1 event(s) declared lost with the platform's approval", {
    timeout: 30_000,
  });
  await expect(panel.getByRole('button', { name: 'Declare lost' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-10-declared-lost-en');

  // The next sync sends the later event; the lost one is listed as declared lost, not pending.
  await goTo(page, 'en', 'report');
  await page.getByRole('button', { name: 'Run sync now' }).click();
  await expect(page.getByTestId('sync-outcome')).toContainText('Sync finished', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('pending-count')).toHaveText('Events waiting to send: 0');
  await expect(
    page.getByText('damaged on this device and declared lost by a supervisor'),
  ).toBeVisible();
  // The lost event's sync entry, without its event, is accounted for by the declaration.
  await expect(page.getByTestId('reconciliation')).toHaveText(
    'Adds up: 0 made = 0 accepted + 0 refused + 0 waiting.',
  );
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-sync-11-after-loss-en');
});
