import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  CLERK,
  downloadOf,
  goTo,
  lockStaff,
  openConsole,
  setUpSupervisor,
  shot,
  signedInAsSupervisor,
  signIn as typeSignIn,
  SUPERVISOR,
  type Lang,
} from './clerk-helpers';
import { commitAsPerson } from './kiosk-helpers';

/** Signs in and waits for the check to finish, so the next attempt's typing is not cleared. */
async function signIn(page: Page, lang: Lang, who: { id: string; pin: string }) {
  await typeSignIn(page, lang, who);
  await expect(
    page.getByRole('button', { name: lang === 'en' ? 'Checking…' : '正在核验…' }),
  ).toHaveCount(0);
}

const LEAVER = { id: 'C003', name: '赵离职', pin: '864209' };
const ONE_TIME = '610483';
const OWN_NEW = '958207';

async function addStaff(page: Page, who: { id: string; name: string; pin: string }) {
  await page.getByLabel('Staff number', { exact: true }).fill(who.id);
  await page.getByLabel('Name', { exact: true }).fill(who.name);
  await page.getByLabel('New PIN', { exact: true }).fill(who.pin);
  await page.getByLabel('PIN again', { exact: true }).fill(who.pin);
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staffRow(page, who.id)).toContainText(who.name);
}

const staffRow = (page: Page, id: string) =>
  page.getByTestId('staff-table').locator(`tr[data-staff="${id}"]`);

async function signOut(page: Page, lang: Lang = 'en') {
  await page.getByRole('button', { name: lang === 'en' ? 'Sign out' : '退出登录' }).click();
}

/** Sets the audit log's filters and applies them; '' leaves a filter open. */
async function filterAudit(
  page: Page,
  f: { day?: string; staff?: string; kind?: string; record?: string },
) {
  if (f.day !== undefined) await page.getByLabel('Date', { exact: true }).fill(f.day);
  await page.getByRole('combobox', { name: 'Staff', exact: true }).selectOption(f.staff ?? '');
  await page.getByRole('combobox', { name: 'Kind', exact: true }).selectOption(f.kind ?? '');
  await page.getByLabel('Record number', { exact: true }).fill(f.record ?? '');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
}

