/**
 * A resident ID card reader that speaks the same frames as a real one (frame.ts), for tests and
 * the web-mode stand-in. It holds one card (or none) and one fault, and answers each command
 * frame with the frames, and delays, that a reader would send. It never touches a port: the
 * caller carries its answers over a mock serial binding, a pseudo-terminal or a function call.
 */
import { residentIdCheckChar } from '../ids/resident-id';
import {
  CARD_PHOTO_BYTES,
  encodeCardText,
  joinReadData,
  LONG_TERM_ON_CARD,
  type RawCardText,
} from './card-text';
import { COMMANDS, decodeCommand, encodeResponse, scanFrame, STATUS } from './frame';

function withCheck(first17: string): string {
  return first17 + (residentIdCheckChar(first17) ?? '');
}

/** Synthetic cards (no real person): Hebei numbers, Shijiazhuang and Baoding authorities. */
export const SIMULATED_CARDS = {
  /** Valid from 2020-05-01 to 2040-05-01. */
  valid: {
    name: '冀测试',
    sex: '1',
    nation: '01',
    birth: '19900307',
    address: '河北省石家庄市长安区测试路1号',
    idNumber: '130102199003071233',
    authority: '石家庄市公安局长安分局',
    validFrom: '20200501',
    validUntil: '20400501',
  },
  /** Expired on 2015-03-01. */
  expired: {
    name: '赵过期',
    sex: '2',
    nation: '01',
    birth: '19850612',
    address: '河北省石家庄市桥西区测试街2号',
    idNumber: withCheck('13010419850612002'),
    authority: '石家庄市公安局桥西分局',
    validFrom: '20050301',
    validUntil: '20150301',
  },
  /** 长期: no expiry. */
  'long-term': {
    name: '钱长期',
    sex: '1',
    nation: '03',
    birth: '19560920',
    address: '河北省保定市竞秀区测试大街3号',
    idNumber: withCheck('13060219560920003'),
    authority: '保定市公安局竞秀分局',
    validFrom: '20120601',
    validUntil: LONG_TERM_ON_CARD,
  },
} as const satisfies Record<string, RawCardText>;
export type SimulatedCard = keyof typeof SIMULATED_CARDS;
export const SIMULATED_CARD_NAMES = Object.keys(SIMULATED_CARDS) as SimulatedCard[];

export const READER_FAULTS = [
  'none',
  /** The card is lifted during "read": a short frame, then no card. */
  'removed-mid-read',
  /** Every "read" answer carries a wrong checksum. */
  'bad-checksum',
  /** Every answer comes `lateMs` after its command. */
  'late',
  /** Every answer comes twice. */
  'twice',
  /** The reader never answers. */
  'silent',
  /** The reader is pulled out: its port goes away (the carrier reports it). */
  'unplugged',
] as const;
export type ReaderFault = (typeof READER_FAULTS)[number];

export interface SimulatedAnswer {
  readonly afterMs: number;
  readonly bytes: Uint8Array;
}

/** A stand-in for the WLT photo: opaque bytes of the right size. */
export function simulatedPhoto(): Uint8Array {
  const photo = new Uint8Array(CARD_PHOTO_BYTES);
  for (let i = 0; i < photo.length; i += 1) photo[i] = (i * 31 + 7) & 0xff;
  return photo;
}

export class ReaderSimulator {
  private card: RawCardText | null = null;
  private fault: ReaderFault = 'none';
  private pending: Uint8Array = new Uint8Array(0) as Uint8Array;
  /** Every command frame received, in order (cmd, para), for tests to assert the sequence. */
  readonly received: { cmd: number; para: number }[] = [];

  constructor(readonly lateMs = 400) {}

  /** Places a card on the reader (a preset or any text, even an invalid one). */
  present(card: SimulatedCard | RawCardText): void {
    this.card = typeof card === 'string' ? SIMULATED_CARDS[card] : card;
  }

  remove(): void {
    this.card = null;
  }

  setFault(fault: ReaderFault): void {
    this.fault = fault;
  }

  get unplugged(): boolean {
    return this.fault === 'unplugged';
  }

  /** Answers to bytes from the host; a command split over chunks is answered when whole. */
  receive(bytes: Uint8Array): SimulatedAnswer[] {
    if (this.fault === 'unplugged') return [];
    const joined = new Uint8Array(this.pending.length + bytes.length);
    joined.set(this.pending);
    joined.set(bytes, this.pending.length);
    let rest: Uint8Array = joined;
    const answers: SimulatedAnswer[] = [];
    for (;;) {
      const scan = scanFrame(rest, 3);
      rest = scan.rest;
      if (scan.kind === 'incomplete') break;
      if (scan.kind === 'frame') answers.push(...this.answer(scan.frame));
    }
    this.pending = rest;
    return answers;
  }

  private answer(frame: Uint8Array): SimulatedAnswer[] {
    const reply = (sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array =>
      encodeResponse({ sw1: 0, sw2: 0, sw3, data });
    const command = decodeCommand(frame);
    let bytes: Uint8Array;
    if (!command.ok) {
      bytes = reply(command.error === 'checksum' ? STATUS.checksumError : STATUS.lengthError);
    } else {
      const { cmd, para } = command.value;
      this.received.push({ cmd, para });
      bytes = this.respond(cmd, para, reply);
    }
    if (this.fault === 'silent') return [];
    const afterMs = this.fault === 'late' ? this.lateMs : 0;
    const once = { afterMs, bytes };
    return this.fault === 'twice' ? [once, { afterMs: afterMs + 1, bytes }] : [once];
  }

  private respond(
    cmd: number,
    para: number,
    reply: (sw3: number, data?: Uint8Array) => Uint8Array,
  ): Uint8Array {
    const is = (c: { cmd: number; para: number }) => c.cmd === cmd && c.para === para;
    if (is(COMMANDS.find)) {
      return this.card ? reply(STATUS.cardFound, new Uint8Array(4)) : reply(STATUS.noCard);
    }
    if (is(COMMANDS.select)) {
      return this.card ? reply(STATUS.ok, new Uint8Array(8)) : reply(STATUS.selectFailed);
    }
    if (is(COMMANDS.readTextAndPhoto)) {
      if (!this.card) return reply(STATUS.readFailed);
      const full = reply(STATUS.ok, joinReadData(encodeCardText(this.card), simulatedPhoto()));
      if (this.fault === 'removed-mid-read') {
        this.card = null;
        return full.slice(0, Math.floor(full.length / 3));
      }
      if (this.fault === 'bad-checksum') {
        const broken = full.slice();
        broken[broken.length - 1] = (broken[broken.length - 1] ?? 0) ^ 0x5a;
        return broken;
      }
      return full;
    }
    return reply(STATUS.commandError);
  }
}
