import { Field } from './Field';

/** A PIN input: digits keypad on touch screens, never echoed, and the browser told what it is for. */
export function PinField({
  name,
  label,
  value,
  onChange,
  purpose,
  hint,
  error,
}: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** 'new' when a PIN is being chosen, 'current' when one is typed to sign in. */
  readonly purpose: 'new' | 'current';
  readonly hint?: string;
  /** An error to show in place of the hint, marking the field. */
  readonly error?: string | undefined;
}) {
  return (
    <Field
      name={name}
      label={label}
      message={
        error ? { kind: 'error', text: error } : hint ? { kind: 'hint', text: hint } : undefined
      }
      control={(id, describedBy, invalid) => (
        <input
          id={id}
          type="password"
          inputMode="numeric"
          autoComplete={purpose === 'new' ? 'new-password' : 'current-password'}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          maxLength={12}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    />
  );
}
