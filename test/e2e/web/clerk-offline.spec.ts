import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { downloadOf, goTo, openConsole, shot, signIn, SUPERVISOR } from './clerk-helpers';
import { commitAsPerson } from './kiosk-helpers';
import { ADMIN_HEADERS, PLATFORM, deviceEnrolledWith, enrolAtFirstStart } from './platform-helpers';

/**
 * A hall whose link to the platform is down (the platform's address refused, the hall's own
 * network up): the record made at the kiosk leaves as an offline file, the platform imports it and
 * writes the device's receipts file, and the clerk imports that back: the record is marked sent
 * with the platform's receipt, and the day reconciles without the network.
 */

test.describe.configure({ timeout: 300_000 });

test('offline file out, receipts file back: the day reconciles without the network (en)', async ({
  page,
}) => {
  const code = await enrolAtFirstStart(page, 'A02');
  const deviceId = await deviceEnrolledWith(page, code);

  // From here the platform cannot be reached from the hall.
  await page.route(`${PLATFORM}/**`, (route) => route.abort('connectionrefused'));
  const record = await commitAsPerson(page, 'en');

  await openConsole(page, 'en');
  await signIn(page, 'en', SUPERVISOR);
  await goTo(page, 'en', 'report');
  await expect(page.getByTestId('pending-count')).not.toHaveText('Events waiting to send: 0');
  const bundle = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Export pending data' }).click(),
  );

  // At a connected computer: the platform imports the file and writes the receipts to carry back.
  const imported = await page.request.post(`${PLATFORM}/admin/bundles`, {
    headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
    data: bundle,
  });
  expect(imported.status()).toBe(200);
  const receipts = await page.request.get(
    `${PLATFORM}/admin/receipts/${encodeURIComponent(deviceId)}`,
    { headers: ADMIN_HEADERS },
  );
  expect(receipts.status()).toBe(200);
  const file = await receipts.body();

  // A file that is not the receipts is refused in words, changing nothing.
  const input = page.getByTestId('receipts-file');
  await input.setInputFiles({ name: 'bundle.json', mimeType: 'application/json', buffer: bundle });
  await expect(page.getByText('This is not a valid platform receipts file.')).toBeVisible();

  await input.setInputFiles({ name: 'receipts.json', mimeType: 'application/json', buffer: file });
  await expect(
    page.getByText(/^Platform receipts imported \(written by the platform at /),
  ).toContainText(/\d+ taken, 0 refused, 0 already confirmed\.$/);
  // What waits now is the audit of the export and of this import, for the next sync or file.
  await expect(page.getByTestId('pending-count')).toHaveText('Events waiting to send: 2');
  await expect(page.getByTestId('reconciliation')).toHaveText(
    'Adds up: 1 made = 1 accepted + 0 refused + 0 waiting.',
  );
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-offline-1-receipts-en');

  // The record carries the platform's receipt; the import is in the audit log.
  await goTo(page, 'en', 'records');
  await page.getByRole('button', { name: record }).click();
  await expect(page.getByTestId('record-synced')).toHaveText('Synced');
  await expect(page.getByTestId('record-history')).toContainText(' · receipt ');
  await expect(page.getByTestId('record-platform-time')).toContainText('(receipt ');
  await goTo(page, 'en', 'audit');
  await expect(page.getByRole('cell', { name: 'Platform receipts imported' })).toBeVisible();

  // In Chinese, the same panel.
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await goTo(page, 'zh-CN', 'report');
  await expect(page.getByRole('heading', { name: '导入平台回执' })).toBeVisible();
  await page.getByTestId('receipts-file').setInputFiles({
    name: 'receipts.json',
    mimeType: 'application/json',
    buffer: file,
  });
  await expect(page.getByText(/^已导入平台回执/)).toContainText('0 条已接收，0 条被退回');
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-offline-2-receipts-zh-CN');
});
