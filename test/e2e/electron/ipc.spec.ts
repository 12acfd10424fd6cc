import { expect, test } from '@playwright/test';
import { invoke, launchApp, skipUnlessRunnable } from './app';

test.describe('host bridge refusals', () => {
  skipUnlessRunnable();

  test('a malformed request, an unknown channel and a bad name are refused', async () => {
    const { app, window } = await launchApp();
    try {
      expect(await invoke(window, 'print.pdf', { pdf: 'not bytes', title: '' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
      expect(await invoke(window, 'app.info', { extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
      expect(await invoke(window, 'shell.openExternal', {})).toEqual({
        ok: false,
        error: { code: 'invalid-request', detail: 'unknown channel' },
      });
      expect(
        await invoke(window, 'file.save', {
          suggestedName: '../../evil.csv',
          mimeType: 'text/csv',
          data: null,
        }),
      ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      // A well-formed call still works afterwards.
      expect(await invoke(window, 'network.status', {})).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
  });
});
