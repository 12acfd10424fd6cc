import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../services/app-services';
import { Field } from '../ui/Field';
import {
  changeOwnPin,
  signIn,
  type ChangePinError,
  type Clerk,
  type PinCheckFailure,
} from '../store/clerks';
import { actionContext, Outcome, ScreenHeading } from './console';
import { PinField } from '../ui/PinField';

function lockedMinutes(ms: number | undefined): number {
  return ms === undefined ? 0 : Math.max(1, Math.ceil(ms / 60_000));
}

/** A clerk whose PIN a supervisor reset, between the one-time PIN and their own. */
interface PendingChange {
  readonly clerk: Clerk;
  readonly oneTimePin: string;
}

export function SignInScreen({ onSignedIn }: { readonly onSignedIn: (clerk: Clerk) => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ reason: PinCheckFailure; minutes: number } | null>(null);
  const [pending, setPending] = useState<PendingChange | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const typedPin = pin;
    const result = await signIn(actionContext(services), clerkId, typedPin);
    setBusy(false);
    setPin('');
    if (result.ok && result.mustChangePin)
      setPending({ clerk: result.clerk, oneTimePin: typedPin });
    else if (result.ok) onSignedIn(result.clerk);
    else setFailure({ reason: result.reason, minutes: lockedMinutes(result.lockedForMs) });
  };

  if (pending)
    return (
      <NewPinScreen
        pending={pending}
        onDone={onSignedIn}
        onCancel={() => {
          setPending(null);
          setFailure(null);
        }}
      />
    );

  const failureText = (f: { reason: PinCheckFailure; minutes: number }) =>
    f.reason === 'disabled'
      ? t('staff.signIn.disabled')
      : t(`clerk.signIn.failed.${f.reason}`, { minutes: f.minutes });

  return (
    <section className="console-card narrow" aria-labelledby="sign-in-heading">
      <ScreenHeading id="sign-in-heading">{t('clerk.signIn.heading')}</ScreenHeading>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          name="clerk-id"
          label={t('clerk.fields.clerkId')}
          control={(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              autoComplete="username"
              maxLength={32}
              autoCapitalize="characters"
              value={clerkId}
              onChange={(e) => setClerkId(e.target.value)}
            />
          )}
        />
        <PinField
          name="clerk-pin"
          label={t('clerk.fields.pin')}
          purpose="current"
          value={pin}
          onChange={setPin}
        />
        <Outcome message={failure ? { kind: 'error', text: failureText(failure) } : null} />
        <div className="row">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('clerk.signIn.checking') : t('clerk.signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** After a reset: the clerk chooses the PIN only they will know, then is signed in. */
function NewPinScreen({
  pending,
  onDone,
  onCancel,
}: {
  readonly pending: PendingChange;
  readonly onDone: (clerk: Clerk) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [error, setError] = useState<ChangePinError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await changeOwnPin(
      actionContext(services),
      pending.clerk.id,
      pending.oneTimePin,
      { pin, pinAgain },
    );
    setBusy(false);
    if (result.ok) onDone(result.clerk);
    else setError(result.error);
  };

  return (
    <section className="console-card narrow" aria-labelledby="new-pin-heading">
      <ScreenHeading id="new-pin-heading">{t('staff.newPin.heading')}</ScreenHeading>
      <p>{t('staff.newPin.lead', { name: pending.clerk.name, id: pending.clerk.id })}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <PinField
          name="own-new-pin"
          label={t('clerk.fields.newPin')}
          hint={t('clerk.setup.pinHint')}
          purpose="new"
          value={pin}
          onChange={setPin}
        />
        <PinField
          name="own-new-pin-again"
          label={t('clerk.fields.pinAgain')}
          purpose="new"
          value={pinAgain}
          onChange={setPinAgain}
        />
        <Outcome
          message={error ? { kind: 'error', text: t(`staff.newPin.errors.${error}`) } : null}
        />
        <div className="row">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('staff.newPin.submit')}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('staff.newPin.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
