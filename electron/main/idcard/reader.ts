import { readCard, type FrameLink, type ReadOutcome } from '../../../shared/idcard/read-sequence';
import type { IdCardReaderConfig } from './config';
import { SerialFrameLink, type OpenPort, type SerialTiming } from './serial-link';

/** One ID-card reader, whatever its driver. */
export interface IdCardReader {
  /** Finds, selects and reads the card now on the reader; never throws for the reader's doing. */
  read(options: { readonly photo: boolean; readonly today?: Date }): Promise<ReadOutcome>;
  close(): Promise<void>;
}

/**
 * A reader over any frame link: one read at a time (a second request waits for the first, so
 * two reads never interleave their frames on one line).
 */
export function linkReader(link: ClosableLink, retries = 2): IdCardReader {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    read({ photo, today }) {
      const run = queue.then(() => readCard(link, { photo, today: today ?? new Date(), retries }));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      await link.close();
    },
  };
}

export const NO_READER: IdCardReader = {
  read: async () => ({ status: 'unavailable', reason: 'not-configured' }),
  close: async () => undefined,
};

export type ClosableLink = FrameLink & { close(): Promise<void> };

export interface DriverDependencies {
  /** Opens a serial port (serialport's SerialPort, or a mock binding in tests). */
  readonly openPort: OpenPort;
  /** Links to a vendor library; rejects with VendorLibraryError when it cannot be loaded. */
  readonly vendorLink: (library: string, port: number) => Promise<ClosableLink>;
  readonly timing?: Partial<SerialTiming>;
  /** Where a driver's problem is told (the main process's log). */
  readonly log?: (message: string) => void;
}

/** The reader the settings name, or NO_READER. */
export function createIdCardReader(
  config: IdCardReaderConfig | null,
  deps: DriverDependencies,
): IdCardReader {
  if (!config) return NO_READER;
  if (config.driver === 'serial') {
    const link = new SerialFrameLink(config.port, config.baudRate, deps.openPort, {
      answerMs: deps.timing?.answerMs ?? 600,
      readMs: deps.timing?.readMs ?? config.readTimeoutMs,
    });
    return linkReader(link);
  }
  // The library is loaded on the first read; a missing one answers "unplugged" each time.
  let vendor: Promise<ClosableLink | null> | null = null;
  const lazy: ClosableLink = {
    async exchange(command, accepts) {
      vendor ??= deps.vendorLink(config.library, config.port).catch((error: unknown) => {
        deps.log?.(`ID-card reader: ${error instanceof Error ? error.message : String(error)}`);
        vendor = null;
        return null;
      });
      const link = await vendor;
      return link ? link.exchange(command, accepts) : { ok: false, failure: 'disconnected' };
    },
    async close() {
      const link = await vendor;
      vendor = null;
      await link?.close();
    },
  };
  return linkReader(lazy);
}
