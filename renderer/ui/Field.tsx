import { useId, type ReactNode } from 'react';

export type FieldMessage = { readonly kind: 'error' | 'ok' | 'hint'; readonly text: string };

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly message?: FieldMessage | undefined;
  /** The input itself, given its id and the id of the message that describes it. */
  readonly control: (id: string, describedBy: string) => ReactNode;
}

/** A labelled form field with one message line below it (error, confirmation or hint). */
export function Field({ name, label, message, control }: FieldProps) {
  const messageId = useId();
  const id = `field-${name}`;
  return (
    <div className={`field${message?.kind === 'error' ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control(id, messageId)}
      <p id={messageId} className={`field-${message?.kind ?? 'hint'}`} aria-live="polite">
        {message?.text ?? ''}
      </p>
    </div>
  );
}
