import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseStaffNumber } from '../../shared/console/staff-number';
import { useServices } from '../services/app-services';
import { Field } from '../ui/Field';
import { addClerk, type CreateClerkError } from '../store/clerks';
import { actionContext, Outcome, ScreenHeading } from './console';
import { PinField } from '../ui/PinField';
import type { FieldIssue } from '../../shared/fields/issue';
import { STAFF_NUMBER, TEXT_RULES } from '../../shared/fields/rules';
import { checkText } from '../../shared/fields/text';
import { fieldIssueText } from '../ui/field-issue';
import { EnrolScreen } from './EnrolScreen';

/**
 * First start: nobody can sign in yet, so the first supervisor is created here, once. A new device
 * in demo mode may first be enrolled with a platform instead: only while its chain is empty, since
 * a demo record must never reach a platform (enrol.ts).
 */
export function SetupScreen({ onDone }: { readonly onDone: () => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const [canEnrol, setCanEnrol] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  useEffect(() => {
    if (!services.demo) return;
    void services.db.events.count().then((n) => setCanEnrol(n === 0));
  }, [services.db, services.demo]);

  if (enrolling)
    return (
      <EnrolScreen
        db={services.db}
        askPlatformUrl
        onEnrolled={() => location.reload()}
        onCancel={() => setEnrolling(false)}
      />
    );
  return (
    <section className="console-card narrow" aria-labelledby="setup-heading">
      <ScreenHeading id="setup-heading">{t('clerk.setup.heading')}</ScreenHeading>
      {canEnrol && (
        <div className="notice" data-testid="setup-enrol">
          <h2 className="console-subheading">{t('clerk.setup.platformHeading')}</h2>
          <p>{t('clerk.setup.platformLead')}</p>
          <button type="button" className="button-secondary" onClick={() => setEnrolling(true)}>
            {t('clerk.setup.enrolFirst')}
          </button>
        </div>
      )}
      <p>{t('clerk.setup.lead')}</p>
      <ClerkForm
        role="supervisor"
        submitLabel={t('clerk.setup.create')}
        onCreate={async (input) => {
          const result = await addClerk(actionContext(services), null, input);
          if (result.ok) onDone();
          return result.ok ? null : result.error;
        }}
      />
    </section>
  );
}

interface ClerkFormProps {
  readonly role: 'clerk' | 'supervisor' | 'choose';
  readonly submitLabel: string;
  readonly onCreate: (input: {
    id: string;
    name: string;
    role: 'clerk' | 'supervisor';
    pin: string;
    pinAgain: string;
  }) => Promise<CreateClerkError | null>;
}

/** The field each refusal of the store belongs to, by its label. */
const ERROR_FIELD = {
  'bad-id': 'clerk.fields.clerkId',
  exists: 'clerk.fields.clerkId',
  'bad-name': 'clerk.fields.name',
  'bad-pin': 'clerk.fields.newPin',
  'weak-pin': 'clerk.fields.newPin',
  'pin-mismatch': 'clerk.fields.pinAgain',
} as const satisfies Record<Exclude<CreateClerkError, 'not-first' | 'not-allowed'>, string>;

/** Staff number, name and PIN twice: used for the first supervisor and for adding clerks. */
export function ClerkForm({ role, submitLabel, onCreate }: ClerkFormProps) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [chosenRole, setChosenRole] = useState<'clerk' | 'supervisor'>('clerk');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [error, setError] = useState<CreateClerkError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  // The shared rules first, so each field says what is wrong with it; the store checks again.
  const [nameIssue, setNameIssue] = useState<FieldIssue | undefined>(undefined);
  const idValid = (value: string) =>
    value.length <= STAFF_NUMBER.max && STAFF_NUMBER.pattern.test(value);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checkedName = checkText(name, TEXT_RULES.staffName);
    setNameIssue(checkedName.ok ? undefined : checkedName.issue);
    if (!checkedName.ok || !idValid(id.trim())) {
      setError(!idValid(id.trim()) ? 'bad-id' : null);
      requestAnimationFrame(() =>
        (e.target as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setBusy(true);
    setDone(null);
    const result = await onCreate({
      id: id.trim(),
      name,
      role: role === 'choose' ? chosenRole : role,
      pin,
      pinAgain,
    });
    setBusy(false);
    setError(result);
    if (!result) {
      setDone(normaliseStaffNumber(id));
      setId('');
      setName('');
      setPin('');
      setPinAgain('');
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        name="new-clerk-id"
        label={t('clerk.fields.clerkId')}
        message={
          error === 'bad-id'
            ? { kind: 'error', text: t('fields.staffIdInvalid', { max: STAFF_NUMBER.max }) }
            : error === 'exists'
              ? { kind: 'error', text: t('clerk.clerkErrors.exists') }
              : { kind: 'hint', text: t('fields.staffIdHint', { max: STAFF_NUMBER.max }) }
        }
        control={(fid, describedBy, invalid) => (
          <input
            id={fid}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            autoComplete="off"
            maxLength={STAFF_NUMBER.max}
            value={id}
            onChange={(e) => setId(e.target.value)}
          />
        )}
      />
      <Field
        name="new-clerk-name"
        label={t('clerk.fields.name')}
        message={
          nameIssue
            ? { kind: 'error', text: fieldIssueText(t, nameIssue) }
            : error === 'bad-name'
              ? { kind: 'error', text: t('clerk.clerkErrors.bad-name') }
              : {
                  kind: 'hint',
                  text: t('fields.limitRange', {
                    min: TEXT_RULES.staffName.min,
                    max: TEXT_RULES.staffName.max,
                  }),
                }
        }
        control={(fid, describedBy, invalid) => (
          <input
            id={fid}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            autoComplete="off"
            maxLength={TEXT_RULES.staffName.max}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      />
      {role === 'choose' && (
        <Field
          name="new-clerk-role"
          label={t('clerk.fields.role')}
          control={(fid, describedBy) => (
            <select
              id={fid}
              aria-describedby={describedBy}
              value={chosenRole}
              onChange={(e) => setChosenRole(e.target.value as 'clerk' | 'supervisor')}
            >
              <option value="clerk">{t('clerk.roles.clerk')}</option>
              <option value="supervisor">{t('clerk.roles.supervisor')}</option>
            </select>
          )}
        />
      )}
      <PinField
        name="new-clerk-pin"
        label={t('clerk.fields.newPin')}
        hint={t('clerk.setup.pinHint')}
        error={
          error === 'bad-pin' || error === 'weak-pin' ? t(`clerk.clerkErrors.${error}`) : undefined
        }
        purpose="new"
        value={pin}
        onChange={setPin}
      />
      <PinField
        name="new-clerk-pin-again"
        label={t('clerk.fields.pinAgain')}
        error={error === 'pin-mismatch' ? t('clerk.clerkErrors.pin-mismatch') : undefined}
        purpose="new"
        value={pinAgain}
        onChange={setPinAgain}
      />
      <Outcome
        message={
          error
            ? {
                kind: 'error',
                // An error shown at its field is named here by the field's label, not repeated.
                text:
                  error === 'not-first'
                    ? t('clerk.clerkErrors.not-first')
                    : error === 'not-allowed'
                      ? t('staff.clerkErrors.not-allowed')
                      : t('fields.summary', { count: 1, fields: t(ERROR_FIELD[error]) }),
              }
            : nameIssue
              ? {
                  kind: 'error',
                  text: t('fields.summary', { count: 1, fields: t('clerk.fields.name') }),
                }
              : done
                ? { kind: 'ok', text: t('clerk.setup.created', { id: done }) }
                : null
        }
      />
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
