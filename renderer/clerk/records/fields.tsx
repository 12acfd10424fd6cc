import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useConsole } from '../console';
import type { LoadedRecord } from './loaded-record';

/** A labelled text input (or textarea) on an action form. */
export function TextField({
  name,
  label,
  value,
  onChange,
  type = 'text',
  multiline = false,
  hint,
}: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'date' | 'number';
  readonly multiline?: boolean;
  readonly hint?: string;
}) {
  return (
    <Field
      name={name}
      label={label}
      message={hint ? { kind: 'hint', text: hint } : undefined}
      control={(id, describedBy) =>
        multiline ? (
          <textarea
            id={id}
            aria-describedby={describedBy}
            rows={3}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            type={type}
            aria-describedby={describedBy}
            autoComplete="off"
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    />
  );
}

export function SelectField<V extends string>({
  name,
  label,
  value,
  options,
  onChange,
}: {
  readonly name: string;
  readonly label: string;
  readonly value: V;
  readonly options: readonly { readonly value: V; readonly label: string }[];
  readonly onChange: (value: V) => void;
}) {
  return (
    <Field
      name={name}
      label={label}
      control={(id, describedBy) => (
        <select
          id={id}
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export interface OrganInput {
  readonly name: string;
  readonly code: string;
}

/** The organ that made a finding: by default the matter's responsible department, as collected. */
export function useDefaultOrgan(loaded: LoadedRecord): OrganInput {
  const { services } = useConsole();
  const matter = services.catalogue?.catalogue.matters.find(
    (m) => m.code === loaded.row.matterCode,
  );
  return { name: matter?.department.name['zh-CN'] ?? '', code: matter?.department.code ?? '' };
}

export function OrganFields({
  prefix,
  value,
  onChange,
}: {
  readonly prefix: string;
  readonly value: OrganInput;
  readonly onChange: (value: OrganInput) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field-pair">
      <TextField
        name={`${prefix}-organ-name`}
        label={t('clerk.fields.organName')}
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
      />
      <TextField
        name={`${prefix}-organ-code`}
        label={t('clerk.fields.organCode')}
        value={value.code}
        onChange={(code) => onChange({ ...value, code })}
      />
    </div>
  );
}
