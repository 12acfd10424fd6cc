import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../services/app-services';
import type { IdCardData, IdReadAnswer } from '../../shared/idcard/answer';
import { cardStanding } from '../../shared/idcard/card-text';

/** How often the reader is asked while it waits for a card. */
export const POLL_MS = 1000;

export type Problem =
  | 'expired'
  | 'not-yet-valid'
  | 'removed'
  | 'unreadable'
  | 'invalid-card'
  | 'unplugged'
  | 'no-answer'
  | 'module-fault'
  | 'failed';

type Phase =
  | { readonly phase: 'checking' }
  /** No reader on this device: the applicant types (the step looks as it always did). */
  | { readonly phase: 'none' }
  | { readonly phase: 'waiting' }
  | { readonly phase: 'read'; readonly name: string }
  | { readonly phase: 'problem'; readonly problem: Problem; readonly date?: string };

/** What one answer of the reader means for the applicant, on `today`. */
export function phaseFor(answer: IdReadAnswer, today: string): Phase | { card: IdCardData } {
  switch (answer.status) {
    case 'card': {
      const standing = cardStanding(answer.card, today);
      if (standing === 'expired') {
        return { phase: 'problem', problem: 'expired', date: answer.card.validUntil };
      }
      if (standing === 'not-yet-valid') {
        return { phase: 'problem', problem: 'not-yet-valid', date: answer.card.validFrom };
      }
      return { card: answer.card };
    }
    case 'no-card':
      return { phase: 'waiting' };
    case 'failed':
      return { phase: 'problem', problem: answer.reason };
    case 'unavailable':
      return answer.reason === 'not-configured'
        ? { phase: 'none' }
        : { phase: 'problem', problem: answer.reason };
  }
}

/** The problems whose own message offers typing below as the way on. */
const TYPING_OFFERED = [
  'invalid-card',
  'unplugged',
  'no-answer',
  'module-fault',
  'failed',
] as const;
type TypingOffered = (typeof TYPING_OFFERED)[number];
const offersTyping = (p: Problem): p is TypingOffered =>
  (TYPING_OFFERED as readonly Problem[]).includes(p);

/**
 * The message for a reader problem. Where the hall requires a card read, the kiosk's typing is
 * for the clerk's assisted mode only, so a message that sends the applicant to type below would
 * be untrue: those problems send the applicant to the counter instead.
 */
export function problemMessageKey(
  problem: Problem,
  required: boolean,
): `kiosk.idCard.problems.${Problem}` | `identity.kiosk.requiredProblems.${TypingOffered}` {
  return required && offersTyping(problem)
    ? `identity.kiosk.requiredProblems.${problem}`
    : `kiosk.idCard.problems.${problem}`;
}

/**
 * The entity step's first offer: "place your ID card on the reader", typing second. The reader
 * is asked every second while the step waits; a valid card fills the signer's fields (through
 * `onCard`), an expired one is refused with its date. Nothing of the card is kept here beyond
 * the name shown; the step's own state, and with it the session, holds the rest.
 */
export function IdCardReading({
  today,
  onCard,
  required = false,
}: {
  readonly today: string;
  readonly onCard: (card: IdCardData) => void;
  /** The hall requires a card read: a kiosk without a reader sends the applicant to the counter. */
  readonly required?: boolean;
}) {
  const { t } = useTranslation();
  const { host } = useServices();
  const [state, setState] = useState<Phase>({ phase: 'checking' });
  const [round, setRound] = useState(0);
  const deliver = useRef(onCard);
  useEffect(() => {
    deliver.current = onCard;
  }, [onCard]);

  const polling =
    state.phase === 'checking' || state.phase === 'waiting' || state.phase === 'problem';
  useEffect(() => {
    if (!polling) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const result = await host.invoke('idReader.read', { photo: false });
      if (!live) return;
      const next: Phase | { card: IdCardData } = result.ok
        ? phaseFor(result.value, today)
        : { phase: 'problem', problem: 'failed' };
      if ('card' in next) {
        deliver.current(next.card);
        setState({ phase: 'read', name: next.card.name });
        return;
      }
      // A card lifted after a refusal leaves the refusal up until another card comes.
      setState((s) => (s.phase === 'problem' && next.phase === 'waiting' ? s : next));
      if (next.phase !== 'none') timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // `round` restarts the polling after "read another card".
  }, [host, today, polling, round]);

  if (state.phase === 'checking') return null;
  if (state.phase === 'none') {
    return required ? (
      <p className="notice notice-stop" role="alert">
        {t('identity.kiosk.noReaderRequired')}
      </p>
    ) : null;
  }
  return (
    <section className="id-card-reading" aria-labelledby="id-card-heading">
      <h2 id="id-card-heading">{t('kiosk.idCard.heading')}</h2>
      {state.phase === 'read' ? (
        <div className="notice notice-ok" role="status">
          <p>{t('kiosk.idCard.read', { name: state.name })}</p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setState({ phase: 'waiting' });
              setRound((r) => r + 1);
            }}
          >
            {t('kiosk.idCard.readAgain')}
          </button>
        </div>
      ) : state.phase === 'problem' ? (
        <div className="notice notice-stop" role="alert">
          <p>{t(problemMessageKey(state.problem, required), { date: state.date ?? '' })}</p>
        </div>
      ) : (
        <p className="id-card-place" role="status">
          {t('kiosk.idCard.place')}
        </p>
      )}
      {!required && <p className="field-hint">{t('kiosk.idCard.orType')}</p>}
    </section>
  );
}
