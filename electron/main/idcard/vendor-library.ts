import { access } from 'node:fs/promises';
import { joinReadData, CARD_PHOTO_BYTES, CARD_TEXT_BYTES } from '../../../shared/idcard/card-text';
import { STATUS, type CommandName, type ResponseFrame } from '../../../shared/idcard/frame';
import type { Exchange } from '../../../shared/idcard/read-sequence';
import type { ClosableLink } from './reader';

export type VendorLibraryProblem = 'library-not-found' | 'library-unloadable' | 'symbol-missing';

export class VendorLibraryError extends Error {
  constructor(
    readonly problem: VendorLibraryProblem,
    readonly library: string,
    detail?: string,
  ) {
    const what = {
      'library-not-found': 'vendor library not found',
      'library-unloadable': 'vendor library cannot be loaded',
      'symbol-missing': 'vendor library lacks an SDT API function',
    }[problem];
    super(`${what}: ${library}${detail ? ` (${detail})` : ''}`);
    this.name = 'VendorLibraryError';
  }
}

/** A called function of the library: resolves with its int result. */
type NativeCall = (...args: unknown[]) => Promise<number>;

/** What the driver needs of koffi (the real one, or a fake in tests). */
export interface ForeignLoader {
  load(path: string): { func(definition: string): unknown; unload(): void };
}

/** koffi's function object: `fn.async(...args, callback)` runs the call off the main thread. */
function asyncCall(fn: unknown, name: string, library: string): NativeCall {
  const run = (fn as { async?: unknown } | null)?.async;
  if (typeof run !== 'function') throw new VendorLibraryError('symbol-missing', library, name);
  return (...args) =>
    new Promise((resolve, reject) => {
      run.call(fn, ...args, (error: unknown, result: unknown) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        // The result comes from foreign code: an int in range, or a failure.
        else if (typeof result === 'number' && Number.isInteger(result)) resolve(result);
        else reject(new Error(`${name} returned a non-integer`));
      });
    });
}

/**
 * A frame link over a vendor library with the common SDT API. Each step's return code is the
 * module's SW3 status (0x9F found, 0x90 done, 0x80 no card…), so the shared read sequence and
 * card decoding apply unchanged: the answers are turned into the frames a serial reader sends.
 */
export async function sdtApiLink(
  library: string,
  port: number,
  loader: ForeignLoader,
  platform: NodeJS.Platform = process.platform,
): Promise<ClosableLink> {
  try {
    await access(library);
  } catch {
    throw new VendorLibraryError('library-not-found', library);
  }
  let handle: ReturnType<ForeignLoader['load']>;
  try {
    handle = loader.load(library);
  } catch (error) {
    throw new VendorLibraryError('library-unloadable', library, String(error).slice(0, 200));
  }
  // Vendor DLLs for Windows use stdcall (it makes no difference on x64).
  const cc = platform === 'win32' ? '__stdcall ' : '';
  const declare = (name: string, signature: string): NativeCall => {
    let fn: unknown;
    try {
      fn = handle.func(`int ${cc}${name}(${signature})`);
    } catch {
      handle.unload();
      throw new VendorLibraryError('symbol-missing', library, name);
    }
    return asyncCall(fn, name, library);
  };
  const api = {
    open: declare('SDT_OpenPort', 'int iPort'),
    close: declare('SDT_ClosePort', 'int iPort'),
    find: declare('SDT_StartFindIDCard', 'int iPort, uint8_t *pucManaInfo, int iIfOpen'),
    select: declare('SDT_SelectIDCard', 'int iPort, uint8_t *pucManaMsg, int iIfOpen'),
    read: declare(
      'SDT_ReadBaseMsg',
      'int iPort, uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen',
    ),
  };

  let opened = false;
  const frame = (sw3: number, data: Uint8Array = new Uint8Array(0)): ResponseFrame => ({
    sw1: 0,
    sw2: 0,
    sw3: sw3 & 0xff,
    data,
  });

  async function step(command: CommandName): Promise<ResponseFrame> {
    if (!opened) {
      const status = await api.open(port);
      if (status !== STATUS.ok) return frame(status);
      opened = true;
    }
    if (command === 'find') {
      const status = await api.find(port, Buffer.alloc(8), 0);
      return frame(status, status === STATUS.cardFound ? new Uint8Array(4) : undefined);
    }
    if (command === 'select') {
      const info = Buffer.alloc(8);
      const status = await api.select(port, info, 0);
      return frame(status, status === STATUS.ok ? new Uint8Array(info) : undefined);
    }
    const text = Buffer.alloc(CARD_TEXT_BYTES);
    const photo = Buffer.alloc(CARD_PHOTO_BYTES);
    const textLen = [0];
    const photoLen = [0];
    const status = await api.read(port, text, textLen, photo, photoLen, 0);
    if (status !== STATUS.ok) return frame(status);
    const t = textLen[0] ?? 0;
    const p = photoLen[0] ?? 0;
    // Lengths from foreign code: the read data check (splitReadData) refuses anything off-layout.
    if (t !== CARD_TEXT_BYTES || p < 0 || p > CARD_PHOTO_BYTES) {
      return frame(STATUS.ok, new Uint8Array(9));
    }
    return frame(
      STATUS.ok,
      joinReadData(new Uint8Array(text), new Uint8Array(photo.subarray(0, p))),
    );
  }

  return {
    async exchange(command, accepts): Promise<Exchange> {
      let response: ResponseFrame;
      try {
        response = await step(command);
      } catch {
        opened = false;
        return { ok: false, failure: 'disconnected' };
      }
      // An open that fails (no reader on that port) is an unplugged reader.
      if (!opened) return { ok: false, failure: 'disconnected' };
      return accepts(response) ? { ok: true, response } : { ok: false, failure: 'timeout' };
    },
    async close() {
      if (opened) await api.close(port).catch(() => undefined);
      opened = false;
      handle.unload();
    },
  };
}
