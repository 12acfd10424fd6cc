import type { WindowMode } from './window-mode';

/** The fields of Electron's `Input` that decide; a plain object so that tests need no binary. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

/** Keys that leave, reload, inspect or re-frame the page; never useful to an applicant. */
const KIOSK_BARE = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F10',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'ContextMenu',
]);

/** With Ctrl (or Cmd): close, quit, reload, new window/tab, print, save, open, find, source, zoom. */
const KIOSK_WITH_CONTROL = new Set([
  'KeyW',
  'KeyQ',
  'KeyR',
  'KeyN',
  'KeyT',
  'KeyP',
  'KeyS',
  'KeyO',
  'KeyF',
  'KeyG',
  'KeyH',
  'KeyJ',
  'KeyU',
  'KeyL',
  'KeyD',
  'Equal',
  'Minus',
  'Digit0',
  'NumpadAdd',
  'NumpadSubtract',
  'Numpad0',
  'Tab',
  'F4',
  'F5',
]);

/** Developer tools, reachable in both modes when they are switched off. */
function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.code === 'F12') return true;
  const modifier = input.control || input.meta;
  return (
    modifier && (input.shift || input.alt) && ['KeyI', 'KeyJ', 'KeyC', 'KeyK'].includes(input.code)
  );
}

/**
 * Whether a key press must not reach the page. In the kiosk this is every way out of the app
 * that Chromium or the window manager would honour; `Alt+F4` is also caught by the close guard.
 * In the counter window only developer tools and view-source stay shut.
 */
export function isBlockedShortcut(
  input: KeyInput,
  mode: WindowMode,
  devToolsAllowed: boolean,
): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (isDevToolsShortcut(input)) return !devToolsAllowed;
  const modifier = input.control || input.meta;
  if (mode === 'counter') return modifier && input.code === 'KeyU';
  if (KIOSK_BARE.has(input.code) || KIOSK_BARE.has(input.key)) return true;
  if (modifier && KIOSK_WITH_CONTROL.has(input.code)) return true;
  if (input.alt && ['F4', 'ArrowLeft', 'ArrowRight', 'Home', 'Space', 'Tab'].includes(input.code))
    return true;
  // Alt alone would focus a menu bar on Windows and Linux.
  if (input.key === 'Alt' && !modifier && !input.shift) return true;
  return false;
}
