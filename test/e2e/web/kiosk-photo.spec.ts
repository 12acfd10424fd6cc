import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../support/chromium';
import { expectNoAxeViolations } from './axe';
import { openConsole, setUpSupervisor, shot, signIn, SUPERVISOR } from './clerk-helpers';
import {
  DEFAULT_TEST_SETTINGS,
  drawSignature,
  fillPerson,
  PERSON,
  putMeta,
  rawStoreText,
  readWholeLetter,
  toEntityAsPerson,
  visibleTraces,
} from './kiosk-helpers';

/**
 * The hall's photo at signing, with Chromium's built-in fake camera (a moving test pattern)
 * standing in for the kiosk's webcam, and the camera permission granted as the desktop host
 * grants it (video only).
 */
const executablePath = chromiumExecutable();
test.use({
  launchOptions: {
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
    ...(executablePath ? { executablePath } : {}),
  },
});

async function hallAsksForPhoto(page: Page, policy: 'offered' | 'required') {
  await page.goto('./');
  await putMeta(page, [
    { key: 'settings', value: { ...DEFAULT_TEST_SETTINGS, signingPhoto: policy } },
  ]);
}

async function toPhotoStep(page: Page, lang: 'zh-CN' | 'en') {
  const en = lang === 'en';
  await toEntityAsPerson(page, lang);
  await fillPerson(page, lang);
  await page.getByRole('button', { name: en ? 'Continue' : '继续' }).click();
  await readWholeLetter(page, en ? 'I have read and confirm' : '我已阅读并确认');
  await page.getByRole('button', { name: en ? 'Go to signing' : '去签名' }).click();
  await drawSignature(page);
  await page.getByRole('button', { name: en ? 'Confirm signature' : '确认签名' }).click();
}

/** The camera's frames are playing: the live picture has a size. */
async function expectLiveCamera(page: Page) {
  await expect
    .poll(() => page.getByTestId('photo-live').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
}

test('a hall that requires a photo (zh-CN): taken, kept sealed with the record, shown to the clerk', async ({
  page,
}) => {
  await hallAsksForPhoto(page, 'required');
  await toPhotoStep(page, 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '请面向屏幕上方的摄像头拍一张照片',
  );
  await expect(page.getByText('第 7 步，共 9 步', { exact: false })).toBeVisible();
  // Required: no way on without a photo.
  await expect(page.getByRole('button', { name: '不拍照，继续' })).toHaveCount(0);
  await expectLiveCamera(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '拍照' }).click();
  // Taking the still encodes and seals it: seconds on a busy 2-core machine (it once took over 5).
  await expect(page.getByTestId('photo-still')).toBeVisible({ timeout: 15_000 });
  // The camera goes off once the photo is taken.
  expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  await shot(page, 'kiosk-photo-zh-CN');
  await page.getByRole('button', { name: '使用这张照片' }).click();
  await expect(page.getByText('已拍摄')).toBeVisible();
  await page.getByRole('button', { name: '提交承诺' }).click();
  const code = (await page.getByTestId('commitment-code').textContent())?.replace(/\s/g, '') ?? '';
  expect(code).toMatch(/^\d{20}$/);

  const disk = await rawStoreText(page);
  expect(disk).toContain(code);
  expect(disk).not.toContain(PERSON.id);

  await openConsole(page, 'zh-CN');
  await setUpSupervisor(page, 'zh-CN');
  await signIn(page, 'zh-CN', SUPERVISOR);
  await page.getByRole('button', { name: code }).click();
  await expect(page.getByTestId('record-photo')).toContainText('已拍摄');
  const photo = page.getByTestId('record-photo-image');
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId('record-signature-image')).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'clerk-detail-photo-zh-CN');
});

test('a hall that offers a photo (English): the applicant declines; a broken camera is said plainly', async ({
  page,
}) => {
  await hallAsksForPhoto(page, 'offered');
  await toPhotoStep(page, 'en');
  await expect(page.getByText('Step 7 of 9', { exact: false })).toBeVisible();
  await expectLiveCamera(page);
  await expectNoAxeViolations(page);
  await shot(page, 'kiosk-photo-offered-en');
  await page.getByRole('button', { name: 'Go on without a photo' }).click();
  await expect(page.getByText('You chose not to have one taken')).toBeVisible();
  await page.getByRole('button', { name: 'Submit commitment' }).click();
  await expect(page.getByTestId('commitment-code')).toBeVisible();

  // The next applicant, with the camera refusing to start.
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
  });
  await toPhotoStep(page, 'en');
  await expect(page.getByTestId('photo-unavailable')).toHaveText(
    'The camera is not working right now. You may go on without a photo.',
  );
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Go on without a photo' }).click();
  await expect(page.getByText('Not taken: the camera did not work')).toBeVisible();
});

test('a hall that requires a photo, with no working camera: the applicant is sent to the counter and nothing stays', async ({
  page,
}) => {
  await hallAsksForPhoto(page, 'required');
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await toPhotoStep(page, 'en');
  await expect(page.getByTestId('photo-unavailable')).toContainText('Please go to a counter');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Finish and go to a counter' }).click();
  // The next applicant starts afresh, in the hall's own language.
  await expect(page.getByRole('button', { name: '开始办理' })).toBeVisible();
  expect(await visibleTraces(page)).not.toContain(PERSON.id);
});
