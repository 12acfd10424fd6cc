import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  DEFAULT_TEST_SETTINGS,
  drawSignature,
  fillPerson,
  PERSON,
  putMeta,
  readSignSubmit,
  readWholeLetter,
  SCREENS,
  staleSnapshot,
  storeCounts,
  shortIdleTimes,
  toCompanyForm,
  toEntityAsPerson,
  visibleTraces,
} from './kiosk-helpers';

test.describe.configure({ timeout: 240_000 });

test('a natural person commits in English, in large text and high contrast, axe-clean at every step', async ({
  page,
}) => {
  await page.goto('./?lang=en');
  await page.getByRole('button', { name: 'Large text' }).click();
  await page.getByRole('button', { name: 'High contrast' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /Yourself/ }).click();
  await page.getByLabel('Search matters').fill('teacher');
  await expectNoAxeViolations(page);
  await page.screenshot({
    path: `${SCREENS}/kiosk-2-matter-en-large-contrast.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: /Teacher qualification/i }).click();
  // 29 February of a non-leap year is refused, in words.
  await page.getByLabel('Full name').fill(PERSON.name);
  await page.getByLabel('Document number', { exact: true }).fill('130102199902290014');
  await page.getByLabel('Document number', { exact: true }).blur();
  await expect(page.getByText('The date of birth does not exist; please check')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({
    path: `${SCREENS}/kiosk-3-entity-en-large-contrast.png`,
    fullPage: true,
  });
  await page.getByLabel('Document number', { exact: true }).fill(PERSON.id);
  await page.getByLabel('Phone').fill(PERSON.phone);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Check passed: you can proceed by credit commitment.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectNoAxeViolations(page);
  await page.screenshot({
    path: `${SCREENS}/kiosk-5-disclosure-en-large-contrast.png`,
    fullPage: true,
  });
  await readWholeLetter(page, 'I have read and confirm');
  await page.getByRole('button', { name: 'Go to signing' }).click();
  // A bare line is not a signature.
  const pad = page.getByTestId('signature-pad');
  const box = await pad.boundingBox();
  if (!box) throw new Error('no pad');
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 40, box.y + box.height / 2, { steps: 20 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Confirm signature' }).click();
  await expect(page.getByText('Please write your name, not just a line.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear and redo' }).click();
  await drawSignature(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirm signature' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Submit commitment' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Your commitment has been submitted',
  );
  await expectNoAxeViolations(page);
  await page.screenshot({
    path: `${SCREENS}/kiosk-8-receipt-en-large-contrast.png`,
    fullPage: true,
  });
  expect(await storeCounts(page)).toEqual({ records: 1, events: 1, outbox: 1 });
});

test('an unincorporated organisation commits with its agent (zh-CN)', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: '开始办理' }).click();
  await page.getByRole('button', { name: /非法人组织/ }).click();
  await page.getByRole('button', { name: /公共场所卫生许可/ }).click();
  await page.getByLabel('单位名称').fill('长安区示例理发店');
  await page.getByLabel('证件号码', { exact: true }).fill('52131000MJ0123456X');
  await page.getByLabel('法定代表人或负责人姓名').fill('刘强');
  await page.getByLabel('经办人姓名').fill('陈静');
  await page.getByLabel('经办人证件号码').fill(PERSON.id);
  await page.getByLabel('联系电话').fill('0311-87654321');
  await page.getByRole('button', { name: '下一步' }).click();
  expect(await readSignSubmit(page, 'zh-CN')).toMatch(/^130102\d{14}$/);
});

test('an agent entered for one matter does not follow the applicant to a matter without one (zh-CN)', async ({
  page,
}) => {
  await toCompanyForm(page);
  await page.getByRole('button', { name: '下一步' }).click();
  // Back to the list of matters, and a matter that asks for no agent.
  await page.getByRole('button', { name: '上一步' }).click();
  await page.getByRole('button', { name: '上一步' }).click();
  await page.getByRole('button', { name: /诚信经营主动承诺/ }).click();
  await expect(page.getByLabel('经办人姓名')).toHaveCount(0);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请完整阅读告知和承诺内容');
  await expect(page.locator('main')).toContainText('李明');
  await expect(page.locator('main')).not.toContainText('赵华');
});

test('a stale credit list gives a provisional acceptance, told plainly', async ({ page }) => {
  await page.goto('./');
  await putMeta(page, [{ key: 'creditSnapshot', value: staleSnapshot(24 * 10) }]);
  await toEntityAsPerson(page, 'zh-CN');
  await fillPerson(page, 'zh-CN');
  await expect(page.getByText('暂时无法实时核查，本次先按承诺方式受理。')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS}/kiosk-4-provisional-zh-CN.png`, fullPage: true });
});