const typesShown = (page: Page) =>
  page
    .getByTestId('audit-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));

test('a supervisor unlocks, resets a PIN, disables a leaver; each is in the audit log, filtered (English)', async ({
  page,
}) => {
  await openConsole(page, 'en');
  await setUpSupervisor(page, 'en');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'staff');
  await addStaff(page, CLERK);
  await addStaff(page, LEAVER);
  // Staff numbers are one whatever the case: c002 is C002.
  await page.getByLabel('Staff number', { exact: true }).fill('c002');
  await page.getByLabel('Name', { exact: true }).fill('重复');
  await page.getByLabel('New PIN', { exact: true }).fill(CLERK.pin);
  await page.getByLabel('PIN again', { exact: true }).fill(CLERK.pin);
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByText('A staff member with this number already exists.')).toBeVisible();
  await signOut(page);

  // C002 is locked out (as five wrong PINs leave it): even the right PIN is refused.
  await lockStaff(page, CLERK.id);
  await signIn(page, 'en', CLERK);
  await expect(page.getByText(/Too many wrong PINs: this account is locked/)).toBeVisible();

  // The supervisor sees the lock, unlocks C002, resets its PIN, and disables the leaver.
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'staff');
  await expect(staffRow(page, CLERK.id)).toContainText('Locked');
  await page.getByRole('button', { name: `Unlock ${CLERK.id}` }).click();
  await expect(page.getByText(`${CLERK.id} is unlocked.`)).toBeVisible();
  await expect(staffRow(page, CLERK.id)).toContainText('Active');

  await page.getByRole('button', { name: `Reset PIN ${CLERK.id}` }).click();
  const reset = page.locator('form.staff-reset');
  await reset.getByLabel('One-time PIN', { exact: true }).fill(ONE_TIME);
  await reset.getByLabel('PIN again', { exact: true }).fill(ONE_TIME);
  await page.getByRole('button', { name: 'Reset PIN', exact: true }).click();
  await expect(page.getByText(/The PIN of C002 is reset/)).toBeVisible();
  await expect(staffRow(page, CLERK.id)).toContainText('Must set a new PIN');

  await page.getByRole('button', { name: `Disable ${LEAVER.id}` }).click();
  await expect(page.getByText(/Disable C003\? They can no longer sign in/)).toBeVisible();
  await page.getByRole('button', { name: 'Disable account' }).click();
  await expect(staffRow(page, LEAVER.id)).toContainText('Disabled');
  await expectNoAxeViolations(page);
  await shot(page, 'staff-en');
  await signOut(page);

  // The leaver cannot sign in; C002 signs in (in lower case) with the one-time PIN and must
  // choose their own before the console opens.
  await signIn(page, 'en', LEAVER);
  await expect(page.getByText('This account is disabled and cannot sign in.')).toBeVisible();
  await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);
  await signIn(page, 'en', { id: 'c002', pin: ONE_TIME });
  await expect(page.getByRole('heading', { name: 'Choose a new PIN' })).toBeVisible();
  await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);
  await page.getByLabel('New PIN', { exact: true }).fill(OWN_NEW);
  await page.getByLabel('PIN again', { exact: true }).fill(OWN_NEW);
  await expectNoAxeViolations(page);
  await shot(page, 'staff-new-pin-en');
  await page.getByRole('button', { name: 'Save PIN and sign in' }).click();
  await expect(page.getByTestId('signed-in-clerk')).toContainText('C002');
  await signOut(page);

  // Each change is in the audit log: by kind, by the staff member concerned, by day.
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'audit');
  await filterAudit(page, { kind: 'staff' });
  await expect
    .poll(async () => (await typesShown(page)).sort())
    .toEqual(
      [
        'audit.clerk.added',
        'audit.clerk.added',
        'audit.clerk.added',
        'audit.clerk.unlocked',
        'audit.clerk.pin-reset',
        'audit.clerk.disabled',
        'audit.clerk.pin-changed',
      ].sort(),
    );
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tr[data-type="audit.clerk.unlocked"]')).toContainText(
    'Account unlocked',
  );
  await expect(table.locator('tr[data-type="audit.clerk.disabled"]')).toContainText(
    'Staff number C003',
  );
  // No raw JSON anywhere.
  await expect(table).not.toContainText('{');
  await filterAudit(page, { staff: LEAVER.id });
  await expect
    .poll(() => typesShown(page))
    .toEqual(['audit.clerk.sign-in-failed', 'audit.clerk.disabled', 'audit.clerk.added']);
  await expect(table.locator('tr').nth(1)).toContainText('C003 · account disabled');
  await filterAudit(page, { day: '2020-01-01' });
  await expect(page.getByText('No entries match.')).toBeVisible();
  await filterAudit(page, { day: '' });
  // Numbered by the chain, newest first, without a gap (read once the whole log is back).
  const firstColumn = async () =>
    (await table.locator('tbody tr td:first-child').allTextContents()).map(Number);
  await expect.poll(async () => (await firstColumn()).at(-1)).toBe(1);
  const numbers = await firstColumn();
  expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] ?? 0) - i));
  expect(numbers.at(-1)).toBe(1);
  await expectNoAxeViolations(page);
  await shot(page, 'audit-en');
});

