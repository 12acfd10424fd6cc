import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../services/app-services';
import { Field } from '../ui/Field';

type Problem = 'wrong-pin' | 'locked-out' | 'not-configured' | 'failed';

const PROBLEMS = new Set<string>(['wrong-pin', 'locked-out', 'not-configured']);

/**
 * For the hall's maintenance staff: leave kiosk mode with the maintenance PIN, which the host
 * checks (the desktop host in its main process, with a lock-out), and lock it again after.
 */
export function MaintenanceDialog({
  unlocked,
  onLockChange,
  onClose,
}: {
  /** Whether kiosk mode is off now (the kiosk app keeps it, to show it and lock again). */
  readonly unlocked: boolean;
  readonly onLockChange: (unlocked: boolean) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const { host } = useServices();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const setLocked = async (locked: boolean) => {
    setBusy(true);
    const result = await host.invoke('kiosk.setLocked', locked ? { locked } : { locked, pin });
    setPin('');
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      onLockChange(!result.value.locked);
      if (result.value.locked) onClose();
      return;
    }
    const detail = result.error.detail ?? '';
    setProblem(PROBLEMS.has(detail) ? (detail as Problem) : 'failed');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void setLocked(false);
  };

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="maintenance-heading" className="modal">
        <h2 id="maintenance-heading">{t('kiosk.maintenance.heading')}</h2>
        {unlocked ? (
          <>
            <p role="status">{t('kiosk.maintenance.unlocked')}</p>
            <div className="row">
              <button
                type="button"
                className="button-primary"
                disabled={busy}
                onClick={() => void setLocked(true)}
              >
                {t('kiosk.maintenance.lock')}
              </button>
              <button type="button" className="button-secondary" onClick={onClose}>
                {t('kiosk.maintenance.close')}
              </button>
            </div>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <p>{t('kiosk.maintenance.lead')}</p>
            <Field
              name="maintenance-pin"
              label={t('kiosk.maintenance.pin')}
              message={
                problem
                  ? { kind: 'error', text: t(`kiosk.maintenance.errors.${problem}`) }
                  : undefined
              }
              control={(id, describedBy) => (
                <input
                  ref={first}
                  id={id}
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  aria-describedby={describedBy}
                  aria-invalid={problem ? true : undefined}
                  value={pin}
                  onChange={(e) => setPin(e.target.value)}
                />
              )}
            />
            <div className="row">
              <button type="submit" className="button-primary" disabled={busy}>
                {t('kiosk.maintenance.unlock')}
              </button>
              <button type="button" className="button-secondary" onClick={onClose}>
                {t('kiosk.maintenance.close')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
