import { Field } from './Field';

/** A PIN input: digits keypad on touch screens, never echoed, and the browser told what it is for. */
export function PinField({
  name,
  label,
  value,
  onChange,
  purpose,
  hint,
}: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** 'new' when a PIN is being chosen, 'current' when one is typed to sign in. */
  readonly purpose: 'new' | 'current';
  readonly hint?: string;
}) {
  return (
    <Field
      name={name}
      label={label}
      message={hint ? { kind: 'hint', text: hint } : undefined}
      control={(id, describedBy) => (
        <input
          id={id}
          type="password"
          inputMode="numeric"
          autoComplete={purpose === 'new' ? 'new-password' : 'current-password'}
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    />
  );
}
