/**
 * Turning a byte stream from a reader into checked response frames, and a link straight to the
 * simulator (web mode and tests) built on it.
 */
import { commandFor, decodeResponse, scanFrame, type Decoded, type ResponseFrame } from './frame';
import type { Exchange, FrameLink, LinkFailure } from './read-sequence';
import type { ReaderSimulator } from './simulator';

/** Collects chunks as they arrive and hands out each whole frame, checked. */
export class ResponseAssembler {
  private buffer: Uint8Array = new Uint8Array(0) as Uint8Array;

  /** The frames (or refusals) completed by this chunk, in order. */
  push(chunk: Uint8Array): Decoded<ResponseFrame>[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const out: Decoded<ResponseFrame>[] = [];
    let rest: Uint8Array = joined;
    for (;;) {
      const scan = scanFrame(rest, 4);
      rest = scan.rest;
      if (scan.kind === 'incomplete') break;
      if (scan.kind === 'frame') out.push(decodeResponse(scan.frame));
    }
    this.buffer = rest;
    return out;
  }

  /** Bytes of a frame begun but not finished (a short frame when nothing more comes). */
  get partial(): boolean {
    return this.buffer.length > 0;
  }

  clear(): void {
    this.buffer = new Uint8Array(0);
  }
}

/**
 * What an exchange comes to once its answers are in: the first acceptable frame, else the last
 * corrupted one's error, else a short frame ('truncated'), else silence ('timeout').
 */
export function settle(
  frames: readonly Decoded<ResponseFrame>[],
  accepts: (response: ResponseFrame) => boolean,
  partial: boolean,
): Exchange {
  let failure: LinkFailure | undefined;
  for (const frame of frames) {
    if (frame.ok && accepts(frame.value)) return { ok: true, response: frame.value };
    if (!frame.ok) failure = frame.error;
  }
  return { ok: false, failure: failure ?? (partial ? 'truncated' : 'timeout') };
}

/** A link that hands each command to the simulator and takes its answers at once. */
export function simulatorLink(simulator: ReaderSimulator): FrameLink {
  return {
    async exchange(command, accepts) {
      if (simulator.unplugged) return { ok: false, failure: 'disconnected' };
      const assembler = new ResponseAssembler();
      const frames = simulator
        .receive(commandFor(command))
        .flatMap((answer) => assembler.push(answer.bytes));
      return settle(frames, accepts, assembler.partial);
    },
  };
}
