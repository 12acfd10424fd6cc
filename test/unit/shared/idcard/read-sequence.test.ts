import { describe, expect, it } from 'vitest';
import { answerFor, IdCardDataSchema, IdReadAnswerSchema } from '../../../../shared/idcard/answer';
import { commandFor, encodeResponse, STATUS } from '../../../../shared/idcard/frame';
import { ResponseAssembler, simulatorLink } from '../../../../shared/idcard/link';
import { readCard, type FrameLink } from '../../../../shared/idcard/read-sequence';
import { ReaderSimulator, SIMULATED_CARDS } from '../../../../shared/idcard/simulator';

const TODAY = '2026-12-05';

function reader(setup: (sim: ReaderSimulator) => void) {
  const sim = new ReaderSimulator();
  setup(sim);
  return { sim, link: simulatorLink(sim) };
}

describe('readCard over the simulator', () => {
  it('a valid card: find, select, read, in that order; no photo unless asked', async () => {
    const { sim, link } = reader((s) => s.present('valid'));
    const outcome = await readCard(link, { today: TODAY, photo: false });
    expect(outcome).toMatchObject({
      status: 'card',
      card: { name: '冀测试', idNumber: '130102199003071233', validUntil: '2040-05-01' },
    });
    expect(outcome).not.toHaveProperty('photo');
    expect(sim.received).toEqual([
      { cmd: 0x20, para: 0x01 },
      { cmd: 0x20, para: 0x02 },
      { cmd: 0x30, para: 0x01 },
    ]);
  });

  it('the photo when asked', async () => {
    const { link } = reader((s) => s.present('long-term'));
    const outcome = await readCard(link, { today: TODAY, photo: true });
    expect(outcome.status === 'card' && outcome.photo?.length).toBe(1024);
  });

  it('an expired card is read: expiry is the caller’s decision, on its own day', async () => {
    const { link } = reader((s) => s.present('expired'));
    expect(await readCard(link, { today: TODAY, photo: false })).toMatchObject({
      status: 'card',
      card: { validUntil: '2015-03-01', sex: 'female' },
    });
  });

  it('no card on the reader: only a find', async () => {
    const { sim, link } = reader(() => undefined);
    expect(await readCard(link, { today: TODAY, photo: false })).toEqual({ status: 'no-card' });
    expect(sim.received).toHaveLength(1);
  });

  it('a card removed during the read', async () => {
    const { link } = reader((s) => {
      s.present('valid');
      s.setFault('removed-mid-read');
    });
    expect(await readCard(link, { today: TODAY, photo: false })).toEqual({
      status: 'failed',
      reason: 'removed',
    });
  });

  it('a read answer with a bad checksum, every time: tried again, then "place it again"', async () => {
    const { sim, link } = reader((s) => {
      s.present('valid');
      s.setFault('bad-checksum');
    });
    expect(await readCard(link, { today: TODAY, photo: false, retries: 2 })).toEqual({
      status: 'failed',
      reason: 'unreadable',
    });
    // find, select, three reads, then a find to tell "removed" from "unreadable".
    expect(sim.received.filter((c) => c.cmd === 0x30)).toHaveLength(3);
    expect(sim.received.at(-1)).toEqual({ cmd: 0x20, para: 0x01 });
  });

  it('a reader that never answers', async () => {
    const { link } = reader((s) => s.setFault('silent'));
    expect(await readCard(link, { today: TODAY, photo: false })).toEqual({
      status: 'unavailable',
      reason: 'no-answer',
    });
  });

  it('an unplugged reader', async () => {
    const { link } = reader((s) => {
      s.present('valid');
      s.setFault('unplugged');
    });
    expect(await readCard(link, { today: TODAY, photo: false })).toEqual({
      status: 'unavailable',
      reason: 'unplugged',
    });
  });

  it('every answer twice: the doubled answers are skipped, the card read once', async () => {
    const { link } = reader((s) => {
      s.present('valid');
      s.setFault('twice');
    });
    expect(await readCard(link, { today: TODAY, photo: false })).toMatchObject({
      status: 'card',
    });
  });

  it('a card whose text fails the checks', async () => {
    const { link } = reader((s) =>
      s.present({ ...SIMULATED_CARDS.valid, idNumber: '130102199003071234' }),
    );
    expect(await readCard(link, { today: TODAY, photo: false })).toEqual({
      status: 'failed',
      reason: 'invalid-card',
      detail: 'id-number',
    });
  });

  it('a module fault on find', async () => {
    const link: FrameLink = {
      exchange: async () => ({
        ok: true,
        response: { sw1: 0, sw2: 0, sw3: STATUS.selfTestFailed, data: new Uint8Array(0) },
      }),
    };
    expect(await readCard(link, { today: TODAY, photo: false })).toEqual({
      status: 'unavailable',
      reason: 'module-fault',
    });
  });

  it('the simulator answers a command with a bad checksum with 0x10', () => {
    const sim = new ReaderSimulator();
    const bad = commandFor('find');
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    const assembler = new ResponseAssembler();
    const [answer] = sim.receive(bad).flatMap((a) => assembler.push(a.bytes));
    expect(answer).toMatchObject({ ok: true, value: { sw3: STATUS.checksumError } });
    expect(sim.received).toHaveLength(0);
  });

  it('the simulator answers a command split over chunks once it is whole', () => {
    const sim = new ReaderSimulator();
    const find = commandFor('find');
    expect(sim.receive(find.subarray(0, 4))).toEqual([]);
    expect(sim.receive(find.subarray(4))).toHaveLength(1);
    expect(
      sim.receive(encodeResponse({ sw1: 0, sw2: 0, sw3: 0, data: new Uint8Array(0) })),
    ).toHaveLength(1);
  });
});

describe('the bridge answer', () => {
  it('carries the card without ethnicity, and is valid against its schema', async () => {
    const { link } = reader((s) => s.present('valid'));
    const answer = answerFor(await readCard(link, { today: TODAY, photo: true }));
    expect(IdReadAnswerSchema.safeParse(answer).success).toBe(true);
    expect(answer.status === 'card' && Object.keys(answer.card).sort()).toEqual([
      'address',
      'authority',
      'birthDate',
      'idNumber',
      'name',
      'photo',
      'sex',
      'validFrom',
      'validUntil',
    ]);
  });

  it('failures keep only their reason', () => {
    expect(answerFor({ status: 'failed', reason: 'invalid-card', detail: 'name' })).toEqual({
      status: 'failed',
      reason: 'invalid-card',
    });
  });

  const card = {
    name: '冀测试',
    idNumber: '130102199003071233',
    sex: 'male',
    birthDate: '1990-03-07',
    address: '河北省石家庄市长安区测试路1号',
    authority: '石家庄市公安局长安分局',
    validFrom: '2020-05-01',
    validUntil: '2040-05-01',
  } as const;

  it('refuses card data that a card could not hold', () => {
    expect(IdCardDataSchema.safeParse(card).success).toBe(true);
    for (const change of [
      { idNumber: '130102199003071234' },
      { birthDate: '1990-03-08' },
      { sex: 'female' },
      { validUntil: '2019-01-01' },
      { name: '<b>冀</b>' },
      { name: '' },
      { photo: new Uint8Array(1025) },
      { nationCode: '01' },
    ]) {
      expect(
        IdCardDataSchema.safeParse({ ...card, ...change }).success,
        JSON.stringify(change),
      ).toBe(false);
    }
  });
});
