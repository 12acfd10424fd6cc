import type { Host } from './host';

/**
 * The renderer's warnings and errors, sent to the host's log (`log.write`: the rotating log on
 * disk in the desktop app, a bounded list in web mode) as well as to the console. On an
 * unattended kiosk the console is read by nobody; the log is what a supervisor's support bundle
 * carries. Events are codes; details are short and carry no applicant's data on purpose (the
 * host masks ID and phone numbers in them all the same).
 */

let target: Host | null = null;

/** Set once the host is known (app/bootstrap.ts). */
export function attachProblemLog(host: Host | null): void {
  target = host;
}

/** A short text of what went wrong: a code, an error's name and message, never a whole object. */
export function describeProblem(detail: unknown): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  if (typeof detail === 'string') return detail.slice(0, 500);
  if (detail instanceof Error) return `${detail.name}: ${detail.message}`.slice(0, 500);
  if (typeof detail === 'object') {
    const code =
      (detail as { code?: unknown; kind?: unknown }).code ?? (detail as { kind?: unknown }).kind;
    if (typeof code === 'string') return code.slice(0, 500);
  }
  return typeof detail === 'number' || typeof detail === 'boolean' ? String(detail) : typeof detail;
}

export function logProblem(level: 'warn' | 'error', event: string, detail?: unknown): void {
  // Before a host is attached (unit tests, the first moments of start) there is nowhere to write.
  if (!target) return;
  const text = describeProblem(detail);
  if (level === 'error') console.error(event, detail ?? '');
  else console.warn(event, detail ?? '');
  void target.invoke('log.write', {
    level,
    event,
    ...(text === undefined ? {} : { detail: text }),
  });
}

/** Errors nobody caught (a rejected promise, an exception in a handler) reach the log too. */
export function logUncaughtProblems(win: Window): void {
  win.addEventListener('unhandledrejection', (event) =>
    logProblem('error', 'unhandled-rejection', event.reason),
  );
  win.addEventListener('error', (event) =>
    logProblem('error', 'uncaught-error', event.error ?? event.message),
  );
}
