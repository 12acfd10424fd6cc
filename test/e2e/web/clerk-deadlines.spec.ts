import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { goTo, openConsole, setUpSupervisor, shot, signIn, SUPERVISOR } from './clerk-helpers';
import { readSignSubmit, toCompanyForm } from './kiosk-helpers';

test.describe.configure({ timeout: 300_000 });

/** The hall's clock at 09:00 on a day: the test moves it, the app reads it through Date. */
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);

async function dueRows(page: Page) {
  return page.locator('table.data-table tbody tr');
}

/**
 * Monday 7 December 2026: a company signs for the construction permit (07-001, 容缺受理) at the
 * kiosk, and the supervisor signs in at the console. Returns the record's commitment code.
 */
async function signPermitThenSignIn(page: Page, lang: 'zh-CN' | 'en'): Promise<string> {
  await page.clock.install({ time: at('2026-12-07') });
  await toCompanyForm(page, undefined, /建筑工程施工许可（容缺受理）/);
  await page.getByRole('button', { name: '下一步' }).click();
  const code = await readSignSubmit(page, 'zh-CN');
  // The receipt names what is owed and by when, the time limit as the catalogue counts it.
  await expect(page.getByTestId('receipt-materials')).toContainText(
    '建设资金已经落实的证明：2026-12-22前补交（15日内）',
  );
  await openConsole(page, lang);
  await setUpSupervisor(page, lang);
  await signIn(page, lang, SUPERVISOR);
  return code;
}

/**
 * Days later, at 09:00: the idle sign-out has long ended yesterday's session (racing it made the
 * test flaky), so the supervisor opens the console afresh and signs in.
 */
async function nextMorning(page: Page, day: string): Promise<void> {
  await page.clock.setSystemTime(at(day));
  await page.reload();
  await signIn(page, 'zh-CN', SUPERVISOR);
}

test('deadlines (zh-CN): a 容缺受理 record owes its materials and its check; each is due, then overdue, and leaves the list once settled', async ({
  page,
}) => {
  // The construction permit takes two materials later, within 15 and 30 calendar days, and the
  // department checks within 30 days.
  const code = await signPermitThenSignIn(page, 'zh-CN');
  await expect(page.getByTestId('overdue-notice')).toHaveCount(0);
  await goTo(page, 'zh-CN', 'due');
  await page.getByTestId('due-view-week').click();
  await expect(page.getByText('七日内没有到期事项。')).toBeVisible();

  // 22 December: the proof of funds is due today, by the housing bureau.
  await nextMorning(page, '2026-12-22');
  await goTo(page, 'zh-CN', 'due');
  await page.getByTestId('due-view-today').click();
  await expect(await dueRows(page)).toHaveCount(1);
  await expect(page.locator('table caption')).toHaveText('长安区住房和城乡建设局');
  await expect(await dueRows(page)).toContainText('补交材料：建设资金已经落实的证明');
  await expect(await dueRows(page)).toContainText('今天到期');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-due-today-zh-CN');

  // 23 December: overdue, and said at sign-in.
  await nextMorning(page, '2026-12-23');
  await expect(page.getByTestId('overdue-notice')).toContainText('有 1 项期限已过');
  await page.getByTestId('overdue-notice').getByRole('button').click();
  await expect(await dueRows(page)).toHaveCount(1);
  await expect(await dueRows(page)).toContainText('已逾期 1 天');

  // The clerk records the material as received: it leaves the list and the notice.
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByTestId('record-materials')).toContainText('2026-12-22 已逾期');
  await page.getByRole('button', { name: '收到容缺材料', exact: true }).click();
  await page.getByLabel('材料', { exact: true }).selectOption('funds-proof');
  await page.getByRole('button', { name: '登记收到' }).click();
  await expect(page.getByText('已登记收到材料。')).toBeVisible();
  await expect(page.getByTestId('record-materials')).toContainText('2026-12-23 收到（S001）');
  await expect(page.getByTestId('record-history')).toContainText('收到容缺材料');
  await page.getByRole('button', { name: '返回列表' }).first().click();
  await expect(page.getByText('没有逾期事项。')).toBeVisible();
  await expect(page.getByTestId('overdue-notice')).toHaveCount(0);

  // 7 January 2027: the other material and the check are both overdue; a finding closes the check.
  await nextMorning(page, '2027-01-07');
  await goTo(page, 'zh-CN', 'due');
  await expect(await dueRows(page)).toHaveCount(2);
  await expect(page.locator('table.data-table')).toContainText('核查承诺履行情况');
  await page.getByRole('button', { name: code }).first().click();
  await page.getByRole('button', { name: '履约情况', exact: true }).click();
  await page.getByRole('button', { name: '保存核查结果' }).click();
  await expect(page.getByTestId('record-check-deadline')).toContainText('已记录核查结果');
  await page.getByRole('button', { name: '返回列表' }).first().click();
  await expect(await dueRows(page)).toHaveCount(1);
  await expect(page.locator('table.data-table')).toContainText('施工图设计文件审查合格书');
  await expect(page.locator('table.data-table')).not.toContainText('核查承诺履行情况');
});

test('the approval case (English): linked at the counter, shown on the record, found by search', async ({
  page,
}) => {
  const code = await signPermitThenSignIn(page, 'en');
  await page.getByRole('button', { name: code }).click();
  await page.getByRole('button', { name: 'Link case', exact: true }).click();
  await page.getByLabel('Case number').fill('SJZ 2026/0001');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByText(/A case number has only letters, digits and hyphens/)).toBeVisible();
  await page.getByLabel('Case number').fill('SJZ-2026-000123');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByText('The case is linked.')).toBeVisible();
  await expect(page.getByTestId('record-case')).toHaveText('SJZ-2026-000123');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-record-case-en');

  await page.getByRole('button', { name: 'Back to the list' }).first().click();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('searchbox').fill('sjz-2026-0001');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.locator('table.data-table tbody tr')).toHaveCount(1);
  await expect(page.locator('table.data-table tbody tr')).toContainText(code);
});
