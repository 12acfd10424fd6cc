import { useEffect, useState } from 'react';

/** An applicant's display choices. They last for one kiosk session and reset with it. */
export interface DisplayPrefs {
  readonly largeText: boolean;
  readonly highContrast: boolean;
}

export const DEFAULT_DISPLAY: DisplayPrefs = { largeText: false, highContrast: false };

/** Mirrors the choices onto <html> where the design tokens pick them up. */
export function useDisplayPrefs(): [DisplayPrefs, (next: DisplayPrefs) => void] {
  const [prefs, setPrefs] = useState<DisplayPrefs>(DEFAULT_DISPLAY);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.textSize = prefs.largeText ? 'large' : 'normal';
    root.dataset.contrast = prefs.highContrast ? 'high' : 'normal';
  }, [prefs]);
  return [prefs, setPrefs];
}
