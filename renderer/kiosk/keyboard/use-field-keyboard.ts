import { useState } from 'react';

/**
 * Which of a step's fields the on-screen keyboard types into: the last one touched or focused,
 * until the keyboard's done key. The props go on each input: `inputMode="none"` keeps a touch
 * screen's system keyboard (Windows' or Android's) from opening over the kiosk's own.
 */
export function useFieldKeyboard<F extends string>() {
  const [active, setActive] = useState<F | null>(null);
  const inputProps = (field: F) => ({
    inputMode: 'none' as const,
    onFocus: () => setActive(field),
    onClick: () => setActive(field),
  });
  return { active, inputProps, close: () => setActive(null) };
}
