/**
 * One writer at a time on the device's event chain, across tabs and windows: the Web Locks API
 * where the browser has it, else an in-page queue (tests, old engines). Appending reads the
 * chain head, signs (asynchronously) and writes, so it must never interleave with another append.
 */
const LOCK_NAME = 'credit-kiosk:event-chain';

let tail: Promise<unknown> = Promise.resolve();

export function withChainLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return locks.request(LOCK_NAME, { mode: 'exclusive' }, task) as Promise<T>;
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}
