import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  drawSignature,
  readWholeLetter,
  SCREENS,
  storeCounts,
  visibleTraces,
} from './kiosk-helpers';

const ORG = {
  name: '石家庄示例科技有限公司',
  uscc: '91130100MA01111107',
  representative: '李明',
  agent: '赵华',
  agentId: '130102199003071233',
  phone: '13812345678',
};

const zh = {
  start: '开始办理',
  confirm: '我已阅读并确认',
};

/** The text of a PDF, through poppler (installed by .ci/run). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pdf-'));
  const file = join(dir, 'letter.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

test.describe('kiosk: a legal person makes a commitment', () => {
  // The whole path with an axe audit at every step: minutes, not seconds, on a loaded machine.
  test.describe.configure({ timeout: 240_000 });
  test('from welcome to a stored, printed-ready record, leaving no trace (zh-CN)', async ({
    page,
  }) => {
    await page.goto('./');
    await page.getByRole('button', { name: zh.start }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请问您以什么身份办理？');
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-1-kind-zh-CN');
    await page.getByRole('button', { name: /企业等法人/ }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请选择要办理的事项');
    // Pinyin initials find the matter; the expired and not-yet-in-force ones never show.
    await page.getByLabel('搜索事项').fill('spjy');
    await expect(page.getByRole('button', { name: /食品经营许可（新办）/ })).toBeVisible();
    await expect(page.getByText('食品经营许可延续')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-2-matter-zh-CN');
    await page.getByRole('button', { name: /食品经营许可（新办）/ }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请填写承诺主体信息');
    await page.getByLabel('单位名称').fill(ORG.name);
    // A wrong check character is refused at the field, in words.
    await page.getByLabel('证件号码', { exact: true }).fill('91130100MA01111108');
    await page.getByLabel('证件号码', { exact: true }).blur();
    await expect(page.getByText('校验位不正确，请逐位核对')).toBeVisible();
    await page.getByLabel('证件号码', { exact: true }).fill(ORG.uscc);
    await expect(page.getByText('格式正确')).toBeVisible();
    await page.getByLabel('法定代表人或负责人姓名').fill(ORG.representative);
    await page.getByLabel('经办人姓名').fill(ORG.agent);
    await page.getByLabel('经办人证件号码').fill(ORG.agentId);
    await page.getByLabel('联系电话').fill(ORG.phone);
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-3-entity-zh-CN');
    await page.getByRole('button', { name: '下一步' }).click();

    await expect(page.getByText('核查通过，您可以通过信用承诺方式办理。')).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-4-precheck-zh-CN');
    await page.getByRole('button', { name: '继续' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请完整阅读告知和承诺内容');
    const toSign = page.getByRole('button', { name: '去签名' });
    await expect(toSign).toBeDisabled();
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-5-disclosure-zh-CN');
    await readWholeLetter(page, zh.confirm);
    await expect(toSign).toBeEnabled();
    await toSign.click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请在下方框内手写签名');
    await page.getByRole('button', { name: '确认签名' }).click();
    await expect(page.getByText('还没有签名，请在框内书写。')).toBeVisible();
    await drawSignature(page);
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-6-signature-zh-CN');
    await page.getByRole('button', { name: '确认签名' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请确认并提交');
    await expect(page.getByText(ORG.uscc)).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-7-review-zh-CN');
    // Two quick taps: one record.
    const submit = page.getByRole('button', { name: '提交承诺' });
    await submit.dblclick();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('承诺已提交');
    const code = (await page.getByTestId('commitment-code').textContent()) ?? '';
    expect(code).toMatch(/^130102\d{8}99\d{4}$/);
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-8-receipt-zh-CN');

    // Printing hands the browser a real PDF of the signed letter (the web host prints from a frame).
    // The web host hands the letter over as a PDF download (a browser cannot print silently).
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '打印承诺书' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${code}.pdf`);
    await expect(page.getByText('承诺书 PDF 已下载，请打开后打印。')).toBeVisible();
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(code);
    expect(text).toContain('食品经营许可（新办）');
    expect(text).toContain(ORG.uscc);

    const stored = await storeCounts(page);
    expect(stored).toEqual({ records: 1, events: 1, outbox: 1 });

    await page.getByRole('button', { name: '完成' }).click();
    await expect(page.getByRole('button', { name: zh.start })).toBeVisible();
    const traces = await visibleTraces(page);
    for (const secret of [ORG.uscc, ORG.agentId, ORG.phone, ORG.name])
      expect(traces).not.toContain(secret);
  });
});

test.describe('kiosk: pre-check', () => {
  test('an entity with an unrepaired dishonesty record is sent to the counter, respectfully', async ({
    page,
  }) => {
    await page.goto('./');
    await page.getByRole('button', { name: zh.start }).click();
    await page.getByRole('button', { name: /个人/ }).click();
    await page.getByRole('button', { name: /教师资格认定/ }).click();
    await page.getByLabel('姓名').fill('王演示');
    await page.getByLabel('证件号码', { exact: true }).fill('130102198511200033');
    await page.getByLabel('联系电话').fill('13900001111');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('暂不能通过承诺方式办理');
    await expect(page.getByText('请到人工窗口按一般程序办理。', { exact: false })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-4-not-eligible-zh-CN');
    await page.getByRole('button', { name: '结束并到窗口办理' }).click();
    await expect(page.getByRole('button', { name: zh.start })).toBeVisible();
  });

  test('the same entity may make a credit-repair commitment, and the record says what the check found', async ({
    page,
  }) => {
    await page.goto('./');
    await page.getByRole('button', { name: zh.start }).click();
    await page.getByRole('button', { name: /个人/ }).click();
    await page.getByRole('button', { name: /失信行为纠正后的信用信息修复/ }).click();
    await page.getByLabel('姓名').fill('王演示');
    await page.getByLabel('证件号码', { exact: true }).fill('130102198511200033');
    await page.getByLabel('联系电话').fill('13900001111');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(
      page.getByText(/本事项为信用修复事项，可以通过作出信用修复承诺办理/),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'kiosk-4-credit-repair-zh-CN');
    await page.getByRole('button', { name: '继续' }).click();
    await readWholeLetter(page, zh.confirm);
    await page.getByRole('button', { name: '去签名' }).click();
    await drawSignature(page);
    await page.getByRole('button', { name: '确认签名' }).click();
    await expect(page.getByText('存在未修复的失信记录，按信用修复事项办理')).toBeVisible();
    await page.getByRole('button', { name: '提交承诺' }).click();
    await expect(page.getByTestId('commitment-code')).toHaveText(/^130102\d{14}$/);
  });
});
