import { useTranslation } from 'react-i18next';
import type { FieldIssue, FieldIssues } from '../../../shared/fields/issue';
import { TEXT_RULES } from '../../../shared/fields/rules';
import { Field, type FieldMessage } from '../../ui/Field';
import { fieldIssueText } from '../../ui/field-issue';
import { useConsole } from '../console';
import type { LoadedRecord } from './loaded-record';

/**
 * A labelled text input (or textarea) on a console form. `maxLength` stops the input at the
 * field's limit and the hint states it; an `issue` (shared/fields) replaces the hint with the
 * error, marks the field and is what a screen reader hears for it.
 */
export function TextField({
  name,
  label,
  value,
  onChange,
  type = 'text',
  multiline = false,
  hint,
  issue,
  error,
  maxLength,
  min,
  max,
}: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'date' | 'number';
  readonly multiline?: boolean;
  readonly hint?: string;
  readonly issue?: FieldIssue | undefined;
  /** An error already in words, for rules outside shared/fields (enrolment codes). */
  readonly error?: string | undefined;
  readonly maxLength?: number;
  /** For dates and numbers: the range the input offers. */
  readonly min?: string | number;
  readonly max?: string | number;
}) {
  const { t } = useTranslation();
  const stated =
    hint ?? (maxLength !== undefined ? t('fields.limit', { max: maxLength }) : undefined);
  const message: FieldMessage | undefined = issue
    ? { kind: 'error', text: fieldIssueText(t, issue) }
    : error
      ? { kind: 'error', text: error }
      : stated
        ? { kind: 'hint', text: stated }
        : undefined;
  return (
    <Field
      name={name}
      label={label}
      message={message}
      control={(id, describedBy, invalid) =>
        multiline ? (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            rows={3}
            maxLength={maxLength}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            type={type}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            autoComplete="off"
            maxLength={maxLength}
            min={min}
            max={max}
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
  issues = {},
  path,
}: {
  readonly prefix: string;
  readonly value: OrganInput;
  readonly onChange: (value: OrganInput) => void;
  /** The form's issues, and the organ's path among them ('findingOrgan'). */
  readonly issues?: FieldIssues;
  readonly path?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="field-pair">
      <TextField
        name={`${prefix}-organ-name`}
        label={t('clerk.fields.organName')}
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        maxLength={TEXT_RULES.organName.max}
        issue={path ? issues[`${path}.name`] : undefined}
      />
      <TextField
        name={`${prefix}-organ-code`}
        label={t('clerk.fields.organCode')}
        value={value.code}
        onChange={(code) => onChange({ ...value, code })}
        maxLength={TEXT_RULES.organCode.max}
        issue={path ? issues[`${path}.code`] : undefined}
      />
    </div>
  );
}
