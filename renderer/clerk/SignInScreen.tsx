import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../services/app-services';
import { Field } from '../ui/Field';
import { signIn, type Clerk, type PinCheckFailure } from '../store/clerks';
import { actionContext, Outcome, ScreenHeading } from './console';
import { PinField } from '../ui/PinField';

function lockedMinutes(until: number | undefined, now: Date): number {
  return until === undefined ? 0 : Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
}

export function SignInScreen({ onSignedIn }: { readonly onSignedIn: (clerk: Clerk) => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ reason: PinCheckFailure; minutes: number } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await signIn(actionContext(services), clerkId.trim(), pin);
    setBusy(false);
    setPin('');
    if (result.ok) onSignedIn(result.clerk);
    else
      setFailure({
        reason: result.reason,
        minutes: lockedMinutes(result.lockedUntil, services.now()),
      });
  };

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
        <Outcome
          message={
            failure
              ? {
                  kind: 'error',
                  text: t(`clerk.signIn.failed.${failure.reason}`, { minutes: failure.minutes }),
                }
              : null
          }
        />
        <div className="row">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('clerk.signIn.checking') : t('clerk.signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
