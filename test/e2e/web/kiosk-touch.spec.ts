import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  commitAsPerson,
  fillPerson,
  PERSON,
  readWholeLetter,
  SCREENS,
  toEntityAsPerson,
} from './kiosk-helpers';
import {
  onScreenKeyboard,
  readWholeLetterByTouch,
  signByTouch,
  tapKeys,
  tapPinyin,
} from './kiosk-touch-helpers';

/**
 * A hall kiosk has a touch screen and no keyboard: every applicant path here is driven by taps
 * and touch strokes only (no keyboard.type, no fill), on the on-screen keyboard.
 */
test.use({ hasTouch: true });

type Lang = 'zh-CN' | 'en';
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1280, height: 900 };

const words = (lang: Lang) =>
  lang === 'en'
    ? {
        start: 'Start',
        person: /Yourself/,
        company: /A company or other legal person/,
        teacher: /Teacher qualification/,
        food: /Food business licence \(new application\)/,
        next: 'Next',
        continue: 'Continue',
        confirm: 'I have read and confirm',
        toSign: 'Go to signing',
        sign: 'Confirm signature',
        submit: 'Submit commitment',
        pinyin: '{mode}',
      }
    : {
        start: '开始办理',
        person: /个人/,
        company: /企业等法人/,
        teacher: /教师资格认定/,
        food: /食品经营许可（新办）/,
        next: '下一步',
        continue: '继续',
        confirm: '我已阅读并确认',
        toSign: '去签名',
        sign: '确认签名',
        submit: '提交承诺',
        pinyin: null,
      };

/** The screen as the applicant sees it (the keyboard docked at its foot), not the whole page. */
async function shot(page: Page, name: string) {
  const { width } = page.viewportSize() ?? LANDSCAPE;
  await page.screenshot({ path: `${SCREENS}/touch-${name}-${width}.png` });
}

/** Taps into a field and checks that the keyboard for it came up. */
async function typeInto(page: Page, fieldId: string, kind: string) {
  await page.locator(`#${fieldId}`).tap();
  await expect(onScreenKeyboard(page)).toHaveAttribute('data-kind', kind);
}

/** In English the name keyboard starts with Latin letters: one tap switches it to pinyin. */
async function pinyinOn(page: Page, lang: Lang) {
  const mode = words(lang).pinyin;
  if (mode) await tapKeys(page, [mode]);
}

/**
 * From the pre-check to the receipt, by touch; returns the record's number. On the portrait
 * screen the review step fits it whole, the submit button on it (it once ended 52 px below).
 */
async function signAndSubmit(page: Page, lang: Lang): Promise<string> {
  const w = words(lang);
  await page.getByRole('button', { name: w.continue }).tap();
  await readWholeLetterByTouch(page, w.confirm);
  await page.getByRole('button', { name: w.toSign }).tap();
  // Signed, and the confirm button tapped at once: the tap must not be lost.
  await signByTouch(page, page.getByRole('button', { name: w.sign }));
  const submit = page.getByRole('button', { name: w.submit });
  await expect(submit).toBeInViewport();
  const { height } = page.viewportSize() ?? LANDSCAPE;
  if (height === PORTRAIT.height)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(height);
  await submit.tap();
  const code = page.getByTestId('commitment-code');
  await expect(code).toBeVisible();
  return (await code.textContent())?.replace(/\s/g, '') ?? '';
}

for (const [lang, viewport] of [
  ['zh-CN', PORTRAIT],
  ['en', LANDSCAPE],
] as const) {
  test(`a natural person commits by touch alone (${lang}, ${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const w = words(lang);
    await page.goto(`./?lang=${lang}`);
    await page.getByRole('button', { name: w.start }).tap();
    await page.getByRole('button', { name: w.person }).tap();
    await page.getByRole('button', { name: w.teacher }).tap();

    await typeInto(page, 'field-name', 'name');
    await pinyinOn(page, lang);
    await tapPinyin(page, [
      ['zhang', '张'],
      ['san', '三'],
    ]);
    await expect(page.locator('#field-name')).toHaveValue('张三');
    await expect(page.locator('#field-name')).toBeFocused();
    await expectNoAxeViolations(page);
    await shot(page, `entity-name-${lang}`);

    await typeInto(page, 'field-idNumber', 'resident-id');
    await tapKeys(page, PERSON.id);
    await typeInto(page, 'field-phone', 'phone');
    await tapKeys(page, PERSON.phone);
    await expect(page.locator('#field-idNumber')).toHaveValue(PERSON.id);
    await expect(page.locator('#field-phone')).toHaveValue(PERSON.phone);
    await shot(page, `entity-${lang}`);
    await tapKeys(page, ['{done}']);
    await expect(onScreenKeyboard(page)).toHaveCount(0);
    await page.getByRole('button', { name: w.next }).tap();
    expect(await signAndSubmit(page, lang)).toMatch(/^\d{20}$/);
  });

  test(`a company's legal representative commits by touch alone (${lang === 'en' ? 'zh-CN' : 'en'}, ${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    // The other language on the same screen: both languages on both screens across the two tests.
    const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
    await page.setViewportSize(viewport);
    const w = words(other);
    await page.goto(`./?lang=${other}`);
    await page.getByRole('button', { name: w.start }).tap();
    await page.getByRole('button', { name: w.company }).tap();
    await page.getByRole('button', { name: w.food }).tap();

    await typeInto(page, 'field-name', 'name');
    await pinyinOn(page, other);
    // A short name: every syllable is a dozen taps, and a longer one proves nothing more.
    await tapPinyin(page, [
      ['hua', '华'],
      ['xin', '新'],
      ['gong', '公'],
      ['si', '司'],
    ]);
    await expect(page.locator('#field-name')).toHaveValue('华新公司');

    await typeInto(page, 'field-idNumber', 'credit-code');
    // The credit-code keyboard has no I, O, Z, S or V to mistype.
    await expect(onScreenKeyboard(page).locator('button[data-skbtn="O"]')).toHaveCount(0);
    await tapKeys(page, '91130100MA01111107');
    await expect(page.locator('#field-idNumber')).toHaveValue('91130100MA01111107');

    await typeInto(page, 'field-representative\\.name', 'name');
    await pinyinOn(page, other);
    await tapPinyin(page, [
      ['li', '李'],
      ['ming', '明'],
    ]);
    // This matter asks who comes on the company's behalf: the agent signs.
    await typeInto(page, 'field-agent\\.name', 'name');
    await pinyinOn(page, other);
    await tapPinyin(page, [
      ['zhao', '赵'],
      ['hua', '华'],
    ]);
    await typeInto(page, 'field-agent\\.idNumber', 'resident-id');
    await tapKeys(page, PERSON.id);
    await typeInto(page, 'field-phone', 'phone');
    await tapKeys(page, PERSON.phone);
    await expectNoAxeViolations(page);
    await shot(page, `entity-company-${other}`);
    await tapKeys(page, ['{done}']);
    await page.getByRole('button', { name: w.next }).tap();
    expect(await signAndSubmit(page, other)).toMatch(/^\d{20}$/);
  });
}

