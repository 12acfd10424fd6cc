import type { ReactNode } from 'react';
import type { ActionResult } from '../../store/record-actions';
import type { LoadedRecord } from './loaded-record';

export type FormResult =
  | ActionResult
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly error: 'print-failed' };

export interface ActionFormProps {
  readonly loaded: LoadedRecord;
  /** Reports the outcome; a success closes the form and reloads the record. */
  readonly onResult: (result: FormResult) => void;
}

/** The frame of one action form: a heading and a submit button. */
export function ActionFrame({
  heading,
  submitLabel,
  busy,
  onSubmit,
  children,
}: {
  readonly heading: string;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}) {
  return (
    <form
      className="form action-form"
      aria-label={heading}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      <h3>{heading}</h3>
      {children}
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
