import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, type KeyInput } from '../../../electron/main/shortcuts';

function key(code: string, mods: Partial<KeyInput> = {}, keyName = code): KeyInput {
  return {
    type: 'keyDown',
    key: keyName,
    code,
    control: false,
    alt: false,
    shift: false,
    meta: false,
    ...mods,
  };
}

const ESCAPES: Array<[string, KeyInput]> = [
  ['Alt+F4', key('F4', { alt: true })],
  ['Ctrl+W', key('KeyW', { control: true }, 'w')],
  ['Ctrl+Q', key('KeyQ', { control: true }, 'q')],
  ['Ctrl+R', key('KeyR', { control: true }, 'r')],
  ['Ctrl+Shift+R', key('KeyR', { control: true, shift: true }, 'R')],
  ['F5', key('F5')],
  ['Ctrl+F5', key('F5', { control: true })],
  ['F11', key('F11')],
  ['F12', key('F12')],
  ['Ctrl+Shift+I', key('KeyI', { control: true, shift: true }, 'I')],
  ['Ctrl+Shift+J', key('KeyJ', { control: true, shift: true }, 'J')],
  ['Ctrl+Shift+C', key('KeyC', { control: true, shift: true }, 'C')],
  ['Cmd+Alt+I', key('KeyI', { meta: true, alt: true }, 'i')],
  ['Ctrl+N', key('KeyN', { control: true }, 'n')],
  ['Ctrl+T', key('KeyT', { control: true }, 't')],
  ['Ctrl+P', key('KeyP', { control: true }, 'p')],
  ['Ctrl+S', key('KeyS', { control: true }, 's')],
  ['Ctrl+U', key('KeyU', { control: true }, 'u')],
  ['Ctrl+=', key('Equal', { control: true }, '=')],
  ['Ctrl+-', key('Minus', { control: true }, '-')],
  ['Ctrl+0', key('Digit0', { control: true }, '0')],
  ['Alt+Left', key('ArrowLeft', { alt: true }, 'ArrowLeft')],
  ['Alt alone', key('AltLeft', { alt: true }, 'Alt')],
  ['Browser back key', key('BrowserBack')],
  ['Ctrl+Tab', key('Tab', { control: true }, 'Tab')],
];

const ORDINARY: Array<[string, KeyInput]> = [
  ['a letter', key('KeyA', {}, 'a')],
  ['Shift+A', key('KeyA', { shift: true }, 'A')],
  ['Backspace', key('Backspace')],
  ['Tab', key('Tab')],
  ['Shift+Tab', key('Tab', { shift: true })],
  ['Enter', key('Enter')],
  ['Ctrl+C', key('KeyC', { control: true }, 'c')],
  ['Ctrl+V', key('KeyV', { control: true }, 'v')],
  ['Ctrl+A', key('KeyA', { control: true }, 'a')],
  ['Ctrl+Z', key('KeyZ', { control: true }, 'z')],
  ['Ctrl+Space (input method)', key('Space', { control: true }, ' ')],
  ['a digit', key('Digit5', {}, '5')],
  ['Escape', key('Escape')],
];

describe('kiosk shortcuts', () => {
  it.each(ESCAPES)('blocks %s in the kiosk', (_name, input) => {
    expect(isBlockedShortcut(input, 'kiosk', false)).toBe(true);
  });

  it.each(ORDINARY)('lets %s through in the kiosk', (_name, input) => {
    expect(isBlockedShortcut(input, 'kiosk', false)).toBe(false);
  });

  it('judges key presses only, not releases', () => {
    expect(isBlockedShortcut({ ...key('F4', { alt: true }), type: 'keyUp' }, 'kiosk', false)).toBe(
      false,
    );
    expect(isBlockedShortcut({ ...key('F5'), type: 'rawKeyDown' }, 'kiosk', false)).toBe(true);
  });
});

describe('counter shortcuts', () => {
  it('keeps developer tools and view-source shut unless they are allowed', () => {
    expect(isBlockedShortcut(key('F12'), 'counter', false)).toBe(true);
    expect(isBlockedShortcut(key('KeyI', { control: true, shift: true }), 'counter', false)).toBe(
      true,
    );
    expect(isBlockedShortcut(key('F12'), 'counter', true)).toBe(false);
    expect(isBlockedShortcut(key('KeyU', { control: true }), 'counter', true)).toBe(true);
  });

  it('leaves the normal window’s own keys alone', () => {
    for (const input of [
      key('F4', { alt: true }),
      key('KeyW', { control: true }),
      key('F11'),
      key('KeyR', { control: true }),
      key('KeyC', { control: true }),
    ]) {
      expect(isBlockedShortcut(input, 'counter', false)).toBe(false);
    }
  });
});
