import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  CLERK,
  downloadOf,
  goTo,
  markAllSynced,
  openConsole,
  pdfText,
  setUpSupervisor,
  shot,
  signIn,
  SUPERVISOR,
} from './clerk-helpers';
import {
  commitAsPerson,
  fillPerson,
  PERSON,
  rawStoreText,
  readSignSubmit,
  readWholeLetter,
  toCompanyForm,
} from './kiosk-helpers';

// Records are made through the kiosk first, then worked on at the counter: minutes on a loaded machine.
test.describe.configure({ timeout: 300_000 });

test('a day at the window (zh-CN): sign in, find, void, record findings, objections, repair, reprint, close the day', async ({
  page,
}) => {
  const first = await commitAsPerson(page, 'zh-CN');
  const second = await commitAsPerson(page, 'zh-CN', '130102198502140024');
  // A copy of the disk shows record numbers and states, never a name or an identifier.
  const disk = await rawStoreText(page);
  expect(disk).toContain(first);
  for (const secret of [PERSON.name, PERSON.id, '130102198502140024', PERSON.phone])
    expect(disk).not.toContain(secret);

  await openConsole(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '设置首位负责人' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-1-setup-zh-CN');
  await setUpSupervisor(page, 'zh-CN');

  // A wrong PIN is refused without saying which half was wrong.
  await signIn(page, 'zh-CN', { id: SUPERVISOR.id, pin: '000001' });
  await expect(page.getByText('工号或密码不正确。')).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-2-sign-in-zh-CN');
  await signIn(page, 'zh-CN', SUPERVISOR);
  await expect(page.getByTestId('signed-in-clerk')).toContainText('王负责（S001）');

  // The day's list, then a search by the start of the record number.
  await expect(page.getByText('第 1 至 2 条')).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-3-records-zh-CN');
  await page.getByLabel('名称、证件号码或记录编号', { exact: true }).fill(first);
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await expect(page.getByText('第 1 至 1 条')).toBeVisible();
  await page.getByRole('button', { name: first }).click();

  await expect(page.getByRole('heading', { name: `记录 ${first}` })).toBeVisible();
  await expect(page.getByTestId('record-identifier')).toHaveText(PERSON.id);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-4-detail-zh-CN');

  // Void with a reason.
  await page.getByRole('button', { name: '作废', exact: true }).click();
  await page.getByLabel('原因', { exact: true }).selectOption('entered-in-error');
  await page.getByLabel('情况说明', { exact: true }).fill('经办人证件号码录入错误');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '作废记录' }).click();
  await expect(page.getByText('记录已作废。')).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: '已作废' }).first()).toBeVisible();
  // A voided record offers no second void: only the actions its lifecycle allows are shown.
  await expect(page.getByRole('button', { name: '作废', exact: true })).toHaveCount(0);

  // The second record: a false commitment with the permit revoked, then an objection and a repair.
  await page.getByRole('button', { name: '返回列表' }).click();
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByRole('button', { name: second }).click();
  await page.getByRole('button', { name: '履约情况', exact: true }).click();
  await page.getByLabel('核查结果', { exact: true }).selectOption('false-commitment');
  await page.getByLabel('未履约的内容', { exact: true }).fill('承诺已具备的教学经历与实际不符');
  await page.getByLabel('已撤销许可', { exact: true }).check();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-5-fulfilment-zh-CN');
  await page.getByRole('button', { name: '保存核查结果' }).click();
  await expect(page.getByText('核查结果已记录。')).toBeVisible();
  // The history says what was not kept and what followed, not only the verdict.
  await expect(page.getByTestId('record-history')).toContainText(
    '承诺已具备的教学经历与实际不符 · 已撤销许可',
  );

  await page.getByRole('button', { name: '提出异议', exact: true }).click();
  await page.getByLabel('异议对象', { exact: true }).selectOption('fulfilment');
  await page.getByLabel('异议理由', { exact: true }).fill('当事人提交了新的教学经历证明');
  await page.getByRole('button', { name: '登记异议' }).click();
  await expect(page.getByText('异议已登记。')).toBeVisible();
  await expect(page.getByText(/异议处理中/).first()).toBeVisible();
  // While the objection is pending, no repair is offered.
  await expect(page.getByRole('button', { name: '信用修复', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: '异议处理', exact: true }).click();
  await page.getByLabel('处理结果', { exact: true }).selectOption('kept');
  await page.getByRole('button', { name: '保存处理结果' }).click();
  await expect(page.getByText('异议处理结果已记录。')).toBeVisible();

  await page.getByRole('button', { name: '信用修复', exact: true }).click();
  await page.getByRole('button', { name: '开始修复' }).click();
  await expect(page.getByText('修复情况已记录。')).toBeVisible();
  await expect(page.locator('dd').filter({ hasText: '信用修复中' }).first()).toBeVisible();

  // A reprint is a copy, marked on the page, and leaves a trace.
  await page.getByRole('button', { name: '补打副本', exact: true }).click();
  await page.getByLabel('补打原因', { exact: true }).fill('申请人遗失纸质承诺书');
  const copy = await downloadOf(page, () => page.getByRole('button', { name: '打印副本' }).click());
  const copyText = pdfText(copy);
  expect(copyText).toContain('副本');
  expect(copyText).toContain(second);
  await expect(page.getByRole('table').last()).toContainText('记录履约情况');
  // The reprint is in the record's history, with its reason.
  await expect(page.getByTestId('record-history')).toContainText('补打承诺书');
  await expect(page.getByTestId('record-history')).toContainText('申请人遗失纸质承诺书');

  // End of day: the report adds up, and is saved as CSV and PDF.
  await goTo(page, 'zh-CN', 'report');
  await expect(page.getByText(/账目相符/)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-6-report-zh-CN');
  const csv = (
    await downloadOf(page, () => page.getByRole('button', { name: '保存 CSV' }).click())
  ).toString('utf8');
  // One table: the header row, then a record a line, its number as plain text first; a person's
  // name is masked on the export (§7).
  expect(csv.startsWith('\uFEFF记录编号,签署时间,')).toBe(true);
  expect(csv).toContain(`\r\n${first},`);
  expect(csv).not.toContain('="');
  expect(csv).toContain(second);
  expect(csv).not.toContain(PERSON.name);
  expect(csv).toContain('张*');
  const xlsx = await downloadOf(page, () =>
    page.getByRole('button', { name: '保存 Excel（XLSX）' }).click(),
  );
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  const reportBytes = await downloadOf(page, () =>
    page.getByRole('button', { name: '保存 PDF' }).click(),
  );
  mkdirSync('test-results/pdf', { recursive: true });
  writeFileSync('test-results/pdf/daily-report-zh-CN.pdf', reportBytes);
  const reportPdf = pdfText(reportBytes);
  expect(reportPdf).toContain(second);
  expect(reportPdf).not.toContain(PERSON.name);
  // Printing from a browser hands the PDF over; the clerk is told so, not that it printed.
  await downloadOf(page, () => page.getByRole('button', { name: '打印报表' }).click());
  await expect(page.getByText('报表 PDF 已下载，请打开后打印。')).toBeVisible();

  // The public sees the person's name and number masked.
  await goTo(page, 'zh-CN', 'publicQuery');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-7-public-query-zh-CN');

  // Every action above is in the signed audit log, the failed sign-in first.
  await goTo(page, 'zh-CN', 'audit');
  await expect(page.getByRole('cell', { name: '登录失败' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '补打承诺书' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: /^日终报表（CSV，\d+ 条）$/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-8-audit-zh-CN');

  // The supervisor adds a clerk.
  await goTo(page, 'zh-CN', 'staff');
  await page.getByLabel('工号', { exact: true }).fill(CLERK.id);
  await page.getByLabel('姓名', { exact: true }).fill(CLERK.name);
  await page.getByLabel('新密码', { exact: true }).fill(CLERK.pin);
  await page.getByLabel('再次输入密码', { exact: true }).fill(CLERK.pin);
  await page.getByRole('button', { name: '添加工作人员' }).click();
  await expect(
    page.getByTestId('staff-table').getByRole('row').filter({ hasText: CLERK.id }),
  ).toContainText(CLERK.name);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-9-settings-zh-CN');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await markAllSynced(page);
});

test('refusals (English): a clerk without rights, a synced void needing a supervisor, lock-out after wrong PINs', async ({
  page,
}) => {
  const code = await commitAsPerson(page, 'en');
  await openConsole(page, 'en');
  await setUpSupervisor(page, 'en');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'staff');
  await page.getByLabel('Staff number', { exact: true }).fill(CLERK.id);
  await page.getByLabel('Name', { exact: true }).fill(CLERK.name);
  // A PIN anyone would try first is refused.
  await page.getByLabel('New PIN', { exact: true }).fill('123456');
  await page.getByLabel('PIN again', { exact: true }).fill('123456');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(
    page.getByText('This PIN is too easy to guess; please choose another.'),
  ).toBeVisible();
  await page.getByLabel('New PIN', { exact: true }).fill(CLERK.pin);
  await page.getByLabel('PIN again', { exact: true }).fill(CLERK.pin);
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(
    page.getByTestId('staff-table').getByRole('row').filter({ hasText: CLERK.id }),
  ).toContainText(CLERK.name);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-settings-en');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The platform now holds the record.
  await markAllSynced(page);
  await signIn(page, 'en', CLERK);
  await expect(page.getByTestId('signed-in-clerk')).toContainText('Clerk');
  await goTo(page, 'en', 'settings');
  await expect(
    page.getByText('Only a supervisor can change settings. Please ask your supervisor.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await goTo(page, 'en', 'records');
  await expect(page.getByRole('row').filter({ hasText: code })).toContainText('Synced');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-records-en');
  await page.getByRole('button', { name: code }).click();
  await page.getByRole('button', { name: 'Void', exact: true }).click();
  await expect(
    page.getByText('This record has reached the platform: a supervisor must approve the void'),
  ).toBeVisible();
  await page.getByLabel('Explanation', { exact: true }).fill('Applicant withdrew at the counter');
  await page.getByLabel('Reason', { exact: true }).selectOption('applicant-withdrew');
  await page.getByLabel("Supervisor's staff number", { exact: true }).fill(SUPERVISOR.id);
  await page.getByLabel("Supervisor's PIN", { exact: true }).fill('000001');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-void-approval-en');
  await page.getByRole('button', { name: 'Void record' }).click();
  await expect(
    page.getByText("The supervisor's staff number or PIN is wrong, or the account is locked."),
  ).toBeVisible();
  await page.getByLabel("Supervisor's PIN", { exact: true }).fill(SUPERVISOR.pin);
  await page.getByRole('button', { name: 'Void record' }).click();
  await expect(page.getByText('The record is voided.')).toBeVisible();
  await expect(page.getByText(`approved by ${SUPERVISOR.id}`)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-detail-voided-en');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Five wrong PINs lock the account; then even the right PIN is refused.
  for (let i = 0; i < 4; i += 1) {
    await signIn(page, 'en', { id: CLERK.id, pin: '000001' });
    await expect(page.getByText('Staff number or PIN is wrong.')).toBeVisible();
  }
  await signIn(page, 'en', { id: CLERK.id, pin: '000001' });
  await expect(page.getByText(/Too many wrong PINs: this account is locked/)).toBeVisible();
  await signIn(page, 'en', CLERK);
  await expect(page.getByText(/Too many wrong PINs: this account is locked/)).toBeVisible();
  await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-locked-out-en');
});

test('assisted at the counter (English): the clerk runs the steps, the applicant types a name the clerk witnesses', async ({
  page,
}) => {
  await openConsole(page, 'en');
  await setUpSupervisor(page, 'en');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'assisted');
  await expect(page.getByText(/Clerk S001 runs the steps for the applicant/)).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: /Yourself/ }).click();
  await page.getByRole('button', { name: /Teacher qualification/i }).click();
  await fillPerson(page, 'en');
  await page.getByRole('button', { name: 'Continue' }).click();
  await readWholeLetter(page, 'I have read and confirm');
  await page.getByRole('button', { name: 'Go to signing' }).click();
  await page.getByRole('button', { name: 'I cannot sign by hand' }).click();
  await page.getByLabel('Your name', { exact: true }).fill(PERSON.name);
  await page.getByLabel('Clerk staff number', { exact: true }).fill(SUPERVISOR.id);
  await page.getByLabel('Clerk PIN', { exact: true }).fill('000001');
  await page.getByRole('button', { name: 'Witness and confirm' }).click();
  await expect(page.getByText('Wrong staff number or PIN')).toBeVisible();
  await page.getByLabel('Clerk PIN', { exact: true }).fill(SUPERVISOR.pin);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-assisted-witness-en');
  await page.getByRole('button', { name: 'Witness and confirm' }).click();
  await page.getByRole('button', { name: 'Submit commitment' }).click();
  const code = ((await page.getByTestId('commitment-code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^\d{20}$/);

  await goTo(page, 'en', 'records');
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByText('Typed name, witnessed by clerk S001')).toBeVisible();
  await expect(page.getByText(/assisted by clerk S001/)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-assisted-detail-en');

  // The printed letter carries the typed name and its witness where a drawn signature would be.
  await page.getByRole('button', { name: 'Reprint copy', exact: true }).click();
  await page
    .getByLabel('Reason for the reprint', { exact: true })
    .fill('The applicant asked for a second copy');
  const letter = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Print copy', exact: true }).click(),
  );
  mkdirSync('test-results/pdf', { recursive: true });
  writeFileSync('test-results/pdf/letter-typed-name-en.pdf', letter);
  // The copy's diagonal "COPY" letters fall among the lines as pdftotext reads them: drop them.
  expect(pdfText(letter).replace(/[COPY]/g, '')).toContain(
    `${PERSON.name}Signedbyconfirmingatypedname,witnessedbyclerk${SUPERVISOR.id}`.replace(
      /[COPY]/g,
      '',
    ),
  );

  // Leaving demo mode removes the demo records (never sent) and keeps the staff.
  await goTo(page, 'en', 'settings');
  const leave = page.getByRole('button', { name: 'Leave demo mode and restart' });
  await expect(leave).toBeDisabled();
  await page.getByLabel('I confirm that every demo record is removed').check();
  await expectNoAxeViolations(page);
  await leave.click();
  await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  await signIn(page, 'en', SUPERVISOR);
  await expect(page.getByText('No records match.')).toBeVisible();
});

test('a credit code that fails only its organisation-code check reaches the clerk flagged (zh-CN)', async ({
  page,
}) => {
  await openConsole(page, 'zh-CN');
  await setUpSupervisor(page, 'zh-CN');

  // At the kiosk: the code passes its overall check digit but not the organisation-code one.
  await toCompanyForm(page, { uscc: '91130100MA0111111A' });
  await expect(page.getByText(/组织机构代码部分校验未通过/)).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();
  const code = await readSignSubmit(page, 'zh-CN');

  // At the counter: the flag the applicant was promised a clerk would review; the phone masked.
  await openConsole(page, 'zh-CN');
  await signIn(page, 'zh-CN', SUPERVISOR);
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByTestId('record-identifier-warning')).toContainText(
    '组织机构代码校验未通过',
  );
  // The summary masks it; the letter as signed, opened on purpose, shows what was signed.
  const summary = page.locator('.detail-summary');
  await expect(summary).toContainText('138****5678');
  await expect(summary).not.toContainText(PERSON.phone);
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-identifier-warning-zh-CN');
});
