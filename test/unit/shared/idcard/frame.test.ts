import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commandFor,
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  MAX_FRAME_LEN,
  PREAMBLE,
  scanFrame,
  type FrameError,
} from '../../../../shared/idcard/frame';

const byte = fc.integer({ min: 0, max: 0xff });
const data = fc.uint8Array({ maxLength: 1400 });
const response = fc.record({ sw1: byte, sw2: byte, sw3: byte, data });
const command = fc.record({ cmd: byte, para: byte, data: fc.uint8Array({ maxLength: 64 }) });

const hex = (bytes: Uint8Array) =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('frames: worked examples (id-card-reader.md)', () => {
  it('find is AA AA AA 96 69 00 03 20 01 22', () => {
    // LEN 00 03 (CMD PARA CHK); CHK = 00 ^ 03 ^ 20 ^ 01 = 22.
    expect(hex(commandFor('find'))).toBe('AA AA AA 96 69 00 03 20 01 22');
  });

  it('select and read text+photo', () => {
    expect(hex(commandFor('select'))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(hex(commandFor('readTextAndPhoto'))).toBe('AA AA AA 96 69 00 03 30 01 32');
  });

  it('"card found" from a reader: 00 00 9F with four data bytes', () => {
    const bytes = encodeResponse({ sw1: 0, sw2: 0, sw3: 0x9f, data: new Uint8Array(4) });
    // LEN = 3 status + 4 data + 1 CHK = 8; CHK = 00 ^ 08 ^ 9F = 97.
    expect(hex(bytes)).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(decodeResponse(bytes)).toEqual({
      ok: true,
      value: { sw1: 0, sw2: 0, sw3: 0x9f, data: new Uint8Array(4) },
    });
  });
});

describe('frames: round trips', () => {
  it('every response decodes to itself', () => {
    fc.assert(
      fc.property(response, (r) => {
        expect(decodeResponse(encodeResponse(r))).toEqual({ ok: true, value: r });
      }),
    );
  });

  it('every command decodes to itself', () => {
    fc.assert(
      fc.property(command, (c) => {
        expect(decodeCommand(encodeCommand(c))).toEqual({ ok: true, value: c });
      }),
    );
  });

  it('a stream of frames cut into any chunks, after any noise, yields the same frames', () => {
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 4 }),
        // Noise without 0xAA cannot start a preamble.
        fc.uint8Array({ maxLength: 20 }).map((n) => n.map((b) => (b === 0xaa ? 0 : b))),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 30 }),
        (responses, noise, cuts) => {
          const frames = responses.map(encodeResponse);
          const stream = Uint8Array.from([...noise, ...frames.flatMap((f) => [...f])]);
          let buffer: Uint8Array = new Uint8Array(0);
          const found: Uint8Array[] = [];
          let at = 0;
          let cut = 0;
          while (at < stream.length) {
            const size = cuts[cut % cuts.length] ?? 1;
            cut += 1;
            const next = new Uint8Array(buffer.length + Math.min(size, stream.length - at));
            next.set(buffer);
            next.set(stream.subarray(at, at + size), buffer.length);
            at += size;
            buffer = next;
            for (;;) {
              const scan = scanFrame(buffer);
              buffer = scan.rest;
              if (scan.kind === 'incomplete') break;
              if (scan.kind === 'frame') found.push(scan.frame);
            }
          }
          expect(found.map((f) => decodeResponse(f))).toEqual(
            responses.map((r) => ({ ok: true, value: r })),
          );
        },
      ),
    );
  });
});

