import { ResponseAssembler, settle } from '../../../shared/idcard/link';
import { commandFor, type CommandName, type ResponseFrame } from '../../../shared/idcard/frame';
import type { Exchange, FrameLink } from '../../../shared/idcard/read-sequence';

/** The parts of serialport's SerialPort (a SerialPortStream) the link uses. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer, callback: (error: Error | null | undefined) => void): boolean;
  close(callback?: (error?: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export type OpenPort = (path: string, baudRate: number) => SerialPortLike | Promise<SerialPortLike>;

export interface SerialTiming {
  /** The longest a reader may take over a find or a select, beyond the line's transfer time. */
  readonly answerMs: number;
  /** The longest a reader may take over reading the card, beyond the transfer time. */
  readonly readMs: number;
}

export const DEFAULT_TIMING: SerialTiming = { answerMs: 600, readMs: 2500 };

/** The longest answer of each step, in bytes on the line. */
const ANSWER_BYTES: Record<CommandName, number> = {
  find: 15,
  select: 19,
  readTextAndPhoto: 7 + 3 + 4 + 256 + 1024 + 1,
};

/**
 * A frame link over a serial port, opened when first needed and again after it went away (a
 * reader unplugged and plugged back). Each exchange starts from an empty receive buffer, so an
 * answer that came late or twice for an earlier command cannot pass for this one.
 */
export class SerialFrameLink implements FrameLink {
  private port: SerialPortLike | null = null;
  private opening: Promise<SerialPortLike | null> | null = null;
  private readonly assembler = new ResponseAssembler();
  private frames: ReturnType<ResponseAssembler['push']> = [];
  /** Wakes the exchange in progress: a frame arrived or the port closed. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly openPort: OpenPort,
    private readonly timing: SerialTiming = DEFAULT_TIMING,
  ) {}

  private async ensureOpen(): Promise<SerialPortLike | null> {
    if (this.port?.isOpen) return this.port;
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async open(): Promise<SerialPortLike | null> {
    let port: SerialPortLike;
    try {
      port = await this.openPort(this.path, this.baudRate);
    } catch {
      return null;
    }
    const opened = await new Promise<boolean>((resolve) => port.open((e) => resolve(!e)));
    if (!opened) {
      port.removeAllListeners();
      return null;
    }
    port.on('data', (chunk) => {
      if (this.port !== port) return;
      this.frames.push(...this.assembler.push(new Uint8Array(chunk)));
      this.wake?.();
    });
    port.on('close', () => this.forget(port));
    // A disconnect also ends in 'close'; other errors are answered by the exchange's timeout.
    port.on('error', () => undefined);
    this.port = port;
    return port;
  }

  private forget(port: SerialPortLike): void {
    if (this.port !== port) return;
    this.port = null;
    port.removeAllListeners();
    this.wake?.();
  }

  private timeoutFor(command: CommandName): number {
    const transferMs = Math.ceil((ANSWER_BYTES[command] * 10 * 1000) / this.baudRate);
    const base = command === 'readTextAndPhoto' ? this.timing.readMs : this.timing.answerMs;
    return base + transferMs;
  }

  async exchange(
    command: CommandName,
    accepts: (response: ResponseFrame) => boolean,
  ): Promise<Exchange> {
    const port = await this.ensureOpen();
    if (!port) return { ok: false, failure: 'disconnected' };
    this.assembler.clear();
    this.frames = [];
    const written = await new Promise<boolean>((resolve) =>
      port.write(Buffer.from(commandFor(command)), (e) => resolve(!e)),
    );
    if (!written || this.port !== port) return { ok: false, failure: 'disconnected' };

    const deadline = Date.now() + this.timeoutFor(command);
    let seen = 0;
    for (;;) {
      const fresh = this.frames.slice(seen);
      seen = this.frames.length;
      const found = settle(fresh, accepts, false);
      // An acceptable frame, or a corrupted one (the reader answered, badly): done.
      if (found.ok || found.failure !== 'timeout') return found;
      if (this.port !== port) return { ok: false, failure: 'disconnected' };
      const left = deadline - Date.now();
      if (left <= 0) return settle([], accepts, this.assembler.partial);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }

  /** Closes the port (the next exchange opens it again). */
  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return;
    port.removeAllListeners();
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
