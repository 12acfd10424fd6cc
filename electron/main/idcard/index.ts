import type { IdCardReaderConfig } from './config';
import { createIdCardReader, type IdCardReader } from './reader';
import { sdtApiLink } from './vendor-library';

/**
 * The reader of this device, with the real drivers: serialport for a SAM on a serial line, koffi
 * for a vendor library. Both native modules load on the first read, so a broken install shows
 * as an unavailable reader, never as a main process that cannot start.
 */
export function hostIdCardReader(
  config: IdCardReaderConfig | null,
  log: (message: string) => void,
): IdCardReader {
  return createIdCardReader(config, {
    openPort: async (path, baudRate) => {
      const { SerialPort } = await import('serialport');
      return new SerialPort({ path, baudRate, autoOpen: false });
    },
    vendorLink: async (library, port) => sdtApiLink(library, port, await import('koffi')),
    log,
  });
}

export type { IdCardReader } from './reader';
