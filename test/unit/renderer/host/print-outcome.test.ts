import { describe, expect, it } from 'vitest';
import { printOutcome } from '../../../../renderer/host/print-outcome';

describe('printOutcome', () => {
  it('counts a job the printer refused as failed, though the host answered ok', () => {
    expect(printOutcome({ ok: true, value: { printed: false, via: 'printer' } })).toBe('failed');
    expect(printOutcome({ ok: true, value: { printed: true, via: 'printer' } })).toBe('printed');
    expect(printOutcome({ ok: true, value: { printed: false, via: 'download' } })).toBe(
      'downloaded',
    );
    expect(printOutcome({ ok: false, error: { code: 'failed' } })).toBe('failed');
  });
});
