/**
 * The frame protocol of the resident ID card security module (SAM, GA 467), as spoken over a
 * reader's serial line (../shared/domain/id-card-reader.md):
 *
 * - host → reader: `AA AA AA 96 69`, LEN (2, big-endian: CMD to CHK inclusive), CMD, PARA, data,
 *   CHK (XOR of the LEN bytes, CMD, PARA and data);
 * - reader → host: the preamble, LEN (SW1 to CHK inclusive), SW1 SW2 SW3, data, CHK (XOR of LEN
 *   through data).
 *
 * Everything that arrives from a reader is outside input: a frame is accepted only whole, with
 * its preamble, a plausible length and a matching checksum; anything else is a typed refusal.
 */

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const HEADER_BYTES = PREAMBLE.length + 2;
/**
 * The longest LEN a reader sends: a text, photo and fingerprint read (3 + 6 + 256 + 1,024 +
 * 1,024 + 1 = 2,314) with room to spare. Anything longer is a corrupted length, not a frame.
 */
export const MAX_FRAME_LEN = 4096;

/** The three steps of a read (id-card-reader.md, "Steps to read a card"). */
export const COMMANDS = {
  find: { cmd: 0x20, para: 0x01 },
  select: { cmd: 0x20, para: 0x02 },
  readTextAndPhoto: { cmd: 0x30, para: 0x01 },
} as const;
export type CommandName = keyof typeof COMMANDS;

/**
 * SW3 status codes as commonly documented for GA 467 modules (SW1 SW2 are 00 00). Confirm against
 * a reader's manual: an unknown code is kept as a number and treated as a failure.
 */
export const STATUS = {
  ok: 0x90,
  noContent: 0x91,
  cardFound: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  notAllowed: 0x23,
  unrecognised: 0x24,
  cardAuthFailed: 0x31,
  samAuthFailed: 0x32,
  verifyFailed: 0x33,
  infoLengthError: 0x3f,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  selfTestFailed: 0x60,
  notAuthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const;

export type FrameError =
  /** The bytes do not start with AA AA AA 96 69. */
  | 'preamble'
  /** LEN is below the smallest frame or above MAX_FRAME_LEN. */
  | 'length'
  /** Fewer bytes than LEN announces. */
  | 'truncated'
  /** More bytes than LEN announces (a frame is decoded whole or not at all). */
  | 'trailing'
  | 'checksum';

export type Decoded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FrameError };

export interface CommandFrame {
  readonly cmd: number;
  readonly para: number;
  readonly data: Uint8Array;
}

export interface ResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xff;
}

function xor(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 1) sum ^= bytes[i] ?? 0;
  return sum;
}

/** Preamble, LEN, the body and its checksum. `body` is everything between LEN and CHK. */
function frame(body: readonly number[] | Uint8Array, extra: Uint8Array): Uint8Array {
  const len = body.length + extra.length + 1;
  if (len > MAX_FRAME_LEN) throw new RangeError(`frame too long: ${len}`);
  const out = new Uint8Array(HEADER_BYTES + len);
  out.set(PREAMBLE);
  out[5] = len >> 8;
  out[6] = len & 0xff;
  out.set(body, HEADER_BYTES);
  out.set(extra, HEADER_BYTES + body.length);
  out[out.length - 1] = xor(out, PREAMBLE.length, out.length - 1);
  return out;
}

export function encodeCommand(command: CommandFrame): Uint8Array {
  if (!isByte(command.cmd) || !isByte(command.para)) throw new RangeError('cmd and para are bytes');
  return frame([command.cmd, command.para], command.data);
}

export function commandFor(name: CommandName): Uint8Array {
  return encodeCommand({ ...COMMANDS[name], data: new Uint8Array(0) });
}

export function encodeResponse(response: ResponseFrame): Uint8Array {
  if (![response.sw1, response.sw2, response.sw3].every(isByte)) {
    throw new RangeError('status words are bytes');
  }
  return frame([response.sw1, response.sw2, response.sw3], response.data);
}

