import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../support/chromium';
import { expectNoAxeViolations } from './axe';
import {
  DEFAULT_TEST_SETTINGS,
  PERSON,
  putMeta,
  rawStoreText,
  readSignSubmit,
  SCREENS,
  storeCounts,
  visibleTraces,
} from './kiosk-helpers';
import { ADMIN_HEADERS, enrolAtFirstStart, PLATFORM } from './platform-helpers';

/**
 * Who signed and how (issue 15): the simulated ID card reader, a business licence's QR code shown
 * to Chromium's fake camera (a Y4M file made here from the QR code of a licence link), the hall's
 * "card required" setting and the idle reset's wipe of card data.
 */
const LICENCE_CODE = '91130100MA01111107';
const CARD = { name: '冀测试', id: '130102199003071233' };

/** A grey-scale Y4M clip of the licence's QR code, centred on a white 640×480 frame. */
function licenceQrClip(): string {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(`http://www.gsxt.gov.cn/index.html?uniscid=${LICENCE_CODE}`, {
    errorCorrectionLevel: 'M',
  });
  const size = qr.modules.size;
  const scale = Math.floor(360 / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < size; r += 1)
    for (let c = 0; c < size; c += 1)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy += 1)
          y.fill(
            16,
            (top + r * scale + dy) * width + left + c * scale,
            (top + r * scale + dy) * width + left + (c + 1) * scale,
          );
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const dir = mkdtempSync(join(tmpdir(), 'licence-qr-'));
  const file = join(dir, 'licence.y4m');
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`),
      frame,
      frame,
    ]),
  );
  return file;
}

const executablePath = chromiumExecutable();
test.use({
  launchOptions: {
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${licenceQrClip()}`,
    ],
    ...(executablePath ? { executablePath } : {}),
  },
});

async function reader(page: Page, action: 'present' | 'remove', card = 'valid') {
  await page.evaluate(
    ([a, value]) => {
      const sim = window.__kioskIdCardSimulator;
      if (!sim) throw new Error('no simulator in this build');
      if (a === 'present') sim.present(value as 'valid');
      else sim.remove();
    },
    [action, card] as const,
  );
}

async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-pdf-')), 'letter.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
}

async function printedLetter(page: Page, lang: 'zh-CN' | 'en'): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page
    .getByRole('button', { name: lang === 'en' ? 'Print the letter' : '打印承诺书' })
    .click();
  return pdfText(readFileSync(await (await downloading).path()));
}

async function start(page: Page, lang: 'zh-CN' | 'en', kind: RegExp, matter: RegExp) {
  await page.goto(`./?lang=${lang}`);
  await reader(page, 'remove');
  await page.getByRole('button', { name: lang === 'en' ? 'Start' : '开始办理' }).click();
  await page.getByRole('button', { name: kind }).click();
  await page.getByRole('button', { name: matter }).click();
}

test('a natural person identified by card commits (English); the letter names the method', async ({
  page,
}) => {
  await start(page, 'en', /Yourself/, /Teacher qualification/i);
  await reader(page, 'present');
  await expect(page.getByLabel('Full name')).toHaveValue(CARD.name);
  await page.getByLabel('Phone').fill(PERSON.phone);
  await expectNoAxeViolations(page);
  await shot(page, 'identity-entity-person-en');
  await page.getByRole('button', { name: 'Next' }).click();
  expect(await readSignSubmit(page, 'en')).toMatch(/^\d{20}$/);
  const text = await printedLetter(page, 'en');
  expect(text).toContain('Identification');
  expect(text).toContain('residentIDcardread');
  expect(text).toContain('2020-05-01to2040-05-01');
});

test('a company: its legal representative by card, the credit code from the licence QR (zh-CN)', async ({
  page,
}) => {
  await start(page, 'zh-CN', /企业等法人/, /诚信经营主动承诺/);
  await page.getByRole('button', { name: '扫描营业执照二维码' }).click();
  await expect(
    page.getByText(`已从营业执照二维码读取统一社会信用代码：${LICENCE_CODE}`),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByLabel('证件号码', { exact: true })).toHaveValue(LICENCE_CODE);
  await reader(page, 'present');
  await expect(page.getByLabel('法定代表人或负责人姓名')).toHaveValue(CARD.name);
  // Demo mode has no platform to name the company: the applicant types it.
  await page.getByLabel('单位名称').fill('石家庄示例科技有限公司');
  await expectNoAxeViolations(page);
  await shot(page, 'identity-entity-company-zh-CN');
  await page.getByRole('button', { name: '下一步' }).click();
  expect(await readSignSubmit(page, 'zh-CN')).toMatch(/^\d{20}$/);
  const text = await printedLetter(page, 'zh-CN');
  expect(text).toContain('身份核验');
  expect(text).toContain('法定代表人（负责人）：读取居民身份证；扫描营业执照二维码');
});

