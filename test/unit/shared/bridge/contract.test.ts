import { describe, expect, it } from 'vitest';
import {
  BRIDGE_CHANNELS,
  isBridgeChannel,
  parseBridgeRequest,
  parseBridgeResult,
  safeFileName,
} from '../../../../shared/bridge/contract';

const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

describe('host bridge contract', () => {
  it('knows its channels and nothing else', () => {
    expect(BRIDGE_CHANNELS).toContain('print.pdf');
    expect(isBridgeChannel('print.pdf')).toBe(true);
    expect(isBridgeChannel('constructor')).toBe(false);
    expect(isBridgeChannel('__proto__')).toBe(false);
    expect(isBridgeChannel(42)).toBe(false);
  });

  it('accepts a valid print request and fills defaults', () => {
    const r = parseBridgeRequest('print.pdf', { pdf, title: '承诺书' });
    expect(r).toEqual({ ok: true, value: { pdf, title: '承诺书', copies: 1, silent: true } });
  });

  it('refuses malformed requests and names the field', () => {
    const empty = parseBridgeRequest('print.pdf', { pdf: new Uint8Array(), title: 'x' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.error.code).toBe('invalid-request');
      expect(empty.error.detail).toContain('pdf');
    }
    const extra = parseBridgeRequest('print.pdf', { pdf, title: 'x', shell: 'rm -rf /' });
    expect(extra.ok).toBe(false);
    const copies = parseBridgeRequest('print.pdf', { pdf, title: 'x', copies: 1000 });
    expect(copies.ok).toBe(false);
    const notBytes = parseBridgeRequest('secret.seal', { plaintext: 'text' });
    expect(notBytes.ok).toBe(false);
  });

  it('refuses file names that could escape the chosen folder', () => {
    for (const suggestedName of ['../x.pdf', 'a/b.pdf', 'c:\\x.pdf', 'a\0.pdf']) {
      const r = parseBridgeRequest('file.save', {
        suggestedName,
        mimeType: 'application/pdf',
        data: pdf,
      });
      expect(r.ok, suggestedName).toBe(false);
    }
    expect(
      parseBridgeRequest('file.save', {
        suggestedName: '日报-2026-11-25.csv',
        mimeType: 'text/csv',
        data: pdf,
      }).ok,
    ).toBe(true);
  });

  it('makes a file name out of hall data that the save accepts', () => {
    const name = safeFileName('daily-report-130102-01-3号/4号:综合-2026-11-25.csv');
    expect(name).toBe('daily-report-130102-01-3号-4号-综合-2026-11-25.csv');
    expect(
      parseBridgeRequest('file.save', { suggestedName: name, mimeType: 'text/csv', data: pdf }).ok,
    ).toBe(true);
  });

  it('validates the host answer before the renderer uses it', () => {
    expect(parseBridgeResult('network.status', { ok: true, value: { online: true } })).toEqual({
      ok: true,
      value: { online: true },
    });
    const wrongShape = parseBridgeResult('network.status', { ok: true, value: { online: 'yes' } });
    expect(wrongShape.ok).toBe(false);
    if (!wrongShape.ok) expect(wrongShape.error.code).toBe('invalid-response');
    const garbage = parseBridgeResult('network.status', 'oops');
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.error.code).toBe('invalid-response');
  });

  it('bounds the size of secrets to seal and unseal', () => {
    expect(parseBridgeRequest('secret.seal', { plaintext: new Uint8Array(32) }).ok).toBe(true);
    expect(parseBridgeRequest('secret.seal', { plaintext: new Uint8Array(64 * 1024 + 1) }).ok).toBe(
      false,
    );
    expect(parseBridgeRequest('secret.unseal', { sealed: new Uint8Array(60) }).ok).toBe(true);
    expect(parseBridgeRequest('secret.unseal', { sealed: new Uint8Array(128 * 1024 + 1) }).ok).toBe(
      false,
    );
  });

  it('passes a host refusal through unchanged', () => {
    const refusal = { ok: false, error: { code: 'denied', detail: 'untrusted sender' } };
    expect(parseBridgeResult('print.pdf', refusal)).toEqual(refusal);
  });

  it('describes an ID-card read: a checked card, no card, a failed read, no reader', () => {
    const card = {
      name: '张三',
      idNumber: '130102199003071233',
      sex: 'male',
      birthDate: '1990-03-07',
      address: '河北省石家庄市',
      authority: '石家庄市公安局',
      validFrom: '2020-05-01',
      validUntil: 'long-term',
    };
    const result = (value: unknown) => parseBridgeResult('idReader.read', { ok: true, value }).ok;
    expect(result({ status: 'card', card })).toBe(true);
    expect(result({ status: 'no-card' })).toBe(true);
    expect(result({ status: 'failed', reason: 'removed' })).toBe(true);
    expect(result({ status: 'unavailable', reason: 'unplugged' })).toBe(true);
    // The old seam's shapes, a card whose number fails its check digit, an unknown reason.
    expect(result({ available: false })).toBe(false);
    expect(result({ status: 'card', card: { ...card, idNumber: '130102199003071234' } })).toBe(
      false,
    );
    expect(result({ status: 'failed', reason: 'tired' })).toBe(false);
    expect(parseBridgeRequest('idReader.read', {}).ok).toBe(true);
    expect(parseBridgeRequest('idReader.read', { photo: 'yes' }).ok).toBe(false);
  });
});
