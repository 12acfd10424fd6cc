import { expect, type Page } from '@playwright/test';
import { openConsole, setUpSupervisor, type Lang } from './clerk-helpers';

/** The reference platform playwright.config.ts starts, signing with the demo key the app trusts. */
export const PLATFORM = 'http://127.0.0.1:8787';

/** What the admin routes require (playwright.config.ts sets the token for the platform it starts). */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = {
  'x-platform-admin-token': process.env.PLATFORM_ADMIN_TOKEN ?? '',
};

interface AdminState {
  readonly enrolmentCodes: readonly { code: string; usedBy: string | null }[];
}

async function adminState(page: Page): Promise<AdminState> {
  const response = await page.request.get(`${PLATFORM}/admin/state`, { headers: ADMIN_HEADERS });
  expect(response.ok()).toBe(true);
  return (await response.json()) as AdminState;
}

/** An unused demo enrolment code (a platform reused from an earlier run has spent some). */
export async function unusedDemoCode(page: Page): Promise<string> {
  const code = (await adminState(page)).enrolmentCodes.find(
    (c) => c.code.startsWith('DEMOENROL') && !c.usedBy,
  );
  if (!code) throw new Error('no unused demo enrolment code: restart the reference platform');
  return code.code;
}

/** The device id the platform gave the device that used this enrolment code. */
export async function deviceEnrolledWith(page: Page, code: string): Promise<string> {
  const deviceId = (await adminState(page)).enrolmentCodes.find((c) => c.code === code)?.usedBy;
  if (!deviceId) throw new Error(`enrolment code ${code} was not used`);
  return deviceId;
}

const LABELS = {
  'zh-CN': {
    url: '平台地址',
    hall: '大厅代码',
    window: '窗口',
    code: '注册码',
    submit: '注册设备',
  },
  en: {
    url: 'Platform address',
    hall: 'Hall code',
    window: 'Window',
    code: 'Enrolment code',
    submit: 'Enrol device',
  },
} as const;

/** Fills the enrolment form for the demo hall and submits it. */
export async function submitEnrolment(
  page: Page,
  lang: Lang,
  enrolment: { readonly code: string; readonly window: string },
): Promise<void> {
  const l = LABELS[lang];
  await page.getByLabel(l.url, { exact: true }).fill(PLATFORM);
  await page.getByLabel(l.hall, { exact: true }).fill('130102-01');
  await page.getByLabel(l.window, { exact: true }).fill(enrolment.window);
  await page.getByLabel(l.code, { exact: true }).fill(enrolment.code);
  await page.getByRole('button', { name: l.submit }).click();
}

/**
 * A new device enrolled at first start with an unused demo code (English console), its first
 * supervisor set up; the enrolment code is returned, to find the device id the platform gave.
 */
export async function enrolAtFirstStart(page: Page, window: string): Promise<string> {
  const code = await unusedDemoCode(page);
  await openConsole(page, 'en');
  await page.getByRole('button', { name: 'Enrol with a platform first' }).click();
  await submitEnrolment(page, 'en', { code, window });
  await expect(page.getByRole('heading', { name: 'Set up the first supervisor' })).toBeVisible({
    timeout: 30_000,
  });
  await setUpSupervisor(page, 'en');
  return code;
}