test('an enrolled device: the platform names the company, and its copy of the record names the methods (zh-CN)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await enrolAtFirstStart(page, 'A05');
  await start(page, 'zh-CN', /企业等法人/, /诚信经营主动承诺/);
  await page.getByLabel('证件号码', { exact: true }).fill(LICENCE_CODE);
  // The business register's name, from the platform: filled, and not to be typed over.
  const name = page.getByLabel('单位名称');
  await expect(name).toHaveValue('演示清白企业有限公司', { timeout: 15_000 });
  await expect(name).toHaveAttribute('readonly', '');
  await reader(page, 'present');
  await expect(page.getByLabel('法定代表人或负责人姓名')).toHaveValue(CARD.name);
  await page.getByRole('button', { name: '下一步' }).click();
  const code = await readSignSubmit(page, 'zh-CN');
  // The kiosk syncs as it starts again; the platform's copy says who signed and how.
  await page.goto('./');
  const signed = async () => {
    const response = await page.request.get(`${PLATFORM}/admin/state`, { headers: ADMIN_HEADERS });
    const state = (await response.json()) as {
      signed: { commitmentCode: string; entityName: string; identification: unknown }[];
    };
    return state.signed.find((r) => r.commitmentCode === code) ?? null;
  };
  await expect.poll(signed, { timeout: 60_000 }).toEqual({
    commitmentCode: code,
    entityName: '演示清白企业有限公司',
    identification: {
      signer: {
        role: 'legal-representative',
        method: 'id-card',
        card: { validFrom: '2020-05-01', validUntil: '2040-05-01' },
      },
      creditCode: 'typed',
      nameSource: 'platform',
    },
  });
});

test('a hall that requires a card read refuses a typed signer; a card read goes on', async ({
  page,
}) => {
  await page.goto('./');
  await putMeta(page, [
    { key: 'settings', value: { ...DEFAULT_TEST_SETTINGS, requireIdCard: true } },
  ]);
  await start(page, 'zh-CN', /个人/, /教师资格认定/);
  await expect(page.getByLabel('姓名')).toHaveAttribute('readonly', '');
  await page.getByLabel('联系电话').fill(PERSON.phone);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert')).toContainText('本大厅要求读取签字人的居民身份证');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/信用核查/);
  // An unplugged reader sends the applicant to the counter, never to typing they cannot do.
  await page.evaluate(() => window.__kioskIdCardSimulator?.setFault('unplugged'));
  await expect(page.getByText('读卡器未连接')).toContainText('请到窗口由工作人员办理');
  await expect(page.getByText('读卡器未连接')).not.toContainText('手动填写');
  await page.evaluate(() => window.__kioskIdCardSimulator?.setFault('none'));
  await reader(page, 'present');
  await expect(page.getByLabel('姓名')).toHaveValue(CARD.name);
  await page.getByRole('button', { name: '下一步' }).click();
  expect(await readSignSubmit(page, 'zh-CN')).toMatch(/^\d{20}$/);
});

test('after the idle reset no card data remains anywhere', async ({ page }) => {
  await page.clock.install();
  await start(page, 'zh-CN', /个人/, /教师资格认定/);
  await reader(page, 'present');
  await expect(page.getByLabel('姓名')).toHaveValue(CARD.name);
  expect(await visibleTraces(page)).toContain(CARD.id);
  await reader(page, 'remove');
  // Past the idle warning (90 s) and its countdown (30 s): the welcome screen.
  await page.clock.fastForward('02:01');
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
  const traces = await visibleTraces(page);
  expect(traces).not.toContain(CARD.name);
  expect(traces).not.toContain(CARD.id);
  expect(await storeCounts(page)).toEqual({ records: 0, events: 0, outbox: 0 });
  const stored = await rawStoreText(page);
  expect(stored).not.toContain(CARD.name);
  expect(stored).not.toContain(CARD.id);
  // The session is gone: starting again shows an empty form.
  await page.getByRole('button', { name: '开始办理' }).click();
  await page.getByRole('button', { name: /个人/ }).click();
  await page.getByRole('button', { name: /教师资格认定/ }).click();
  await expect(page.getByLabel('姓名')).toHaveValue('');
});
