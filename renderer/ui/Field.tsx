import { useId, type ReactNode } from 'react';

export type FieldMessage = { readonly kind: 'error' | 'ok' | 'hint'; readonly text: string };

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly message?: FieldMessage | undefined;
  /**
   * The input itself, given its id, the id of the message that describes it, and whether the
   * message is an error (for aria-invalid).
   */
  readonly control: (id: string, describedBy: string, invalid: boolean) => ReactNode;
}

/**
 * A labelled form field with one message line below it (error, confirmation or hint). An error
 * marks the field (aria-invalid, red border) and is what the input's aria-describedby reads.
 */
export function Field({ name, label, message, control }: FieldProps) {
  const messageId = useId();
  const id = `field-${name}`;
  const invalid = message?.kind === 'error';
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control(id, messageId, invalid)}
      <p id={messageId} className={`field-${message?.kind ?? 'hint'}`} aria-live="polite">
        {message?.text ?? ''}
      </p>
    </div>
  );
}
