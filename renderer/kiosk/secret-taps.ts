import { useCallback, useRef } from 'react';

/**
 * A hidden gesture for maintenance staff: `count` taps within `withinMs` on one spot. Applicants
 * never meet it by chance, and what it opens asks for a PIN the host checks.
 */
export function useSecretTaps(onDone: () => void, count = 5, withinMs = 3000): () => void {
  const taps = useRef<number[]>([]);
  return useCallback(() => {
    const now = Date.now();
    taps.current = [...taps.current.filter((t) => now - t < withinMs), now];
    if (taps.current.length >= count) {
      taps.current = [];
      onDone();
    }
  }, [onDone, count, withinMs]);
}
