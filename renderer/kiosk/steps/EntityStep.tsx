import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/catalogue/schema';
import {
  validateEntity,
  type Entity,
  type EntityIssue,
  type EntityWarning,
} from '../../../shared/entity';
import { allowedDocumentTypes } from '../../../shared/ids/document';
import type { EntityKind, IdDocumentType } from '../../../shared/model';
import type { IdCardData } from '../../../shared/idcard/answer';
import { keyboardForDocument, type KeyboardKind } from '../../../shared/keyboard/layouts';
import { Field, type FieldMessage } from '../../ui/Field';
import { IdCardReading } from '../IdCardReading';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { useFieldKeyboard } from '../keyboard/use-field-keyboard';
import { StepFrame } from '../StepFrame';

interface EntityStepProps {
  readonly kind: EntityKind;
  readonly matter: Matter;
  readonly today: string;
  readonly initial: Entity | null;
  readonly onDone: (entity: Entity, warnings: readonly EntityWarning[]) => void;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

interface FormState {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  representative: string;
  agentName: string;
  agentIdType: IdDocumentType;
  agentIdNumber: string;
  phone: string;
}

const PERSON_TYPES = allowedDocumentTypes('natural-person');

/** The form's text fields, which the on-screen keyboard types into. */
type TypedField = 'name' | 'idNumber' | 'representative' | 'agentName' | 'agentIdNumber' | 'phone';

function initialForm(kind: EntityKind, entity: Entity | null): FormState {
  return {
    name: entity?.name ?? '',
    idType: entity?.idType ?? (allowedDocumentTypes(kind)[0] as IdDocumentType),
    idNumber: entity?.idNumber ?? '',
    representative: entity?.representative?.name ?? '',
    agentName: entity?.agent?.name ?? '',
    agentIdType: entity?.agent?.idType ?? 'resident-id',
    agentIdNumber: entity?.agent?.idNumber ?? '',
    phone: entity?.phone ?? '',
  };
}

/** What the form hands to the domain rules, plus the matter's own requirements. */
function check(kind: EntityKind, matter: Matter, form: FormState, today: string) {
  const organisation = kind !== 'natural-person';
  const wantsAgent = matter.needsAgent && organisation;
  const result = validateEntity(
    {
      kind,
      name: form.name,
      idType: form.idType,
      idNumber: form.idNumber,
      ...(organisation ? { representative: { name: form.representative } } : {}),
      ...(wantsAgent
        ? {
            agent: { name: form.agentName, idType: form.agentIdType, idNumber: form.agentIdNumber },
          }
        : {}),
      ...(form.phone.trim() ? { phone: form.phone } : {}),
    },
    today,
  );
  const extra: EntityIssue[] = [];
  if (matter.needsPhone && !form.phone.trim()) extra.push({ field: 'phone', code: 'required' });
  if (result.ok) return extra.length ? { ok: false as const, issues: extra } : result;
  return { ok: false as const, issues: [...result.issues, ...extra] };
}

export function EntityStep({
  kind,
  matter,
  today,
  initial,
  onDone,
  onBack,
  onCancel,
}: EntityStepProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(() => initialForm(kind, initial));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const organisation = kind !== 'natural-person';
  const result = check(kind, matter, form, today);
  const issues = result.ok ? [] : result.issues;
  const warnings = result.ok ? result.warnings : [];
  const visible = (field: string) => submitted || touched.has(field);
  const issueOf = (field: string) => issues.find((i) => i.field === field);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const touch = (field: string) => setTouched((s) => new Set(s).add(field));

  const keyboard = useFieldKeyboard<TypedField>();
  const typing: Record<TypedField, { field: string; label: string; kind: KeyboardKind }> = {
    name: {
      field: 'name',
      label: organisation ? t('kiosk.entity.orgName') : t('kiosk.entity.personName'),
      kind: 'name',
    },
    idNumber: {
      field: 'idNumber',
      label: t('kiosk.entity.idNumber'),
      kind: keyboardForDocument(form.idType),
    },
    representative: {
      field: 'representative.name',
      label: t('kiosk.entity.representative'),
      kind: 'name',
    },
    agentName: { field: 'agent.name', label: t('kiosk.entity.agent'), kind: 'name' },
    agentIdNumber: {
      field: 'agent.idNumber',
      label: t('kiosk.entity.agentIdNumber'),
      kind: keyboardForDocument(form.agentIdType),
    },
    phone: { field: 'phone', label: t('kiosk.entity.phone'), kind: 'phone' },
  };
  const typed = keyboard.active;

  // A card read fills the signer: the person for a natural person, else the agent where the
  // matter asks for one, else the legal representative.
  const fromCard = (card: IdCardData) => {
    if (!organisation) {
      setForm((f) => ({ ...f, name: card.name, idType: 'resident-id', idNumber: card.idNumber }));
      setTouched((s) => new Set(s).add('name').add('idNumber'));
    } else if (matter.needsAgent) {
      setForm((f) => ({
        ...f,
        agentName: card.name,
        agentIdType: 'resident-id',
        agentIdNumber: card.idNumber,
      }));
      setTouched((s) => new Set(s).add('agent.name').add('agent.idNumber'));
    } else {
      setForm((f) => ({ ...f, representative: card.name }));
      setTouched((s) => new Set(s).add('representative.name'));
    }
  };

  const submit = () => {
    setSubmitted(true);
    if (result.ok) onDone(result.entity, result.warnings);
    else document.getElementById(`field-${issues[0]?.field ?? ''}`)?.focus();
  };

  const field = (
    name: string,
    label: string,
    control: (id: string, describedBy: string) => ReactNode,
    hint?: string,
  ) => {
    const error = visible(name) ? issueOf(name)?.code : undefined;
    const ok = name === 'idNumber' && visible(name) && !error && form.idNumber.trim() !== '';
    const message: FieldMessage | undefined = error
      ? { kind: 'error', text: t(`kiosk.entity.errors.${error}` as 'kiosk.entity.errors.invalid') }
      : ok
        ? { kind: 'ok', text: t('kiosk.entity.valid') }
        : hint
          ? { kind: 'hint', text: hint }
          : undefined;
    return <Field key={name} name={name} label={label} message={message} control={control} />;
  };

  return (
    <StepFrame
      step="entity"
      heading={t('kiosk.entity.heading')}
      onBack={onBack}
      onCancel={onCancel}
      action={
        <button type="button" className="button-primary" onClick={submit}>
          {t('kiosk.next')}
        </button>
      }
      keyboard={
        typed && (
          <OnScreenKeyboard
            key={typed}
            targetId={`field-${typing[typed].field}`}
            label={typing[typed].label}
            kind={typing[typed].kind}
            value={form[typed]}
            onChange={(value) => set(typed, value)}
            onDone={() => {
              touch(typing[typed].field);
              keyboard.close();
            }}
          />
        )
      }
    >
      <IdCardReading today={today} onCard={fromCard} />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {field(
          'name',
          organisation ? t('kiosk.entity.orgName') : t('kiosk.entity.personName'),
          (id, d) => (
            <input
              id={id}
              aria-describedby={d}
              autoComplete="off"
              {...keyboard.inputProps('name')}
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
              onBlur={() => touch('name')}
            />
          ),
        )}
        {field('idType', t('kiosk.entity.idType'), (id, d) => (
          <select
            id={id}
            aria-describedby={d}
            value={form.idType}
            onChange={(e) => set('idType', e.target.value as IdDocumentType)}
          >
            {allowedDocumentTypes(kind).map((type) => (
              <option key={type} value={type}>
                {t(`kiosk.entity.idTypes.${type}`)}
              </option>
            ))}
          </select>
        ))}
        {field(
          'idNumber',
          t('kiosk.entity.idNumber'),
          (id, d) => (
            <input
              id={id}
              aria-describedby={d}
              autoComplete="off"
              spellCheck={false}
              className="mono"
              {...keyboard.inputProps('idNumber')}
              value={form.idNumber}
              onChange={(e) => {
                set('idNumber', e.target.value);
                if (e.target.value.replace(/\s/g, '').length >= 18) touch('idNumber');
              }}
              onBlur={() => touch('idNumber')}
            />
          ),
          form.idType === 'uscc'
            ? t('kiosk.entity.idNumberHintUscc')
            : t('kiosk.entity.idNumberHintPerson'),
        )}
        {warnings.map((w: EntityWarning) => (
          <p key={w.code} className="field-warning" role="status">
            {t(`kiosk.entity.warning.${w.code}`)}
          </p>
        ))}
        {organisation &&
          field('representative.name', t('kiosk.entity.representative'), (id, d) => (
            <input
              id={id}
              aria-describedby={d}
              autoComplete="off"
              {...keyboard.inputProps('representative')}
              value={form.representative}
              onChange={(e) => set('representative', e.target.value)}
              onBlur={() => touch('representative.name')}
            />
          ))}
        {organisation && matter.needsAgent && (
          <>
            {field('agent.name', t('kiosk.entity.agent'), (id, d) => (
              <input
                id={id}
                aria-describedby={d}
                autoComplete="off"
                {...keyboard.inputProps('agentName')}
                value={form.agentName}
                onChange={(e) => set('agentName', e.target.value)}
                onBlur={() => touch('agent.name')}
              />
            ))}
            {field('agent.idType', t('kiosk.entity.agentIdType'), (id, d) => (
              <select
                id={id}
                aria-describedby={d}
                value={form.agentIdType}
                onChange={(e) => set('agentIdType', e.target.value as IdDocumentType)}
              >
                {PERSON_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`kiosk.entity.idTypes.${type}`)}
                  </option>
                ))}
              </select>
            ))}
            {field('agent.idNumber', t('kiosk.entity.agentIdNumber'), (id, d) => (
              <input
                id={id}
                aria-describedby={d}
                autoComplete="off"
                className="mono"
                spellCheck={false}
                {...keyboard.inputProps('agentIdNumber')}
                value={form.agentIdNumber}
                onChange={(e) => set('agentIdNumber', e.target.value)}
                onBlur={() => touch('agent.idNumber')}
              />
            ))}
          </>
        )}
        {(matter.needsPhone || organisation) &&
          field(
            'phone',
            t('kiosk.entity.phone'),
            (id, d) => (
              <input
                id={id}
                aria-describedby={d}
                type="tel"
                autoComplete="off"
                {...keyboard.inputProps('phone')}
                value={form.phone}
                onChange={(e) => set('phone', e.target.value)}
                onBlur={() => touch('phone')}
              />
            ),
            t('kiosk.entity.phoneHint'),
          )}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    </StepFrame>
  );
}
