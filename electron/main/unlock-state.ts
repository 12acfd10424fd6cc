import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  UNLOCK_LOCK_OUT_MS,
  UnlockStateSchema,
  type UnlockState,
  type UnlockStateStore,
} from './kiosk-unlock';

/**
 * The maintenance-PIN lock-out kept in `<userData>/kiosk-unlock-state.json`, so that restarting
 * the main process (or the machine) does not clear it. Written whole through a temporary file and
 * a rename, so a power cut leaves the old or the new state. A file that is there but unreadable
 * fails closed: a full lock-out, not a clean slate.
 */
export function unlockStateFile(path: string): UnlockStateStore {
  return {
    load(): UnlockState {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return { failures: 0, lockRemainingMs: 0 };
      }
      try {
        const parsed = UnlockStateSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
      } catch {
        // Not JSON: handled as any other unreadable state below.
      }
      return { failures: 0, lockRemainingMs: UNLOCK_LOCK_OUT_MS };
    },
    save(state) {
      const temporary = `${path}.tmp`;
      try {
        writeFileSync(temporary, `${JSON.stringify(state)}\n`);
        renameSync(temporary, path);
      } catch {
        // A full or read-only disk: the lock-out still holds for the life of the process.
      }
    },
  };
}
