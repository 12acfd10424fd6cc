import { useEffect, useId, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
// The modern-browsers build: the same code without the polyfills Chromium does not need.
import Keyboard from 'simple-keyboard/build/index.modern';
import 'simple-keyboard/build/css/index.css';
import './keyboard.css';
import {
  KEY_COMMANDS,
  deleteBefore,
  insertAt,
  isCommand,
  layoutRows,
  type Caret,
  type KeyboardKind,
  type KeyboardMode,
} from '../../../shared/keyboard/layouts';
import { namePinyinIndex } from '../../../shared/keyboard/pinyin-index';

export interface OnScreenKeyboardProps {
  /** The id of the input the keys type into (its caret is read and kept). */
  readonly targetId: string;
  /** The field's label, named in the keyboard's own label. */
  readonly label: string;
  readonly kind: KeyboardKind;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The done key: the step hides the keyboard. */
  readonly onDone: () => void;
  /**
   * The name keyboard's first mode: pinyin in Chinese, Latin letters in English; a search starts
   * in Latin letters, as the catalogue finds matters by their pinyin initials.
   */
  readonly initialMode?: KeyboardMode | undefined;
}

const PAGE = 8;

/** Where the next key goes: the input's selection while it has the focus, else its end. */
function caretOf(targetId: string, value: string): Caret {
  const input = document.getElementById(targetId);
  if (input instanceof HTMLInputElement && document.activeElement === input)
    return {
      value,
      start: input.selectionStart ?? value.length,
      end: input.selectionEnd ?? value.length,
    };
  return { value, start: value.length, end: value.length };
}

/** Keeps the focus (and so the caret and the field's blur checks) in the input under a key. */
const keepFocus = (e: SyntheticEvent) => e.preventDefault();

/**
 * A touch keyboard for a kiosk without one: simple-keyboard draws the keys (real buttons, at
 * least 56 px), this component decides what they do. The name keyboard composes pinyin into
 * characters with a candidate row; the others offer only the characters their field accepts. The
 * physical keyboard keeps typing into the input as before.
 */
export function OnScreenKeyboard({
  targetId,
  label,
  kind,
  value,
  onChange,
  onDone,
  initialMode,
}: OnScreenKeyboardProps) {
  const { t, i18n } = useTranslation();
  const typingId = useId();
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  const [mode, setMode] = useState<KeyboardMode>(
    initialMode ?? (kind === 'name' && i18n.language === 'zh-CN' ? 'pinyin' : 'latin'),
  );
  const [shifted, setShifted] = useState(false);
  const [composing, setComposing] = useState('');
  const [page, setPage] = useState(0);
  const pinyinMode = kind === 'name' && mode === 'pinyin';
  const candidates = useMemo(
    () => (pinyinMode && composing ? namePinyinIndex().candidates(composing) : []),
    [pinyinMode, composing],
  );
  const pageCount = Math.max(1, Math.ceil(candidates.length / PAGE));
  const shown = candidates.slice(page * PAGE, page * PAGE + PAGE);

  // The field took the focus (and the browser scrolled it into view) before this keyboard docked
  // at the foot of the screen, often right over it: at 1280×900 the first field tapped vanished
  // under the keys. Once docked, the field is brought above it (the root's scroll-padding, set
  // while a keyboard is docked, keeps the keyboard's height clear).
  useEffect(() => {
    const field = document.getElementById(targetId);
    if (field && 'scrollIntoView' in field) field.scrollIntoView({ block: 'nearest' });
  }, [targetId]);

  // The index takes a moment to build: build it while the applicant looks at the keys.
  useEffect(() => {
    if (kind !== 'name') return;
    const id = setTimeout(() => namePinyinIndex(), 50);
    return () => clearTimeout(id);
  }, [kind]);

  const write = (next: Caret) => {
    onChange(next.value);
    // React writes the value after this handler; the caret goes after the key once it has.
    requestAnimationFrame(() => {
      const input = document.getElementById(targetId);
      if (input instanceof HTMLInputElement && document.activeElement === input)
        input.setSelectionRange(next.start, next.end);
    });
  };

  const compose = (letters: string) => {
    setComposing(letters);
    setPage(0);
  };

  const choose = (char: string) => {
    write(insertAt(caretOf(targetId, value), char));
    compose('');
  };

  const press = (key: string) => {
    if (!isCommand(key)) {
      if (pinyinMode && /^[a-z]$/.test(key)) compose(composing + key);
      else {
        // Another key ends the pinyin: its first character goes in before the key.
        write(insertAt(caretOf(targetId, value), (composing ? (candidates[0] ?? '') : '') + key));
        compose('');
      }
      return;
    }
    switch (key) {
      case KEY_COMMANDS.backspace:
        if (composing) compose(composing.slice(0, -1));
        else write(deleteBefore(caretOf(targetId, value)));
        return;
      case KEY_COMMANDS.space:
        // As on every pinyin keyboard: space takes the first candidate.
        if (composing) {
          if (candidates[0]) choose(candidates[0]);
        } else write(insertAt(caretOf(targetId, value), ' '));
        return;
      case KEY_COMMANDS.mode:
        compose('');
        setMode((m) => (m === 'pinyin' ? 'latin' : 'pinyin'));
        return;
      case KEY_COMMANDS.shift:
        setShifted((s) => !s);
        return;
      case KEY_COMMANDS.done:
        compose('');
        onDone();
        return;
    }
  };
  const pressRef = useRef(press);
  useEffect(() => {
    pressRef.current = press;
  });

  const rows = useMemo(() => layoutRows(kind, mode, shifted), [kind, mode, shifted]);
  const labels = useMemo(() => {
    const display: Record<string, string> = {
      [KEY_COMMANDS.backspace]: '⌫',
      [KEY_COMMANDS.space]: t('kioskux.keyboard.keys.space'),
      [KEY_COMMANDS.done]: t('kioskux.keyboard.keys.done'),
      [KEY_COMMANDS.shift]: '⇧',
      [KEY_COMMANDS.mode]:
        mode === 'pinyin'
          ? t('kioskux.keyboard.keys.toLatin')
          : t('kioskux.keyboard.keys.toPinyin'),
    };
    const named: Record<string, string> = {
      [KEY_COMMANDS.backspace]: t('kioskux.keyboard.keys.bksp'),
      [KEY_COMMANDS.space]: t('kioskux.keyboard.keys.space'),
      [KEY_COMMANDS.done]: t('kioskux.keyboard.keys.done'),
      [KEY_COMMANDS.shift]: t('kioskux.keyboard.keys.shift'),
      [KEY_COMMANDS.mode]:
        mode === 'pinyin'
          ? t('kioskux.keyboard.keys.toLatinLabel')
          : t('kioskux.keyboard.keys.toPinyinLabel'),
      '·': t('kioskux.keyboard.keys.dot'),
    };
    return { display, named };
  }, [t, mode]);

  useEffect(() => {
    const options = {
      layout: { default: rows },
      layoutName: 'default',
      display: labels.display,
      mergeDisplay: false,
      useButtonTag: true,
      disableButtonHold: true,
      // The kiosk's own state holds the value: simple-keyboard's copy of it is never read.
      disableCaretPositioning: true,
      theme: 'hg-theme-default kiosk-keyboard',
      buttonTheme: [
        { class: 'kiosk-key-command', buttons: Object.values(KEY_COMMANDS).join(' ') },
        ...(shifted ? [{ class: 'kiosk-key-on', buttons: KEY_COMMANDS.shift }] : []),
      ],
      buttonAttributes: [
        // Keys are buttons that never submit the form around them.
        { attribute: 'type', value: 'button', buttons: rows.join(' ') },
        ...Object.entries(labels.named).map(([key, name]) => ({
          attribute: 'aria-label',
          value: name,
          buttons: key,
        })),
        ...(shifted
          ? [{ attribute: 'aria-pressed', value: 'true', buttons: KEY_COMMANDS.shift }]
          : []),
      ],
      onKeyPress: (key: string) => pressRef.current(key),
    };
    if (!keyboard.current && host.current) keyboard.current = new Keyboard(host.current, options);
    else keyboard.current?.setOptions(options);
  }, [rows, labels, shifted]);

  useEffect(
    () => () => {
      keyboard.current?.destroy();
      keyboard.current = null;
    },
    [],
  );

  return (
    <div
      className="kiosk-keyboard-panel"
      role="group"
      aria-label={t('kioskux.keyboard.label')}
      aria-describedby={typingId}
      data-testid="on-screen-keyboard"
      data-kind={kind}
      onPointerDown={keepFocus}
      onMouseDown={keepFocus}
    >
      <p id={typingId} className="kiosk-keyboard-typing">
        {t('kioskux.keyboard.typing', { field: label })}
      </p>
      {kind === 'name' && mode === 'pinyin' && (
        <div
          className="kiosk-candidates"
          aria-label={t('kioskux.keyboard.candidates')}
          role="group"
        >
          <span className="kiosk-composing" aria-live="polite">
            {composing
              ? t('kioskux.keyboard.composing', { letters: composing })
              : t('kioskux.keyboard.hint')}
          </span>
          {composing && candidates.length === 0 && (
            <span className="field-error">{t('kioskux.keyboard.noCandidates')}</span>
          )}
          {page > 0 && (
            <button
              type="button"
              className="kiosk-candidate-page"
              aria-label={t('kioskux.keyboard.prev')}
              onClick={() => setPage((p) => p - 1)}
            >
              ‹
            </button>
          )}
          {shown.map((char) => (
            <button
              key={char}
              type="button"
              className="kiosk-candidate"
              lang="zh-CN"
              onClick={() => choose(char)}
            >
              {char}
            </button>
          ))}
          {page + 1 < pageCount && (
            <button
              type="button"
              className="kiosk-candidate-page"
              aria-label={t('kioskux.keyboard.next')}
              onClick={() => setPage((p) => p + 1)}
            >
              ›
            </button>
          )}
        </div>
      )}
      {/* simple-keyboard names its instance after the first class of the element it fills. */}
      <div ref={host} className="kiosk-keyboard-keys" />
    </div>
  );
}
