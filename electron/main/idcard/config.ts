import { posix, win32 } from 'node:path';
import { z } from 'zod';

/** Baud rates SAM readers are sold with; 115200 is the common USB-serial default. */
export const READER_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

// COM3, \\.\COM12, /dev/ttyUSB0, /dev/serial/by-id/usb-…: a device name, never a path outside /dev.
const SERIAL_PORT = /^(?:COM\d{1,3}|\\\\\.\\COM\d{1,3}|\/dev\/[\w.:+-]+(?:\/[\w.:+-]+)*)$/u;
// A Windows DLL or a Linux shared object (libsdtapi.so, libsdtapi.so.1).
const LIBRARY_FILE = /\.(?:dll|so(?:\.\d+)*)$/iu;

function isAbsoluteLibrary(path: string): boolean {
  const absolute = posix.isAbsolute(path) || /^[A-Za-z]:\\/u.test(path) || win32.isAbsolute(path);
  const segments = path.split(/[\\/]/u);
  return absolute && !segments.includes('..') && LIBRARY_FILE.test(path) && !path.includes('\0');
}

/**
 * The hall's ID-card reader, in the host settings file (`idCardReader`):
 * - `serial`: a reader that speaks the SAM frames on a serial line (most USB readers);
 * - `sdtapi`: a reader sold with a vendor library exposing the common SDT API
 *   (SDT_OpenPort, SDT_StartFindIDCard, SDT_SelectIDCard, SDT_ReadBaseMsg, SDT_ClosePort).
 */
export const IdCardReaderConfigSchema = z.discriminatedUnion('driver', [
  z
    .object({
      driver: z.literal('serial'),
      port: z
        .string()
        .min(1)
        .max(200)
        .regex(SERIAL_PORT)
        .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), 'a device name'),
      baudRate: z
        .number()
        .refine((n) => (READER_BAUD_RATES as readonly number[]).includes(n), 'baud rate')
        .default(115200),
      /** How long a reader may take over reading a card's text and photo. */
      readTimeoutMs: z.number().int().min(500).max(10_000).default(2500),
    })
    .strict(),
  z
    .object({
      driver: z.literal('sdtapi'),
      /** Absolute path of the vendor's DLL or shared object. */
      library: z.string().min(1).max(500).refine(isAbsoluteLibrary, 'an absolute .dll or .so path'),
      /** The SDT API's port number: 1-16 serial, 1001-1016 USB. */
      port: z.number().int().min(1).max(9999).default(1001),
    })
    .strict(),
]);
export type IdCardReaderConfig = z.output<typeof IdCardReaderConfigSchema>;
