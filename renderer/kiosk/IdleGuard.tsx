import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface IdleGuardProps {
  /** Off on the welcome screen, where there is nothing to protect. */
  readonly active: boolean;
  readonly warnAfterSeconds: number;
  readonly countdownSeconds: number;
  readonly onTimeout: () => void;
}

// What a person does, not what the page does: a scroll is left out, because the page scrolls by
// itself (a focus moved, the on-screen keyboard docking, a checker walking the page), and a touch
// or wheel that scrolls already counts.
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** After a spell without a touch: a warning with a countdown, then a full reset of the session. */
export function IdleGuard({
  active,
  warnAfterSeconds,
  countdownSeconds,
  onTimeout,
}: IdleGuardProps) {
  const { t } = useTranslation();
  const [countdown, setCountdown] = useState<number | null>(null);
  const lastActivity = useRef(0);
  const stayRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!active) return;
    lastActivity.current = Date.now();
    const mark = () => {
      lastActivity.current = Date.now();
    };
    for (const type of ACTIVITY)
      window.addEventListener(type, mark, { capture: true, passive: true });
    const timer = setInterval(() => {
      // Listening to the letter read aloud is not being away: it takes minutes and no touch.
      if (typeof speechSynthesis !== 'undefined' && speechSynthesis.speaking) mark();
      const idle = (Date.now() - lastActivity.current) / 1000;
      if (idle < warnAfterSeconds) setCountdown(null);
      else setCountdown(Math.max(0, Math.ceil(warnAfterSeconds + countdownSeconds - idle)));
    }, 250);
    return () => {
      clearInterval(timer);
      setCountdown(null);
      for (const type of ACTIVITY) window.removeEventListener(type, mark, { capture: true });
    };
  }, [active, warnAfterSeconds, countdownSeconds]);

  useEffect(() => {
    if (countdown === 0) onTimeout();
  }, [countdown, onTimeout]);

  const warning = active && countdown !== null && countdown > 0;
  useEffect(() => {
    // Without scrolling: a scroll counts as activity and would end the warning it brings up.
    if (warning) stayRef.current?.focus({ preventScroll: true });
  }, [warning]);

  if (!warning) return null;
  return (
    <div className="modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-heading"
        aria-describedby="idle-body"
        className="modal"
      >
        <h2 id="idle-heading">{t('kiosk.idle.heading')}</h2>
        <p id="idle-body">{t('kiosk.idle.body', { seconds: countdown })}</p>
        <div className="row">
          <button
            ref={stayRef}
            type="button"
            className="button-primary"
            onClick={() => (lastActivity.current = Date.now())}
          >
            {t('kiosk.idle.stay')}
          </button>
          <button type="button" className="button-secondary" onClick={onTimeout}>
            {t('kiosk.idle.leave')}
          </button>
        </div>
      </div>
    </div>
  );
}
