import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A file picker in the console's language. The browser's own `<input type=file>` draws "Choose
 * File / No file chosen" in the browser's language whatever the console's, and cannot be
 * restyled; so the input stays hidden and a translated button opens it, with the name of the file
 * last chosen beside it. The button is an ordinary button: Tab reaches it, Enter or Space opens
 * the system's file dialog. The input's value is cleared after each choice so that choosing the
 * same file again (after fixing it) is a new choice.
 */
export function FilePicker({
  label,
  accept,
  disabled = false,
  testId,
  onFile,
}: {
  readonly label: string;
  readonly accept: string;
  readonly disabled?: boolean;
  /** The hidden input's test id (tests hand it files directly). */
  readonly testId?: string;
  readonly onFile: (file: File) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const labelId = useId();
  const buttonId = useId();
  const nameId = useId();
  return (
    <div className="file-input">
      <span id={labelId}>{label}</span>
      <div className="file-picker">
        <button
          type="button"
          id={buttonId}
          className="button-secondary"
          disabled={disabled}
          aria-labelledby={`${labelId} ${buttonId}`}
          aria-describedby={nameId}
          onClick={() => input.current?.click()}
        >
          {t('staff.filePicker.choose')}
        </button>
        <span id={nameId} className="file-picker-name" data-testid={testId && `${testId}-name`}>
          {chosen ?? t('staff.filePicker.none')}
        </span>
      </div>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setChosen(file.name);
          onFile(file);
        }}
      />
    </div>
  );
}
