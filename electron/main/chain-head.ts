import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { StoredChainHeadSchema, type StoredChainHead } from '../../shared/bridge/contract';

/**
 * The device's chain head kept outside IndexedDB, in the host settings file
 * (`<userData>/kiosk-settings.json`, field `chainHeads`: one sealed text per device id). Sealed
 * with the OS keystore, so that it cannot be edited to match a rolled-back store; the renderer
 * compares it with its store at start (renderer/sync/self-check.ts).
 */

export interface TextSealer {
  seal(plain: string): string;
  /** Throws when the text was not sealed here. */
  unseal(sealed: string): string;
}

const HeadsSchema = z.record(z.string(), z.string());

function fileJson(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The head stored for `deviceId`; null when there is none or it does not unseal and parse. */
export function chainHeadFrom(
  fileText: string | null,
  deviceId: string,
  sealer: TextSealer,
): StoredChainHead | null {
  const heads = HeadsSchema.safeParse(fileJson(fileText).chainHeads);
  const sealed = heads.success ? heads.data[deviceId] : undefined;
  if (sealed === undefined) return null;
  try {
    const parsed = StoredChainHeadSchema.safeParse(JSON.parse(sealer.unseal(sealed)));
    return parsed.success && parsed.data.deviceId === deviceId ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The file's text with `head` stored; every other field is kept as it was. */
export function withChainHead(
  fileText: string | null,
  head: StoredChainHead,
  sealer: TextSealer,
): string {
  const json = fileJson(fileText);
  const heads = HeadsSchema.safeParse(json.chainHeads);
  const next = {
    ...json,
    chainHeads: {
      ...(heads.success ? heads.data : {}),
      [head.deviceId]: sealer.seal(JSON.stringify(head)),
    },
  };
  return `${JSON.stringify(next, null, 2)}\n`;
}

export interface ChainHeadStore {
  load(deviceId: string): Promise<StoredChainHead | null>;
  save(head: StoredChainHead): Promise<void>;
}

/** Reads and writes the settings file at `path`, one write at a time, each replacing it whole. */
export function createChainHeadStore(path: string, sealer: () => TextSealer): ChainHeadStore {
  let queue: Promise<unknown> = Promise.resolve();
  const read = () => readFile(path, 'utf8').catch(() => null);
  return {
    async load(deviceId) {
      return chainHeadFrom(await read(), deviceId, sealer());
    },
    save(head) {
      const write = queue.then(async () => {
        const text = withChainHead(await read(), head, sealer());
        const temporary = `${path}.chain-head.tmp`;
        await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
        await rename(temporary, path);
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
