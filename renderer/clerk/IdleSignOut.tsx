import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Signs the clerk out after the hall's idle time: a console left open is nobody's to use. */
export function IdleSignOut({
  minutes,
  onTimeout,
}: {
  readonly minutes: number;
  readonly onTimeout: () => void;
}) {
  useEffect(() => {
    let last = Date.now();
    const mark = () => {
      last = Date.now();
    };
    for (const type of ACTIVITY)
      window.addEventListener(type, mark, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) onTimeout();
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, mark, { capture: true });
    };
  }, [minutes, onTimeout]);
  return null;
}
