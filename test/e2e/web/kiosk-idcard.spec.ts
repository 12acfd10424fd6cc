import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { PERSON, readSignSubmit, storeCounts, toEntityAsPerson } from './kiosk-helpers';

/**
 * Opens the kiosk, readies the simulated reader (before the entity step, as a hall's reader is
 * there from the start), and walks to the entity step as a natural person.
 */
async function toEntityWithReader(
  page: Page,
  lang: 'zh-CN' | 'en',
  ready: (p: Page) => Promise<void>,
) {
  const en = lang === 'en';
  await page.goto(`./?lang=${lang}`);
  await ready(page);
  await page.getByRole('button', { name: en ? 'Start' : '开始办理' }).click();
  await page.getByRole('button', { name: en ? /Yourself/ : /个人/ }).click();
  await page.getByRole('button', { name: en ? /Teacher qualification/i : /教师资格认定/ }).click();
}

/** The web build's reader simulator (renderer/host/web-id-reader.ts). */
async function reader(page: Page, action: 'present' | 'setFault' | 'remove', arg?: string) {
  await page.evaluate(
    ([a, value]) => {
      const sim = window.__kioskIdCardSimulator;
      if (!sim) throw new Error('no simulator in this build');
      if (a === 'present') sim.present(value as 'valid');
      else if (a === 'setFault') sim.setFault(value as 'none');
      else sim.remove();
    },
    [action, arg ?? ''] as const,
  );
}

test('a natural person identified by the ID card commits (zh-CN), axe-clean', async ({ page }) => {
  await toEntityWithReader(page, 'zh-CN', (p) => reader(p, 'remove'));
  await expect(page.getByText('请将居民身份证放在读卡器上')).toBeVisible();
  await expectNoAxeViolations(page);
  await reader(page, 'present', 'valid');
  await expect(page.getByText('已读取身份证：冀测试')).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('冀测试');
  await expect(page.getByLabel('证件号码', { exact: true })).toHaveValue(PERSON.id);
  await expectNoAxeViolations(page);
  await page.getByLabel('联系电话').fill(PERSON.phone);
  await page.getByRole('button', { name: '下一步' }).click();
  expect(await readSignSubmit(page, 'zh-CN')).toMatch(/^\d{20}$/);
});

test('an expired card is refused with its date, and fills nothing (English)', async ({ page }) => {
  await toEntityWithReader(page, 'en', (p) => reader(p, 'present', 'expired'));
  await expect(page.getByRole('alert')).toContainText('This ID card expired on 2015-03-01');
  await expect(page.getByLabel('Full name')).toHaveValue('');
  await expectNoAxeViolations(page);
  expect(await storeCounts(page)).toEqual({ records: 0, events: 0, outbox: 0 });
});

test('a card lifted mid-read and an unplugged reader each say so; typing still works', async ({
  page,
}) => {
  await toEntityWithReader(page, 'zh-CN', async (p) => {
    await reader(p, 'present', 'valid');
    await reader(p, 'setFault', 'removed-mid-read');
  });
  await expect(page.getByRole('alert')).toContainText('读卡完成前证件被移开了');
  await expect(page.getByLabel('姓名')).toHaveValue('');
  await reader(page, 'setFault', 'unplugged');
  await expect(page.getByRole('alert')).toContainText('读卡器未连接');
  expect(await storeCounts(page)).toEqual({ records: 0, events: 0, outbox: 0 });
  await page.getByLabel('姓名').fill(PERSON.name);
  await expect(page.getByLabel('姓名')).toHaveValue(PERSON.name);
});

test('without the simulator in use, web mode shows no reader at all', async ({ page }) => {
  await toEntityAsPerson(page, 'zh-CN');
  await expect(page.getByText('请将居民身份证放在读卡器上')).toHaveCount(0);
});