describe('frames: every corruption is refused with its reason', () => {
  const refused = (bytes: Uint8Array): FrameError | 'accepted' => {
    const decoded = decodeResponse(bytes);
    return decoded.ok ? 'accepted' : decoded.error;
  };

  it('a wrong preamble byte', () => {
    fc.assert(
      fc.property(response, fc.nat(PREAMBLE.length - 1), byte, (r, at, value) => {
        fc.pre(value !== PREAMBLE[at]);
        const bytes = encodeResponse(r);
        bytes[at] = value;
        expect(refused(bytes)).toBe('preamble');
      }),
    );
  });

  it('any flipped bit after the preamble: never accepted', () => {
    fc.assert(
      fc.property(response, fc.nat(), fc.integer({ min: 0, max: 7 }), (r, pick, bit) => {
        const bytes = encodeResponse(r);
        const at = PREAMBLE.length + (pick % (bytes.length - PREAMBLE.length));
        bytes[at] = (bytes[at] ?? 0) ^ (1 << bit);
        const reason = refused(bytes);
        // A LEN change shows as a length error, a cut or extra bytes; anything else as checksum.
        if (at === 5 || at === 6) expect(['length', 'truncated', 'trailing']).toContain(reason);
        else expect(reason).toBe('checksum');
      }),
    );
  });

  it('a wrong checksum byte', () => {
    fc.assert(
      fc.property(response, fc.integer({ min: 1, max: 0xff }), (r, delta) => {
        const bytes = encodeResponse(r);
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ delta;
        expect(refused(bytes)).toBe('checksum');
      }),
    );
  });

  it('every truncation', () => {
    fc.assert(
      fc.property(response, fc.nat(), (r, pick) => {
        const bytes = encodeResponse(r);
        const cut = bytes.subarray(0, pick % bytes.length);
        expect(refused(cut)).toBe('truncated');
      }),
    );
  });

  it('extra bytes after the frame', () => {
    fc.assert(
      fc.property(response, fc.uint8Array({ minLength: 1, maxLength: 8 }), (r, extra) => {
        expect(refused(Uint8Array.from([...encodeResponse(r), ...extra]))).toBe('trailing');
      }),
    );
  });

  it('a length below a frame or above the largest', () => {
    for (const len of [0, 1, 2, 3, MAX_FRAME_LEN + 1, 0xffff]) {
      const bytes = Uint8Array.from([...PREAMBLE, len >> 8, len & 0xff, 0, 0, 0x90, 0]);
      expect(refused(bytes)).toBe('length');
    }
    // A command's shortest frame is CMD PARA CHK.
    expect(decodeCommand(Uint8Array.from([...PREAMBLE, 0, 2, 0x20, 0x22]))).toEqual({
      ok: false,
      error: 'length',
    });
  });

  it('a command frame is checked the same way', () => {
    const bytes = commandFor('find');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(decodeCommand(bytes)).toEqual({ ok: false, error: 'checksum' });
    expect(decodeCommand(bytes.subarray(0, 6))).toEqual({ ok: false, error: 'truncated' });
  });

  it('the encoder refuses what it cannot frame', () => {
    expect(() => encodeCommand({ cmd: 256, para: 0, data: new Uint8Array(0) })).toThrow(RangeError);
    expect(() => encodeResponse({ sw1: -1, sw2: 0, sw3: 0, data: new Uint8Array(0) })).toThrow(
      RangeError,
    );
    expect(() =>
      encodeResponse({ sw1: 0, sw2: 0, sw3: 0x90, data: new Uint8Array(MAX_FRAME_LEN) }),
    ).toThrow(RangeError);
  });
});

describe('scanFrame: a corrupted stream never stalls', () => {
  it('a preamble with an impossible length is skipped and the next frame found', () => {
    const good = encodeResponse({ sw1: 0, sw2: 0, sw3: 0x90, data: new Uint8Array(8) });
    let buffer: Uint8Array = Uint8Array.from([...PREAMBLE, 0xff, 0xff, ...good]);
    const kinds: string[] = [];
    for (;;) {
      const scan = scanFrame(buffer);
      kinds.push(scan.kind);
      buffer = scan.rest;
      if (scan.kind === 'frame') {
        expect(decodeResponse(scan.frame).ok).toBe(true);
        break;
      }
      if (scan.kind === 'incomplete') throw new Error('stalled');
    }
    expect(kinds.at(-1)).toBe('frame');
  });

  it('waits on a partial preamble and a partial frame', () => {
    expect(scanFrame(Uint8Array.from([0xaa, 0xaa])).kind).toBe('incomplete');
    const good = encodeResponse({ sw1: 0, sw2: 0, sw3: 0x90, data: new Uint8Array(8) });
    expect(scanFrame(good.subarray(0, 10)).kind).toBe('incomplete');
    expect(scanFrame(Uint8Array.from([1, 2, 3]))).toMatchObject({ kind: 'noise', dropped: 3 });
  });
});
