import { afterEach, describe, expect, it } from 'vitest';
import { createIdCardReader, type IdCardReader } from '../../../../electron/main/idcard/reader';
import { cardStanding } from '../../../../shared/idcard/card-text';
import { commandFor } from '../../../../shared/idcard/frame';
import { serialSimulation, SIM_PORT, type SerialSimulation } from '../../../support/id-card-serial';

const TODAY = new Date('2026-12-05T02:00:00Z');
let reader: IdCardReader | undefined;

function setup(lateMs = 150): SerialSimulation & { reader: IdCardReader } {
  const sim = serialSimulation(lateMs);
  reader = createIdCardReader(
    { driver: 'serial', port: SIM_PORT, baudRate: 115200, readTimeoutMs: 2500 },
    {
      openPort: sim.openPort,
      vendorLink: () => Promise.reject(new Error('not used')),
      // Short waits so that a silent reader costs a test well under a second.
      timing: { answerMs: 80, readMs: 150 },
    },
  );
  return { ...sim, reader };
}

afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

const read = (r: IdCardReader, photo = false) => r.read({ photo, today: TODAY });

describe('the serial driver against the simulator over a mock serial port', () => {
  it('a valid card: the frames find, select, read on the line, the card decoded', async () => {
    const { simulator, reader, written } = setup();
    simulator.present('valid');
    expect(await read(reader)).toMatchObject({
      status: 'card',
      card: { name: '冀测试', idNumber: '130102199003071233', validUntil: '2040-05-01' },
    });
    expect(written).toEqual([
      commandFor('find'),
      commandFor('select'),
      commandFor('readTextAndPhoto'),
    ]);
  });

  it('the photo only when asked', async () => {
    const { simulator, reader } = setup();
    simulator.present('valid');
    const without = await read(reader);
    const withPhoto = await read(reader, true);
    expect(without.status === 'card' && without.photo).toBe(undefined);
    expect(withPhoto.status === 'card' && withPhoto.photo?.length).toBe(1024);
  });

  it('an expired card is read, and found expired on the day', async () => {
    const { simulator, reader } = setup();
    simulator.present('expired');
    const outcome = await read(reader);
    expect(outcome.status).toBe('card');
    if (outcome.status === 'card') expect(cardStanding(outcome.card, TODAY)).toBe('expired');
  });

  it('a long-term (长期) card', async () => {
    const { simulator, reader } = setup();
    simulator.present('long-term');
    const outcome = await read(reader);
    expect(outcome).toMatchObject({ status: 'card', card: { validUntil: 'long-term' } });
    if (outcome.status === 'card') expect(cardStanding(outcome.card, TODAY)).toBe('valid');
  });

  it('no card on the reader', async () => {
    const { reader } = setup();
    expect(await read(reader)).toEqual({ status: 'no-card' });
  });

  it('a card removed mid-read: a short frame, then no card', async () => {
    const { simulator, reader } = setup();
    simulator.present('valid');
    simulator.setFault('removed-mid-read');
    expect(await read(reader)).toEqual({ status: 'failed', reason: 'removed' });
  });

  it('a bad checksum on every read answer: retried, then "place it again"', async () => {
    const { simulator, reader } = setup();
    simulator.present('valid');
    simulator.setFault('bad-checksum');
    expect(await read(reader)).toEqual({ status: 'failed', reason: 'unreadable' });
    expect(simulator.received.filter((c) => c.cmd === 0x30)).toHaveLength(3);
  });

  it('a reader that answers late: the step is retried and the late answer taken', async () => {
    const { simulator, reader } = setup(150);
    simulator.present('valid');
    simulator.setFault('late');
    const started = Date.now();
    expect(await read(reader)).toMatchObject({ status: 'card' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a reader that answers twice: the doubles are skipped, now and on the next read', async () => {
    const { simulator, reader } = setup();
    simulator.present('valid');
    simulator.setFault('twice');
    expect(await read(reader)).toMatchObject({ status: 'card' });
    simulator.present('long-term');
    expect(await read(reader)).toMatchObject({
      status: 'card',
      card: { validUntil: 'long-term' },
    });
  });

  it('a reader that never answers: "no answer", in bounded time', async () => {
    const { simulator, reader } = setup();
    simulator.present('valid');
    simulator.setFault('silent');
    const started = Date.now();
    expect(await read(reader)).toEqual({ status: 'unavailable', reason: 'no-answer' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(simulator.received).toHaveLength(3);
  });

  it('an unplugged reader: the port cannot be opened', async () => {
    const { simulator, reader } = setup();
    simulator.present('valid');
    simulator.setFault('unplugged');
    expect(await read(reader)).toEqual({ status: 'unavailable', reason: 'unplugged' });
  });

  it('pulled out during a read, then plugged back: unplugged, then read again', async () => {
    const { simulator, reader, setFault, opens } = setup(300);
    simulator.present('valid');
    simulator.setFault('late');
    const pending = read(reader);
    setTimeout(() => setFault('unplugged'), 50);
    expect(await pending).toEqual({ status: 'unavailable', reason: 'unplugged' });
    setFault('none');
    expect(await read(reader)).toMatchObject({ status: 'card' });
    expect(opens()).toBe(2);
  });

  it('two reads at once do not interleave their frames', async () => {
    const { simulator, reader, written } = setup();
    simulator.present('valid');
    const [a, b] = await Promise.all([read(reader), read(reader)]);
    expect(a.status).toBe('card');
    expect(b.status).toBe('card');
    const order = [commandFor('find'), commandFor('select'), commandFor('readTextAndPhoto')];
    expect(written).toEqual([...order, ...order]);
  });
});
