import {
  LogRateLimiter,
  rendererLogLine,
  type RendererLogEntry,
} from '../../shared/logging/renderer-log';

/**
 * Web mode's log: no disk of its own, so the renderer's lines go to a bounded list in the
 * browser's storage (the newest MAX_WEB_LOG_LINES, masked and rate-limited as on the desktop),
 * which the support bundle reads back. Lines are also shown on the console, as before.
 */
export const WEB_LOG_KEY = 'credit-kiosk:log';
export const MAX_WEB_LOG_LINES = 500;

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface WebLog {
  write(entry: RendererLogEntry): boolean;
  recent(maxLines: number): string[];
}

function clean(text: string): string {
  return Array.from(text, (c) => (c < ' ' || c === '\x7f' ? ' ' : c)).join('');
}

export function createWebLog(
  storage: StorageLike,
  options: { readonly monotonicNow?: () => number; readonly now?: () => Date } = {},
): WebLog {
  const limiter = new LogRateLimiter(options.monotonicNow ?? (() => performance.now()));
  const now = options.now ?? (() => new Date());
  const read = (): string[] => {
    try {
      const json: unknown = JSON.parse(storage.getItem(WEB_LOG_KEY) ?? '[]');
      return Array.isArray(json) ? json.filter((l): l is string => typeof l === 'string') : [];
    } catch {
      return [];
    }
  };
  const append = (level: string, event: string, detail?: string) => {
    const line = clean(
      `${now().toISOString()} ${level.toUpperCase()} ${event}${detail === undefined ? '' : ` ${detail}`}`,
    );
    try {
      storage.setItem(WEB_LOG_KEY, JSON.stringify([...read(), line].slice(-MAX_WEB_LOG_LINES)));
    } catch {
      // Storage full: the line is lost, the app goes on.
    }
  };
  return {
    write(entry) {
      const decision = limiter.take();
      if (!decision.write) return false;
      if (decision.dropped > 0) append('warn', 'renderer-log-dropped', String(decision.dropped));
      const line = rendererLogLine(entry);
      append(line.level, line.event, line.detail);
      return true;
    },
    recent(maxLines) {
      return read().slice(-maxLines);
    },
  };
}
