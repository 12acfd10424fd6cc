import { describe, expect, it } from 'vitest';
import { installIdCardSimulator, webIdRead } from '../../../../renderer/host/web-id-reader';
import { webInvoke } from '../../../../renderer/host/web-host';
import { parseBridgeResult } from '../../../../shared/bridge/contract';

const TODAY = new Date('2026-12-05T02:00:00Z');

describe('web mode: the ID-card reader stand-in', () => {
  it('without the web build’s hook there is no reader (the desktop build never installs it)', async () => {
    expect(await webIdRead(false, TODAY)).toEqual({
      status: 'unavailable',
      reason: 'not-configured',
    });
    const answer = parseBridgeResult('idReader.read', await webInvoke('idReader.read', {}));
    expect(answer).toEqual({
      ok: true,
      value: { status: 'unavailable', reason: 'not-configured' },
    });
  });

  it('with the hook, a test places, lifts and faults a simulated card', async () => {
    const target = {} as Window;
    installIdCardSimulator(target);
    const sim = target.__kioskIdCardSimulator;
    if (!sim) throw new Error('no hook');

    // Until a test uses the hook, web mode has no reader, as before.
    expect(await webIdRead(false, TODAY)).toEqual({
      status: 'unavailable',
      reason: 'not-configured',
    });
    sim.remove();
    expect(await webIdRead(false, TODAY)).toEqual({ status: 'no-card' });
    sim.present('valid');
    expect(await webIdRead(false, TODAY)).toMatchObject({
      status: 'card',
      card: { name: '冀测试', idNumber: '130102199003071233' },
    });
    sim.present('expired');
    expect(await webIdRead(false, TODAY)).toMatchObject({
      status: 'card',
      card: { validUntil: '2015-03-01' },
    });
    sim.setFault('removed-mid-read');
    expect(await webIdRead(false, TODAY)).toEqual({ status: 'failed', reason: 'removed' });
    sim.present('long-term');
    sim.setFault('unplugged');
    expect(await webIdRead(false, TODAY)).toEqual({ status: 'unavailable', reason: 'unplugged' });
    sim.setFault('none');
    sim.remove();
    expect(await webIdRead(false, TODAY)).toEqual({ status: 'no-card' });

    // Through the web host's bridge, checked against the contract.
    sim.present('long-term');
    const answer = parseBridgeResult('idReader.read', await webInvoke('idReader.read', {}));
    expect(answer).toMatchObject({ ok: true, value: { status: 'card', card: { name: '钱长期' } } });
  });

  it('the hook refuses what is not a simulated card or fault, and cannot be replaced', () => {
    const target = {} as Window;
    installIdCardSimulator(target);
    const sim = target.__kioskIdCardSimulator;
    expect(() => sim?.present('forged' as 'valid')).toThrow(RangeError);
    expect(() => sim?.setFault('melted' as 'none')).toThrow(RangeError);
    expect(() => {
      (target as { __kioskIdCardSimulator?: unknown }).__kioskIdCardSimulator = {};
    }).toThrow(TypeError);
  });
});