test('the not-eligible screen leads back to correct a mistyped number (zh-CN, portrait)', async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await page.goto('./?lang=zh-CN');
  await page.getByRole('button', { name: '开始办理' }).tap();
  await page.getByRole('button', { name: /个人/ }).tap();
  await page.getByRole('button', { name: /教师资格认定/ }).tap();
  await typeInto(page, 'field-name', 'name');
  await tapPinyin(page, [
    ['wang', '王'],
    ['yan', '演'],
    ['shi', '示'],
  ]);
  // The number of an entity on the demo list of dishonest entities.
  await typeInto(page, 'field-idNumber', 'resident-id');
  await tapKeys(page, '130102198511200033');
  await typeInto(page, 'field-phone', 'phone');
  await tapKeys(page, '13900001111');
  await tapKeys(page, ['{done}']);
  await page.getByRole('button', { name: '下一步' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('暂不能通过承诺方式办理');
  await expectNoAxeViolations(page);
  await shot(page, 'not-eligible-zh-CN');

  await page.getByRole('button', { name: '返回修改证件号码' }).tap();
  await expect(page.locator('#field-name')).toHaveValue('王演示');
  // Only the wrong digits are taken back: the number shares its first eight with the right one.
  await typeInto(page, 'field-idNumber', 'resident-id');
  await tapKeys(page, Array(10).fill('{bksp}'));
  await expect(page.locator('#field-idNumber')).toHaveValue(PERSON.id.slice(0, 8));
  await tapKeys(page, PERSON.id.slice(8));
  await tapKeys(page, ['{done}']);
  await page.getByRole('button', { name: '下一步' }).tap();
  await expect(page.getByRole('button', { name: '继续' })).toBeVisible();
});

test('the receipt’s return to the start is put off by a button or a touch, and says how long is left', async ({
  page,
}) => {
  await page.clock.install();
  await commitAsPerson(page, 'zh-CN');
  const countdown = page.getByTestId('receipt-countdown');
  const said = page.getByTestId('receipt-announcement');
  await expect(countdown).toHaveText('90 秒后返回首页');
  await page.clock.fastForward('01:15');
  await expect(countdown).toHaveText(/^1[45] 秒后返回首页$/);
  await expect(said).toHaveText(/不到 20 秒后回到首页/);
  await page.getByRole('button', { name: '还需要时间' }).tap();
  await expect(countdown).toHaveText('90 秒后返回首页');
  await expect(said).toHaveText('已延长，90 秒后回到首页');
  await expectNoAxeViolations(page);
  await shot(page, 'receipt-extended-zh-CN');
  // Past the first deadline (15 s away when extended): still on the receipt.
  // (The page's clock also runs in real time between these steps: a busy machine adds seconds.)
  await page.clock.fastForward('01:00');
  await expect(countdown).toHaveText(/^[12]?\d 秒后返回首页$/);
  // A touch anywhere on the receipt puts it off too.
  await page.getByTestId('commitment-code').tap();
  await expect(countdown).toHaveText('90 秒后返回首页');
  await page.clock.fastForward('01:31');
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
});

test('without a pointer and without a clerk, the applicant signs by typed name and declaration, keys only (en)', async ({
  page,
}) => {
  await toEntityAsPerson(page, 'en');
  await fillPerson(page, 'en');
  await page.getByRole('button', { name: 'Continue' }).click();
  await readWholeLetter(page, 'I have read and confirm');
  await page.getByRole('button', { name: 'Go to signing' }).click();
  // From here on, keys only: what a keyboard or a switch that drives one can do.
  const cannot = page.getByRole('button', { name: 'I cannot sign by hand' });
  await cannot.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign by typing your name');
  await expect(
    page.getByText(`I, ${PERSON.name}, sign this commitment by typing my name`),
  ).toBeVisible();
  await page.getByLabel('Type your name (as entered before)').focus();
  await page.keyboard.type('李四');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Sign', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('The typed name is not the name entered before');
  await page.getByLabel('Type your name (as entered before)').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(PERSON.name);
  await expectNoAxeViolations(page);
  await shot(page, 'signature-typed-confirmed-en');
  await page.getByRole('button', { name: 'Sign', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Typed name, confirmed by declaration')).toBeVisible();
  await page.getByRole('button', { name: 'Submit commitment' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('commitment-code')).toBeVisible();
});
