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
import {
  identificationFor,
  NO_IDENTITY_EVIDENCE,
  type CardEvidence,
  type IdentityEvidence,
} from '../../../shared/record/identification';
import { keyboardForDocument, type KeyboardKind } from '../../../shared/keyboard/layouts';
import { Field, type FieldMessage } from '../../ui/Field';
import { fieldIssueText } from '../../ui/field-issue';
import { HAN_PERSON_NAME, TEXT_RULES } from '../../../shared/fields/rules';
import { IdCardReading } from '../IdCardReading';
import { LicenceQrScan } from '../LicenceQrScan';
import { RegisteredNameNotice, useRegisteredName } from '../RegisteredName';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { useFieldKeyboard } from '../keyboard/use-field-keyboard';
import { StepFrame } from '../StepFrame';

interface EntityStepProps {
  readonly kind: EntityKind;
  readonly matter: Matter;
  readonly today: string;
  readonly initial: Entity | null;
  /** What identified the entity when the step was left before (back from the pre-check). */
  readonly initialIdentity?: IdentityEvidence;
  /** The hall requires the signer's ID card to be read; the signer's fields come only from it. */
  readonly requireCard?: boolean;
  readonly onDone: (
    entity: Entity,
    warnings: readonly EntityWarning[],
    identity: IdentityEvidence,
  ) => void;
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
function check(
  kind: EntityKind,
  matter: Matter,
  form: FormState,
  today: string,
  card: CardEvidence | null,
) {
  const organisation = kind !== 'natural-person';
  const wantsAgent = matter.needsAgent && organisation;
  // A representative read from a card is recorded with the card's number, as an agent is.
  const representativeFromCard =
    organisation && !wantsAgent && card !== null && card.name === form.representative.trim();
  const result = validateEntity(
    {
      kind,
      name: form.name,
      idType: form.idType,
      idNumber: form.idNumber,
      ...(organisation
        ? {
            representative: representativeFromCard
              ? { name: form.representative, idType: 'resident-id', idNumber: card.idNumber }
              : { name: form.representative },
          }
        : {}),
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
  initialIdentity = NO_IDENTITY_EVIDENCE,
  requireCard = false,
  onDone,
  onBack,
  onCancel,
}: EntityStepProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(() => initialForm(kind, initial));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // Held for this step only; the session keeps what the record needs (identity evidence).
  const [card, setCard] = useState<CardEvidence | null>(initialIdentity.card);
  const [scannedCode, setScannedCode] = useState(initialIdentity.scannedCreditCode);
  const [nameMismatch, setNameMismatch] = useState(false);
  const [cardMissing, setCardMissing] = useState(false);
  const organisation = kind !== 'natural-person';
  const registered = useRegisteredName(form.idNumber, organisation && form.idType === 'uscc');
  // The platform's registered name stands in for typing (read-only), while it is known.
  const effectiveForm = registered.name !== null ? { ...form, name: registered.name } : form;
  const result = check(kind, matter, effectiveForm, today, card);
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
    setCard({
      name: card.name,
      idNumber: card.idNumber,
      validFrom: card.validFrom,
      validUntil: card.validUntil,
    });
    setCardMissing(false);
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

  const evidence = (): IdentityEvidence => ({
    card,
    scannedCreditCode: scannedCode,
    registeredName: registered.name,
  });

  const submit = () => {
    setSubmitted(true);
    if (nameMismatch) return;
    // Under a required card read the signer's fields are the card's to fill: without a card,
    // "fill this in" under a field that cannot be typed would be untrue; the card is what is missing.
    if (requireCard && !card) {
      setCardMissing(true);
      document.getElementById('id-card-heading')?.scrollIntoView();
      return;
    }
    if (!result.ok) {
      document.getElementById(`field-${issues[0]?.field ?? ''}`)?.focus();
      return;
    }
    const identity = evidence();
    if (
      requireCard &&
      identificationFor(result.entity, identity, false).signer.method !== 'id-card'
    ) {
      setCardMissing(true);
      document.getElementById('id-card-heading')?.scrollIntoView();
      return;
    }
    onDone(result.entity, result.warnings, identity);
  };

  /** The signer's own fields: typed, or under a required card read only from the card. */
  const signerField = (name: string) =>
    requireCard &&
    (organisation
      ? matter.needsAgent
        ? name.startsWith('agent.')
        : name === 'representative.name'
      : name === 'name' || name === 'idNumber' || name === 'idType');

  const field = (
    name: string,
    label: string,
    control: (id: string, describedBy: string, invalid: boolean) => ReactNode,
    hint?: string,
  ) => {
    const error = visible(name) ? issueOf(name) : undefined;
    const ok = name === 'idNumber' && visible(name) && !error && form.idNumber.trim() !== '';
    const message: FieldMessage | undefined = error
      ? // The shared field messages: the limit a name breaks, the character an ID refuses.
        { kind: 'error', text: fieldIssueText(t, error) }
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
      <IdCardReading today={today} onCard={fromCard} required={requireCard} />
      {cardMissing && (
        <p className="notice notice-stop" role="alert">
          {t('identity.kiosk.cardRequired')}
        </p>
      )}
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
          (id, d, invalid) => (
            <input
              id={id}
              aria-describedby={d}
              aria-invalid={invalid || undefined}
              autoComplete="off"
              {...keyboard.inputProps('name')}
              maxLength={organisation ? TEXT_RULES.organisationName.max : TEXT_RULES.personName.max}
              value={effectiveForm.name}
              readOnly={registered.name !== null || signerField('name')}
              onChange={(e) => set('name', e.target.value)}
              onBlur={() => touch('name')}
            />
          ),
          registered.looking
            ? t('identity.registeredName.looking')
            : signerField('name')
              ? t('identity.kiosk.fromCardOnly')
              : organisation
                ? t('fields.limitRange', TEXT_RULES.organisationName)
                : t('fields.personNameLimit', {
                    hanMin: HAN_PERSON_NAME.min,
                    hanMax: HAN_PERSON_NAME.max,
                    ...TEXT_RULES.personName,
                  }),
        )}
        {registered.name !== null && (
          <RegisteredNameNotice onMismatch={() => setNameMismatch(true)} />
        )}
        {field('idType', t('kiosk.entity.idType'), (id, d) => (
          <select
            id={id}
            aria-describedby={d}
            value={form.idType}
            disabled={signerField('idType')}
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
          (id, d, invalid) => (
            <input
              id={id}
              aria-describedby={d}
              aria-invalid={invalid || undefined}
              autoComplete="off"
              maxLength={TEXT_RULES.idNumber.max}
              spellCheck={false}
              className="mono"
              {...keyboard.inputProps('idNumber')}
              value={form.idNumber}
              readOnly={signerField('idNumber')}
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
        {organisation && form.idType === 'uscc' && (
          <LicenceQrScan
            onCode={(code) => {
              setScannedCode(code);
              set('idNumber', code);
              touch('idNumber');
            }}
          />
        )}
        {warnings.map((w: EntityWarning) => (
          <p key={w.code} className="field-warning" role="status">
            {t(`kiosk.entity.warning.${w.code}`)}
          </p>
        ))}
        {organisation &&
          field('representative.name', t('kiosk.entity.representative'), (id, d, invalid) => (
            <input
              id={id}
              aria-describedby={d}
              aria-invalid={invalid || undefined}
              maxLength={TEXT_RULES.personName.max}
              autoComplete="off"
              {...keyboard.inputProps('representative')}
              value={form.representative}
              readOnly={signerField('representative.name')}
              onChange={(e) => set('representative', e.target.value)}
              onBlur={() => touch('representative.name')}
            />
          ))}
        {organisation && matter.needsAgent && (
          <>
            {field('agent.name', t('kiosk.entity.agent'), (id, d, invalid) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={invalid || undefined}
                maxLength={TEXT_RULES.personName.max}
                autoComplete="off"
                {...keyboard.inputProps('agentName')}
                value={form.agentName}
                readOnly={signerField('agent.name')}
                onChange={(e) => set('agentName', e.target.value)}
                onBlur={() => touch('agent.name')}
              />
            ))}
            {field('agent.idType', t('kiosk.entity.agentIdType'), (id, d) => (
              <select
                id={id}
                aria-describedby={d}
                value={form.agentIdType}
                disabled={signerField('agent.idType')}
                onChange={(e) => set('agentIdType', e.target.value as IdDocumentType)}
              >
                {PERSON_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`kiosk.entity.idTypes.${type}`)}
                  </option>
                ))}
              </select>
            ))}
            {field('agent.idNumber', t('kiosk.entity.agentIdNumber'), (id, d, invalid) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={invalid || undefined}
                maxLength={TEXT_RULES.idNumber.max}
                autoComplete="off"
                className="mono"
                spellCheck={false}
                {...keyboard.inputProps('agentIdNumber')}
                value={form.agentIdNumber}
                readOnly={signerField('agent.idNumber')}
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
            (id, d, invalid) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={invalid || undefined}
                maxLength={TEXT_RULES.phone.max}
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
