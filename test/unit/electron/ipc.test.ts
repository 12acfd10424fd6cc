import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, type HostResult } from '../../../shared/bridge/contract';
import { HostFailure } from '../../../electron/main/host-failure';
import {
  handleInvoke,
  isTrustedSender,
  type HostHandlers,
  type InvokeEvent,
  type SenderPolicy,
} from '../../../electron/main/ipc';

interface FakeSender {
  readonly id: number;
}

const OUR_WINDOW = 7;
const policy: SenderPolicy = { isAppWindow: (id) => id === OUR_WINDOW };

function event(url: string, id = OUR_WINDOW, parent: unknown = null): InvokeEvent<FakeSender> {
  return { sender: { id }, senderFrame: { url, parent } };
}
const trusted = event('app://kiosk/index.html#/kiosk');

/** Handlers that record what reached them. */
function fakeHandlers(calls: Array<[string, unknown, number]>): HostHandlers<FakeSender> {
  const record =
    <T>(channel: string, answer: T) =>
    async (request: unknown, sender: FakeSender): Promise<T> => {
      calls.push([channel, request, sender.id]);
      return answer;
    };
  return {
    'app.info': record('app.info', {
      host: 'electron' as const,
      appVersion: '0.1.0',
      os: 'linux-x64',
      windowMode: 'kiosk' as const,
    }),
    'network.status': record('network.status', { online: true }),
    'print.listPrinters': record('print.listPrinters', { printers: [] }),
    'print.pdf': record('print.pdf', { printed: true, via: 'printer' }),
    'file.save': record('file.save', { saved: false }),
    'secret.seal': async () => {
      throw new HostFailure('unavailable', 'OS keystore: weak-backend');
    },
    'secret.unseal': async () => {
      throw new Error('boom at /home/user/.config');
    },
    // Off the contract on purpose: a host bug must not reach the page.
    'kiosk.setLocked': async () => ({ locked: 'yes' }) as unknown as { locked: boolean },
    'chain.head.load': record('chain.head.load', { head: null }),
    'chain.head.save': record('chain.head.save', { saved: true }),
    'idReader.read': record('idReader.read', {
      status: 'unavailable' as const,
      reason: 'not-configured' as const,
    }),
    'log.write': record('log.write', { written: true }),
    'log.recent': record('log.recent', { lines: [] }),
  };
}

function refusal(result: HostResult<unknown>) {
  return result.ok ? null : result.error;
}

describe('IPC sender check', () => {
  it('trusts only the top frame of our own window showing an app page', () => {
    expect(isTrustedSender(trusted, policy)).toBe(true);
    expect(isTrustedSender(event('app://kiosk/index.html', 8), policy)).toBe(false);
    expect(isTrustedSender(event('https://evil.example/', OUR_WINDOW), policy)).toBe(false);
    expect(
      isTrustedSender(event('app://kiosk/x', OUR_WINDOW, { url: 'app://kiosk/' }), policy),
    ).toBe(false);
    expect(isTrustedSender({ sender: { id: OUR_WINDOW }, senderFrame: null }, policy)).toBe(false);
  });

  it('trusts the dev server only when one is given', () => {
    const dev = event('http://localhost:5173/#/kiosk');
    expect(isTrustedSender(dev, policy)).toBe(false);
    expect(isTrustedSender(dev, { ...policy, devServerUrl: 'http://localhost:5173' })).toBe(true);
  });
});

describe('handleInvoke', () => {
  it('answers a valid call with the handler’s value, passing the parsed request', async () => {
    const calls: Array<[string, unknown, number]> = [];
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const result = await handleInvoke(
      fakeHandlers(calls),
      trusted,
      'print.pdf',
      { pdf, title: 'Letter' },
      policy,
    );
    expect(result).toEqual({ ok: true, value: { printed: true, via: 'printer' } });
    // Defaults come from the contract's schema, so the handler sees a complete request.
    expect(calls).toEqual([['print.pdf', { pdf, title: 'Letter', copies: 1, silent: true }, 7]]);
  });

  it('refuses an untrusted frame before looking at anything else', async () => {
    const calls: Array<[string, unknown, number]> = [];
    const result = await handleInvoke(
      fakeHandlers(calls),
      event('https://evil.example/'),
      'app.info',
      {},
      policy,
    );
    expect(refusal(result)).toEqual({ code: 'denied', detail: 'untrusted sender' });
    const foreign = await handleInvoke(
      fakeHandlers(calls),
      event('app://kiosk/', 99),
      'app.info',
      {},
      policy,
    );
    expect(refusal(foreign)?.code).toBe('denied');
    expect(calls).toEqual([]);
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const calls: Array<[string, unknown, number]> = [];
    for (const channel of ['shell.openExternal', '__proto__', 'constructor', 42, null]) {
      const result = await handleInvoke(fakeHandlers(calls), trusted, channel, {}, policy);
      expect(refusal(result)).toEqual({ code: 'invalid-request', detail: 'unknown channel' });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a malformed request on every channel with the field that is wrong', async () => {
    const calls: Array<[string, unknown, number]> = [];
    for (const channel of BRIDGE_CHANNELS) {
      const result = await handleInvoke(
        fakeHandlers(calls),
        trusted,
        channel,
        { unexpected: true },
        policy,
      );
      expect(refusal(result)?.code, channel).toBe('invalid-request');
    }
    const bad = await handleInvoke(
      fakeHandlers(calls),
      trusted,
      'file.save',
      { suggestedName: '../../etc/passwd', mimeType: 'text/csv', data: new Uint8Array(1) },
      policy,
    );
    expect(refusal(bad)?.detail).toContain('suggestedName');
    const notBytes = await handleInvoke(
      fakeHandlers(calls),
      trusted,
      'print.pdf',
      { pdf: [1, 2, 3], title: 'x' },
      policy,
    );
    expect(refusal(notBytes)?.detail).toContain('pdf');
    expect(calls).toEqual([]);
  });

  it('turns a handler’s HostFailure into its code, and any other throw into failed', async () => {
    const handlers = fakeHandlers([]);
    const sealed = await handleInvoke(
      handlers,
      trusted,
      'secret.seal',
      { plaintext: new Uint8Array(32) },
      policy,
    );
    expect(refusal(sealed)).toEqual({ code: 'unavailable', detail: 'OS keystore: weak-backend' });
    const unsealed = await handleInvoke(
      handlers,
      trusted,
      'secret.unseal',
      { sealed: new Uint8Array(8) },
      policy,
    );
    expect(refusal(unsealed)).toEqual({ code: 'failed', detail: 'boom at /home/user/.config' });
  });

  it('never sends an answer that is off the contract', async () => {
    const result = await handleInvoke(
      fakeHandlers([]),
      trusted,
      'kiosk.setLocked',
      { locked: false },
      policy,
    );
    expect(refusal(result)).toEqual({ code: 'failed', detail: 'host answer off the contract' });
  });
});
