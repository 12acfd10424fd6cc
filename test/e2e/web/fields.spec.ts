import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  goTo,
  openConsole,
  setUpSupervisor,
  shot,
  signIn,
  SUPERVISOR,
  type Lang,
} from './clerk-helpers';
import { commitAsPerson, toCompanyForm, toEntityAsPerson } from './kiosk-helpers';

// A record is made at the kiosk first, then every console form gets hostile input.
test.describe.configure({ timeout: 300_000 });

const RLO = '\u202e';
const ZWSP = '\u200b';

/** The words of the field-level errors, as the clerk and the applicant read them. */
const W = {
  'zh-CN': {
    bidi: '含有会颠倒文字方向的控制字符（U+202E）',
    invisible: '含有看不见的字符（U+200B',
    markup: '名称中不能含有“<”或“>”',
    beforeSigning: '不能早于承诺签署日',
    range: '须在 15 至 1800 之间',
    url: '请输入以 http:// 或 https:// 开头的地址',
    notSaved: '未保存，请修改标出的',
    name: '姓名',
    staffNo: '工号',
    newPin: '新密码',
    pinAgain: '再次输入密码',
    create: '创建负责人',
    actions: { void: '作废', fulfilment: '履约情况', objection: '提出异议', reprint: '补打副本' },
    voidText: '情况说明',
    voidSubmit: '作废记录',
    findingStatus: '核查结果',
    notKept: '未履约的内容',
    findingDate: '认定日期',
    organName: '机关名称',
    findingSubmit: '保存核查结果',
    grounds: '异议理由',
    objectionSubmit: '登记异议',
    reprintReason: '补打原因',
    reprintSubmit: '打印副本',
    tooShort: '至少需要 2 个字',
    window: '窗口',
    platform: '平台地址',
    warn: '自助终端无操作提醒（秒）',
    save: '保存设置',
  },
  en: {
    bidi: 'Contains a character that reverses text direction (U+202E)',
    invisible: 'Contains an invisible character (U+200B',
    markup: 'A name cannot contain "<" or ">"',
    beforeSigning: 'Cannot be before the commitment was signed',
    range: 'Must be between 15 and 1800',
    url: 'Enter an address starting with http:// or https://',
    notSaved: 'Not saved: please correct the',
    name: 'Name',
    staffNo: 'Staff number',
    newPin: 'New PIN',
    pinAgain: 'PIN again',
    create: 'Create supervisor',
    actions: {
      void: 'Void',
      fulfilment: 'Fulfilment',
      objection: 'File objection',
      reprint: 'Reprint copy',
    },
    voidText: 'Explanation',
    voidSubmit: 'Void record',
    findingStatus: 'Finding',
    notKept: 'What was not kept',
    findingDate: 'Date of the finding',
    organName: 'Organ name',
    findingSubmit: 'Record finding',
    grounds: 'Grounds',
    objectionSubmit: 'File objection',
    reprintReason: 'Reason for the reprint',
    reprintSubmit: 'Print copy',
    tooShort: 'At least 2 characters',
    window: 'Window',
    platform: 'Platform address',
    warn: 'Kiosk idle warning after (seconds)',
    save: 'Save settings',
  },
} as const;