/**
 * Checks the envelope of one whole frame; `minLen` is the smallest LEN of its direction (3 for a
 * command: CMD PARA CHK; 4 for a response: SW1 SW2 SW3 CHK). Answers the body between LEN and CHK.
 */
function openFrame(bytes: Uint8Array, minLen: number): Decoded<Uint8Array> {
  for (let i = 0; i < PREAMBLE.length; i += 1) {
    if (i >= bytes.length) return { ok: false, error: 'truncated' };
    if (bytes[i] !== PREAMBLE[i]) return { ok: false, error: 'preamble' };
  }
  if (bytes.length < HEADER_BYTES) return { ok: false, error: 'truncated' };
  const len = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (len < minLen || len > MAX_FRAME_LEN) return { ok: false, error: 'length' };
  const total = HEADER_BYTES + len;
  if (bytes.length < total) return { ok: false, error: 'truncated' };
  if (bytes.length > total) return { ok: false, error: 'trailing' };
  if (xor(bytes, PREAMBLE.length, total - 1) !== bytes[total - 1]) {
    return { ok: false, error: 'checksum' };
  }
  return { ok: true, value: bytes.slice(HEADER_BYTES, total - 1) };
}

export function decodeCommand(bytes: Uint8Array): Decoded<CommandFrame> {
  const body = openFrame(bytes, 3);
  if (!body.ok) return body;
  const [cmd = 0, para = 0] = body.value;
  return { ok: true, value: { cmd, para, data: body.value.slice(2) } };
}

export function decodeResponse(bytes: Uint8Array): Decoded<ResponseFrame> {
  const body = openFrame(bytes, 4);
  if (!body.ok) return body;
  const [sw1 = 0, sw2 = 0, sw3 = 0] = body.value;
  return { ok: true, value: { sw1, sw2, sw3, data: body.value.slice(3) } };
}

/** The outcome of looking for one frame at the start of a receive buffer. */
export type Scan =
  /** A whole frame (not yet checked beyond its length); `rest` follows it. */
  | { readonly kind: 'frame'; readonly frame: Uint8Array; readonly rest: Uint8Array }
  /** Not enough bytes yet: keep `rest` (from a possible preamble on) and wait for more. */
  | { readonly kind: 'incomplete'; readonly rest: Uint8Array }
  /** Bytes that can never start a frame were dropped; scan `rest` again. */
  | { readonly kind: 'noise'; readonly dropped: number; readonly rest: Uint8Array };

function preambleAt(bytes: Uint8Array, at: number): 'yes' | 'no' | 'maybe' {
  for (let i = 0; i < PREAMBLE.length; i += 1) {
    if (at + i >= bytes.length) return 'maybe';
    if (bytes[at + i] !== PREAMBLE[i]) return 'no';
  }
  return 'yes';
}

/**
 * Cuts the first frame out of a byte stream (a serial line delivers frames in arbitrary chunks,
 * after line noise, or two in one chunk). Noise before a preamble and a preamble with an
 * impossible length are dropped, so a corrupted frame cannot stall the line; the frame found is
 * still to be checked with decodeResponse or decodeCommand.
 */
export function scanFrame(buffer: Uint8Array, minLen = 4): Scan {
  let start = 0;
  while (start < buffer.length && preambleAt(buffer, start) === 'no') start += 1;
  if (start > 0) return { kind: 'noise', dropped: start, rest: buffer.slice(start) };
  if (buffer.length < HEADER_BYTES) return { kind: 'incomplete', rest: buffer };
  const len = ((buffer[5] ?? 0) << 8) | (buffer[6] ?? 0);
  if (len < minLen || len > MAX_FRAME_LEN) {
    // Not a frame after all: skip this preamble's first byte and look again.
    return { kind: 'noise', dropped: 1, rest: buffer.slice(1) };
  }
  const total = HEADER_BYTES + len;
  if (buffer.length < total) return { kind: 'incomplete', rest: buffer };
  return { kind: 'frame', frame: buffer.slice(0, total), rest: buffer.slice(total) };
}