test('every record action of the day appears once in the audit log (zh-CN)', async ({ page }) => {
  const voided = await commitAsPerson(page, 'zh-CN');
  const worked = await commitAsPerson(page, 'zh-CN', '130102198502140024');
  await openConsole(page, 'zh-CN');
  await setUpSupervisor(page, 'zh-CN');
  await signIn(page, 'zh-CN', SUPERVISOR);

  const open = async (code: string) => {
    await page.getByLabel('名称、证件号码或记录编号', { exact: true }).fill(code);
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.getByRole('button', { name: code }).click();
  };
  const action = (name: string) =>
    page.getByRole('group', { name: '办理' }).getByRole('button', { name, exact: true });

  await open(voided);
  await action('作废').click();
  await page.getByLabel('原因', { exact: true }).selectOption('entered-in-error');
  await page.getByLabel('情况说明', { exact: true }).fill('录入错误');
  await page.getByRole('button', { name: '作废记录' }).click();
  await expect(page.getByText('记录已作废。')).toBeVisible();
  await page.getByRole('button', { name: '返回列表' }).click();

  await open(worked);
  await action('履约情况').click();
  await page.getByLabel('核查结果', { exact: true }).selectOption('false-commitment');
  await page.getByLabel('未履约的内容', { exact: true }).fill('承诺的教学经历与实际不符');
  await page.getByRole('button', { name: '保存核查结果' }).click();
  await expect(page.getByText('核查结果已记录。')).toBeVisible();
  await action('提出异议').click();
  await page.getByLabel('异议对象', { exact: true }).selectOption('fulfilment');
  await page.getByLabel('异议理由', { exact: true }).fill('当事人提交了新的证明');
  await page.getByRole('button', { name: '登记异议' }).click();
  await expect(page.getByText('异议已登记。')).toBeVisible();
  await action('异议处理').click();
  await page.getByLabel('处理结果', { exact: true }).selectOption('kept');
  await page.getByRole('button', { name: '保存处理结果' }).click();
  await expect(page.getByText('异议处理结果已记录。')).toBeVisible();
  await action('信用修复').click();
  await page.getByRole('button', { name: '开始修复' }).click();
  await expect(page.getByText('修复情况已记录。')).toBeVisible();
  await action('补打副本').click();
  await page.getByLabel('补打原因', { exact: true }).fill('申请人遗失');
  await downloadOf(page, () => page.getByRole('button', { name: '打印副本' }).click());
  await expect(page.getByTestId('record-history')).toContainText('申请人遗失');

  await goTo(page, 'zh-CN', 'audit');
  await page.getByRole('combobox', { name: '类别', exact: true }).selectOption('record');
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await expect
    .poll(async () => (await typesShown(page)).sort())
    .toEqual(
      [
        'record.signed',
        'record.signed',
        'record.voided',
        'fulfilment.recorded',
        'objection.filed',
        'objection.resolved',
        'repair.started',
        'audit.record.reprinted',
      ].sort(),
    );
  // One record's story, by its number.
  await page.getByLabel('记录编号', { exact: true }).fill(worked.slice(-6));
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await expect(page.getByTestId('audit-table').locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('audit-table')).toContainText('承诺的教学经历与实际不符');
  await page.getByLabel('记录编号', { exact: true }).fill('');
  await page.getByRole('combobox', { name: '类别', exact: true }).selectOption('');
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await expectNoAxeViolations(page);
  await shot(page, 'audit-zh-CN');

  // The day's tally counts the supervisor's work.
  await goTo(page, 'zh-CN', 'staff');
  const tally = page.getByTestId('staff-tally').locator('tbody tr').filter({ hasText: 'S001' });
  await expect(tally).toContainText('王负责');
  await expect(tally.locator('td')).toHaveText([
    'S001',
    '王负责',
    '1',
    '0',
    '1',
    '1',
    '2',
    '1',
    '1',
    '0',
  ]);
  await expectNoAxeViolations(page);
  await shot(page, 'staff-zh-CN');

  // The CSV holds the same lines, in words.
  await goTo(page, 'zh-CN', 'audit');
  const csv = (
    await downloadOf(page, () => page.getByRole('button', { name: '导出 CSV' }).click())
  ).toString('utf8');
  expect(csv).toContain('作废');
  expect(csv).not.toContain('{"');
});

test('file pickers speak the console language: the chosen name shows, a bad file is refused in words (zh-CN, English)', async ({
  page,
}) => {
  await signedInAsSupervisor(page, 'zh-CN');
  await goTo(page, 'zh-CN', 'settings');
  const catalogue = page
    .locator('.console-card')
    .filter({ has: page.getByRole('heading', { name: '事项清单和失信名单' }) });
  const version = catalogue.locator('dd').first();
  await expect(version).toContainText(/第 \d+ 版/);
  const before = await version.textContent();
  await expect(page.getByTestId('catalogue-file-name')).toHaveText('未选择文件');

  // The translated button opens the system's file dialog; the file chosen there is named.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    catalogue.getByRole('button', { name: '选择文件…' }).click(),
  ]);
  await chooser.setFiles({ name: '清单.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(page.getByTestId('catalogue-file-name')).toHaveText('清单.txt');
  await expect(page.getByText('该文件不是事项清单文件。')).toBeVisible();
  // Nothing stored is lost: the catalogue in use is still the one shown before.
  await expect(version).toHaveText(before ?? '');
  await shot(page, 'file-picker-zh-CN');

  // In English, on the letter verifier: a file that is not a PDF.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page
    .getByRole('navigation')
    .getByRole('button', { name: 'Verify or reprint a letter' })
    .click();
  await expect(page.getByTestId('verify-file-name')).toHaveText('No file chosen');
  const [pdfChooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Choose file…' }).click(),
  ]);
  await pdfChooser.setFiles({
    name: 'letter.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not a pdf'),
  });
  await expect(page.getByTestId('verify-file-name')).toHaveText('letter.pdf');
  await expect(page.getByText('The file is not a PDF and cannot be checked.')).toBeVisible();
  // One audit, here: the settings screen is audited in both languages in fields.spec.ts.
  await expectNoAxeViolations(page);
  await shot(page, 'file-picker-en');
});