/** The field is marked invalid and its own described-by message says `words`. */
async function expectFieldError(field: Locator, words: string): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(escape(words)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function toRecordAsSupervisor(page: Page, lang: Lang): Promise<string> {
  const code = await commitAsPerson(page, lang);
  await openConsole(page, lang);
  const w = W[lang];
  // The first supervisor: a reversing character and markup in the name are refused, by name.
  await page.getByLabel(w.staffNo).fill(SUPERVISOR.id);
  const name = page.getByLabel(w.name, { exact: true });
  await name.fill(`王${RLO}负责`);
  await page.getByLabel(w.newPin).fill(SUPERVISOR.pin);
  await page.getByLabel(w.pinAgain).fill(SUPERVISOR.pin);
  await page.getByRole('button', { name: w.create }).click();
  await expectFieldError(name, w.bidi);
  await expect(name).toBeFocused();
  await name.fill('<b>王</b>');
  await page.getByRole('button', { name: w.create }).click();
  await expectFieldError(name, w.markup);
  // The input stops at the limit: 10,000 characters leave 40.
  await name.fill('王'.repeat(10_000));
  expect((await name.inputValue()).length).toBe(40);
  await page.reload();
  await setUpSupervisor(page, lang);
  await signIn(page, lang, SUPERVISOR);
  await page.getByRole('button', { name: code }).click();
  return code;
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`hostile input in every console field gives a named, field-level error (${lang})`, async ({
    page,
  }) => {
    const w = W[lang];
    await toRecordAsSupervisor(page, lang);

    // Void: the explanation with an override.
    await page.getByRole('button', { name: w.actions.void, exact: true }).click();
    const explanation = page.getByLabel(w.voidText, { exact: true });
    await explanation.fill(`录入${RLO}错误`);
    await page.getByRole('button', { name: w.voidSubmit, exact: true }).click();
    await expectFieldError(explanation, w.bidi);
    await expect(page.getByTestId('form-issues')).toContainText(w.voidText);

    // Fulfilment: a finding dated 1900-01-01 on a record signed today, an organ name with markup,
    // and a 10,000-character text that the field stops at its limit.
    await page.getByRole('button', { name: w.actions.fulfilment, exact: true }).click();
    await page.getByLabel(w.findingStatus, { exact: true }).selectOption('not-kept');
    const notKept = page.getByLabel(w.notKept, { exact: true });
    await notKept.fill('未'.repeat(10_000));
    expect((await notKept.inputValue()).length).toBe(4000);
    const date = page.getByLabel(w.findingDate, { exact: true });
    await date.fill('1900-01-01');
    const organ = page.getByLabel(w.organName, { exact: true });
    await organ.fill('<img src=x onerror=alert(1)>');
    await page.getByRole('button', { name: w.findingSubmit, exact: true }).click();
    await expectFieldError(date, w.beforeSigning);
    await expectFieldError(organ, w.markup);
    await expect(page.getByTestId('form-issues')).toContainText(w.findingDate);
    await expect(page.getByTestId('form-issues')).toContainText(w.organName);
    await expectNoAxeViolations(page);
    await shot(page, `fields-finding-errors-${lang}`);

    // Objection: grounds with a zero-width space is refused, not silently cleaned.
    await page.getByRole('button', { name: w.actions.objection, exact: true }).click();
    const grounds = page.getByLabel(w.grounds, { exact: true });
    await grounds.fill(`新的${ZWSP}证明`);
    await page.getByRole('button', { name: w.objectionSubmit }).last().click();
    await expectFieldError(grounds, w.invisible);

    // Reprint: a one-character reason says the limit.
    await page.getByRole('button', { name: w.actions.reprint, exact: true }).click();
    const reason = page.getByLabel(w.reprintReason, { exact: true });
    await reason.fill('x');
    await page.getByRole('button', { name: w.reprintSubmit, exact: true }).click();
    await expectFieldError(reason, w.tooShort);

    // Settings: each field's error names its range or rule, none an internal key.
    await goTo(page, lang, 'settings');
    const warn = page.getByLabel(w.warn, { exact: true });
    await warn.fill('5');
    const windowName = page.getByLabel(w.window, { exact: true });
    await windowName.fill(`窗口${RLO}1`);
    const platform = page.getByLabel(w.platform, { exact: true });
    await platform.fill('javascript:alert(1)');
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await expectFieldError(warn, w.range);
    await expectFieldError(windowName, w.bidi);
    await expectFieldError(platform, w.url);
    await expect(page.getByText(new RegExp(escape(w.notSaved)))).toContainText(w.warn);
    await expect(page.locator('body')).not.toContainText('idle.warnAfterSeconds');
    await expectNoAxeViolations(page);
    await shot(page, `fields-settings-errors-${lang}`);
  });
}

test('kiosk entity step: markup, overrides, emoji and invisible characters are named at the field (zh-CN, English)', async ({
  page,
}) => {
  await toCompanyForm(page);
  const orgName = page.getByLabel('单位名称');
  await orgName.fill('<img src=x onerror=alert(1)>');
  const id = page.getByLabel('证件号码', { exact: true });
  await id.fill(`9113010${RLO}0MA01111107`);
  await page.getByRole('button', { name: '下一步' }).click();
  await expectFieldError(orgName, W['zh-CN'].markup);
  await expectFieldError(id, W['zh-CN'].bidi);
  await id.fill('9113010😀0MA01111107');
  await expectFieldError(id, '含有不允许的字符（U+1F600）');
  await id.fill(`91130100MA0111${ZWSP}1107`);
  await expectFieldError(id, W['zh-CN'].invisible);
  await id.fill('91130100MA01');
  await expectFieldError(id, '应为 18 位，现有 12 位');
  await expectNoAxeViolations(page);
  await shot(page, 'fields-entity-errors-zh-CN');

  await toEntityAsPerson(page, 'en');
  const name = page.getByLabel('Full name');
  await name.fill('张'.repeat(10_000));
  expect((await name.inputValue()).length).toBe(100);
  await page.getByRole('button', { name: 'Next' }).click();
  await expectFieldError(name, 'At most 30 characters');
  await name.fill(`张${RLO}三`);
  await expectFieldError(name, W.en.bidi);
  await name.fill('张');
  await expectFieldError(name, 'At least 2 characters');
  const doc = page.getByLabel('Document number', { exact: true });
  await doc.fill(`13010219900307123${RLO}3`);
  await expectFieldError(doc, W.en.bidi);
  await expectNoAxeViolations(page);
  await shot(page, 'fields-entity-errors-en');
  await page.setViewportSize({ width: 1080, height: 1920 });
  await shot(page, 'fields-entity-errors-en-portrait');
});