test('a hall that refuses without a fresh list sends the applicant to the counter', async ({
  page,
}) => {
  await page.goto('./');
  await putMeta(page, [
    { key: 'creditSnapshot', value: staleSnapshot(24 * 10) },
    {
      key: 'settings',
      value: {
        ...DEFAULT_TEST_SETTINGS,
        precheck: { maxSnapshotAgeHours: 72, whenStale: 'refuse' },
      },
    },
  ]);
  await toEntityAsPerson(page, 'en');
  await fillPerson(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'The credit check cannot be completed',
  );
  await expectNoAxeViolations(page);
});

test('idle: a warning with a countdown, then everything the applicant typed is gone', async ({
  page,
}) => {
  // The page's clock is moved rather than waited for: the warning after 15 s, the reset 5 s on.
  await page.clock.install();
  await page.goto('./');
  await shortIdleTimes(page);
  await toEntityAsPerson(page, 'zh-CN');
  await page.getByLabel('姓名').fill(PERSON.name);
  await page.getByLabel('证件号码', { exact: true }).fill(PERSON.id);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.clock.fastForward(16_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expect(page.getByRole('alertdialog')).toContainText('您还在吗？');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS}/kiosk-idle-warning-zh-CN.png`, fullPage: true });
  // The page scrolling by itself (a focus, the docked keyboard, axe) is not the applicant back.
  await page.evaluate(() => {
    window.scrollBy(0, 200);
    window.dispatchEvent(new Event('scroll'));
  });
  await page.clock.fastForward(6_000);
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
  const traces = await visibleTraces(page);
  expect(traces).not.toContain(PERSON.id);
  expect(traces).not.toContain(PERSON.name);
  expect(await storeCounts(page)).toEqual({ records: 0, events: 0, outbox: 0 });
});

test('idle: listening to the letter read aloud is not idleness', async ({ page }) => {
  await page.clock.install();
  await page.goto('./');
  await shortIdleTimes(page);
  await toEntityAsPerson(page, 'zh-CN');
  // The speech engine says it is speaking (headless Chromium has no voices to really speak).
  const speaking = (on: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(speechSynthesis, 'speaking', { configurable: true, get: () => value });
    }, on);
  await speaking(true);
  // Minutes of listening, a few seconds at a time as the guard looks.
  for (let i = 0; i < 8; i++) await page.clock.runFor(5_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByLabel('姓名'), 'still at the entity step, not reset').toBeVisible();
  await speaking(false);
  await page.clock.runFor(16_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
});

/** A person in zh-CN up to a confirmed signature: the review before submit. */
async function toSignedReview(page: Page) {
  await toEntityAsPerson(page, 'zh-CN');
  await fillPerson(page, 'zh-CN');
  await page.getByRole('button', { name: '继续' }).click();
  await readWholeLetter(page, '我已阅读并确认');
  await page.getByRole('button', { name: '去签名' }).click();
  await drawSignature(page);
  await page.getByRole('button', { name: '确认签名' }).click();
}

test('a reload at any step before submit stores nothing; after submit the record survives', async ({
  page,
}) => {
  await page.goto('./');
  await toEntityAsPerson(page, 'zh-CN');
  await page.reload();
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
  await toEntityAsPerson(page, 'zh-CN');
  await fillPerson(page, 'zh-CN');
  await page.getByRole('button', { name: '继续' }).click();
  await page.reload();
  expect(await storeCounts(page)).toEqual({ records: 0, events: 0, outbox: 0 });
  await toSignedReview(page);
  await page.reload();
  expect(await storeCounts(page)).toEqual({ records: 0, events: 0, outbox: 0 });
  await toSignedReview(page);
  await page.getByRole('button', { name: '提交承诺' }).click();
  await expect(page.getByTestId('commitment-code')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
  expect(await storeCounts(page)).toEqual({ records: 1, events: 1, outbox: 1 });
});
