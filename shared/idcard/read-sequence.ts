/**
 * The read of one card, find → select → read text and photo, over any link that exchanges
 * frames (a serial line in the desktop host, the simulator in web mode and tests). The link owns
 * timing (timeouts, a late or doubled answer); this owns what the answers mean, the retries,
 * and the one outcome the kiosk sees.
 */
import type { Today } from '../ids/calendar';
import { decodeCardText, splitReadData, type CardTextError, type IdCardText } from './card-text';
import { STATUS, type CommandName, type FrameError, type ResponseFrame } from './frame';

export type LinkFailure =
  /** No acceptable answer within the link's time. */
  | 'timeout'
  /** The port went away (a USB reader pulled out) or cannot be opened. */
  | 'disconnected'
  /** Only corrupted frames arrived. */
  | FrameError;

export type Exchange =
  | { readonly ok: true; readonly response: ResponseFrame }
  | { readonly ok: false; readonly failure: LinkFailure };

export interface FrameLink {
  /**
   * Sends one command and answers the first well-formed response that `accepts` takes (a stray
   * answer to an earlier command, arriving late or twice, is skipped), or why none came.
   */
  exchange(command: CommandName, accepts: (response: ResponseFrame) => boolean): Promise<Exchange>;
}

export type ReadFailure =
  /** The card was lifted during the read. */
  | 'removed'
  /** The card could not be read (a failure status, a broken or short answer): place it again. */
  | 'unreadable'
  /** The card was read but its text fails the checks (see `detail`). */
  | 'invalid-card';

export type ReaderUnavailable =
  /** No reader is configured on this device. */
  | 'not-configured'
  /** The reader's port or library is gone (unplugged, or never there). */
  | 'unplugged'
  /** The reader does not answer. */
  | 'no-answer'
  /** The security module reports a fault of its own (self-test, authorisation). */
  | 'module-fault';

export type ReadOutcome =
  | {
      readonly status: 'card';
      readonly card: IdCardText;
      /** The WLT-compressed photo, opaque; present only when asked for. */
      readonly photo?: Uint8Array;
    }
  | { readonly status: 'no-card' }
  | { readonly status: 'failed'; readonly reason: ReadFailure; readonly detail?: CardTextError }
  | { readonly status: 'unavailable'; readonly reason: ReaderUnavailable };

export interface ReadOptions {
  readonly today: Today;
  /** Whether the caller wants the photo (only when the hall compares photos). */
  readonly photo: boolean;
  /** How many times a step is tried again after a link failure or a read failure. */
  readonly retries?: number;
}

const MODULE_FAULTS: ReadonlySet<number> = new Set([STATUS.selfTestFailed, STATUS.notAuthorised]);

/** A find succeeds with 0x9F; failures (0x80: no card) carry no data. */
const isFindAnswer = (r: ResponseFrame) =>
  r.sw3 === STATUS.cardFound || (r.sw3 !== STATUS.ok && r.data.length === 0);
/** A select succeeds with 0x90 and 8 bytes of card serial; failures carry no data. */
const isSelectAnswer = (r: ResponseFrame) =>
  r.sw3 !== STATUS.cardFound && (r.sw3 !== STATUS.ok || r.data.length === 8);
/** A read succeeds with 0x90 and its text and photo; failures carry no data. */
const isReadAnswer = (r: ResponseFrame) =>
  r.sw3 !== STATUS.cardFound && (r.sw3 !== STATUS.ok || r.data.length > 8);

function linkOutcome(failure: LinkFailure): ReadOutcome | undefined {
  if (failure === 'disconnected') return { status: 'unavailable', reason: 'unplugged' };
  return undefined;
}

/** One step with its retries: the answer, or the last link failure. */
async function step(
  link: FrameLink,
  command: CommandName,
  accepts: (r: ResponseFrame) => boolean,
  retries: number,
): Promise<Exchange> {
  let last: Exchange = { ok: false, failure: 'timeout' };
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    last = await link.exchange(command, accepts);
    if (last.ok || last.failure === 'disconnected') return last;
  }
  return last;
}

/** Finds, selects and reads the card on the reader. Never throws for anything a reader does. */
export async function readCard(link: FrameLink, options: ReadOptions): Promise<ReadOutcome> {
  const retries = options.retries ?? 2;

  const found = await step(link, 'find', isFindAnswer, retries);
  if (!found.ok)
    return linkOutcome(found.failure) ?? { status: 'unavailable', reason: 'no-answer' };
  if (MODULE_FAULTS.has(found.response.sw3))
    return { status: 'unavailable', reason: 'module-fault' };
  if (found.response.sw3 !== STATUS.cardFound) return { status: 'no-card' };

  const selected = await step(link, 'select', isSelectAnswer, retries);
  if (!selected.ok) {
    return linkOutcome(selected.failure) ?? { status: 'failed', reason: 'unreadable' };
  }
  // A card found but then not selectable has mostly just been lifted again.
  if (selected.response.sw3 !== STATUS.ok) return stillThere(link, retries);

  let read: Exchange = { ok: false, failure: 'timeout' };
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    read = await link.exchange('readTextAndPhoto', isReadAnswer);
    if (read.ok && read.response.sw3 === STATUS.ok) break;
    if (!read.ok && read.failure === 'disconnected') break;
  }
  if (!read.ok) return linkOutcome(read.failure) ?? stillThere(link, retries);
  if (read.response.sw3 !== STATUS.ok) return stillThere(link, retries);

  const parts = splitReadData(read.response.data);
  if (!parts.ok) return { status: 'failed', reason: 'unreadable' };
  const text = decodeCardText(parts.text, options.today);
  if (!text.ok) return { status: 'failed', reason: 'invalid-card', detail: text.error };
  return options.photo && parts.photo.length > 0
    ? { status: 'card', card: text.card, photo: parts.photo }
    : { status: 'card', card: text.card };
}

/** After a failed read: "removed" when the card is gone, else "unreadable" (place it again). */
async function stillThere(link: FrameLink, retries: number): Promise<ReadOutcome> {
  const again = await step(link, 'find', isFindAnswer, retries);
  if (!again.ok) return linkOutcome(again.failure) ?? { status: 'failed', reason: 'unreadable' };
  return again.response.sw3 === STATUS.cardFound
    ? { status: 'failed', reason: 'unreadable' }
    : { status: 'failed', reason: 'removed' };
}
