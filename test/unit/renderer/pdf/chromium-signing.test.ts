import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { x509 } from '../../../../renderer/pki/x509';
import { issueDeviceCertificate, SHIPPED_ROOT_FILE } from '../../../platform/ca';
import { demoKeyMaterial } from '../../../platform/demo-key';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../../support/chromium';
import { ROOT_PEM_PATH } from '../../../support/signing-device';
import type { LetterInBrowser } from './chromium-signing-entry';
import { companyLetter, font, inputFor } from './letters';
import { opensslCmsVerify, pdfsig, signatureParts } from './signature-tools';

/**
 * The kiosk signs in Chromium: the renderer's signing code, bundled, runs in the browser with a
 * non-extractable WebCrypto P-256 key, and the PDF it writes passes pdfsig and OpenSSL.
 */

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const built = await build({
    entryPoints: ['test/unit/renderer/pdf/chromium-signing-entry.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  bundle = built.outputFiles[0]?.text ?? '';
  const executablePath = chromiumExecutable();
  browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('signing in Chromium', () => {
  it('a non-extractable browser key signs the letter, and pdfsig and OpenSSL accept it', async () => {
    const page = await browser.newPage();
    // WebCrypto's subtle exists only in a secure context: an https origin served by the test.
    await page.route('https://kiosk.invalid/', (route) =>
      route.fulfill({ body: '<!doctype html><title>kiosk</title>', contentType: 'text/html' }),
    );
    await page.goto('https://kiosk.invalid/');
    await page.addScriptTag({ content: bundle });
    type Api = {
      makeKey(): Promise<{
        algorithm: 'ECDSA-P256-SHA256';
        publicKey: string;
        extractable: boolean;
      }>;
      sign(letter: LetterInBrowser): Promise<string>;
    };
    const key = await page.evaluate(() =>
      (globalThis as unknown as { signingTest: Api }).signingTest.makeKey(),
    );
    expect(key.extractable).toBe(false);

    const root = new x509.X509Certificate(readFileSync(SHIPPED_ROOT_FILE, 'utf8'));
    const caKey = await webcrypto.subtle.importKey(
      'jwk',
      demoKeyMaterial().privateJwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const certificate = await issueDeviceCertificate({
      root,
      key: caKey,
      device: {
        deviceId: '130102001.07',
        hallCode: '130102001',
        organ: '石家庄市长安区行政审批局',
        publicKey: { algorithm: key.algorithm, publicKey: key.publicKey },
      },
      at: new Date(),
    });
    if (certificate === null) throw new Error('no certificate');
    const input = inputFor(companyLetter('zh-CN'));
    const png =
      input.signature && 'png' in input.signature ? input.signature.png : new Uint8Array();
    const letter: LetterInBrowser = {
      document: input.document,
      organ: input.organ,
      record: input.record,
      qr: input.qr.text,
      font: Buffer.from(font).toString('base64'),
      signaturePng: Buffer.from(png).toString('base64'),
      certificate,
    };
    const signed = await page.evaluate(
      (l) => (globalThis as unknown as { signingTest: Api }).signingTest.sign(l),
      letter,
    );
    const pdf = new Uint8Array(Buffer.from(signed, 'base64'));
    expect(pdfsig(pdf).output).toContain('Signature Validation: Signature is Valid.');
    const parts = signatureParts(pdf);
    expect(opensslCmsVerify(parts.cms, parts.signedBytes, ROOT_PEM_PATH).status).toBe(0);
  }, 120_000);
});
