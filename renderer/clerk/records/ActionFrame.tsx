import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssues } from '../../../shared/fields/issue';
import type { ActionResult } from '../../store/record-actions';
import type { LoadedRecord } from './loaded-record';

export type FormResult =
  | Exclude<ActionResult, { readonly error: 'invalid-fields' }>
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly error: 'print-failed' };

export interface ActionFormProps {
  readonly loaded: LoadedRecord;
  /** Reports the outcome; a success closes the form and reloads the record. */
  readonly onResult: (result: FormResult) => void;
}

/**
 * The frame of one action form: a heading and a submit button. When the form's fields have
 * issues, a line names the fields (by their labels) and the first marked field takes the focus.
 */
export function ActionFrame({
  heading,
  submitLabel,
  busy,
  onSubmit,
  issues = {},
  children,
}: {
  readonly heading: string;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onSubmit: () => void;
  readonly issues?: FieldIssues;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [marked, setMarked] = useState<readonly string[]>([]);
  // After the fields have rendered their errors: name them, and put the focus on the first. Keyed
  // by content, so a form that builds its issues anew on each render does not loop.
  const key = JSON.stringify(issues);
  useEffect(() => {
    const current = form.current;
    if (!current) return;
    setMarked(
      [...current.querySelectorAll('.field-invalid label')].map((l) => l.textContent ?? ''),
    );
    current.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [key]);
  return (
    <form
      ref={form}
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
      {marked.length > 0 && (
        <p className="notice notice-stop" role="alert" data-testid="form-issues">
          {t('fields.summary', {
            count: marked.length,
            fields: marked.join(t('fields.summarySeparator')),
          })}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
