import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { TALLY_COLUMNS, tallyByStaff, type Tally } from '../../shared/console/audit-entry';
import { calendarDay } from '../../shared/ids/calendar';
import { addClerk, type ClerkRole } from '../store/clerks';
import {
  changeClerkRole,
  listStaff,
  resetClerkPin,
  setClerkDisabled,
  unlockClerk,
  type StaffChangeResult,
  type StaffMember,
} from '../store/staff-admin';
import { PinField } from '../ui/PinField';
import { loadAllEvents } from './audit-entries';
import { Outcome, ScreenHeading, useConsole } from './console';
import { ClerkForm } from './SetupScreen';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The hall's staff on this device: who may sign in, in which role, who is locked out, and what
 * each did today. A supervisor unlocks, resets a PIN, disables a leaver (kept: the audit names
 * them) or enables them again, changes a role and adds staff; clerks see the list and the tally.
 */
export function StaffScreen() {
  const { t } = useTranslation();
  const { services, clerk } = useConsole();
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const reload = useCallback(() => void listStaff(services.db).then(setStaff), [services.db]);
  useEffect(reload, [reload]);
  const supervisor = clerk.role === 'supervisor';

  return (
    <section className="console-section" aria-labelledby="staff-heading">
      <ScreenHeading id="staff-heading">{t('staff.heading')}</ScreenHeading>
      {!supervisor && (
        <p className="notice" data-testid="staff-read-only">
          {t('staff.readOnly')}
        </p>
      )}
      <Outcome message={message} />
      {staff && (
        <StaffTable
          staff={staff}
          manage={supervisor}
          onDone={(text, ok) => {
            setMessage({ kind: ok ? 'ok' : 'error', text });
            reload();
          }}
        />
      )}
      {supervisor && <AddStaffPanel onAdded={reload} />}
      {staff && <DayTally staff={staff} />}
    </section>
  );
}

function statusText(s: StaffMember, t: TFunction): string {
  const parts: string[] = [];
  if (s.disabled) parts.push(t('staff.status.disabled'));
  if (s.lockedForMs > 0)
    parts.push(
      t('staff.status.locked', { minutes: Math.max(1, Math.ceil(s.lockedForMs / 60_000)) }),
    );
  if (s.mustChangePin) parts.push(t('staff.status.mustChangePin'));
  if (parts.length === 0) parts.push(t('staff.status.active'));
  return parts.join(' · ');
}

type Open = { readonly id: string; readonly action: 'reset' | 'disable' } | null;

function StaffTable({
  staff,
  manage,
  onDone,
}: {
  readonly staff: readonly StaffMember[];
  readonly manage: boolean;
  readonly onDone: (text: string, ok: boolean) => void;
}) {
  const { t } = useTranslation();
  const { ctx, clerk } = useConsole();
  const [open, setOpen] = useState<Open>(null);

  const report = (result: StaffChangeResult, done: string) => {
    onDone(result.ok ? done : t(`staff.errors.${result.error}`), result.ok);
    if (result.ok) setOpen(null);
  };
  const other = (r: ClerkRole): ClerkRole => (r === 'supervisor' ? 'clerk' : 'supervisor');

  return (
    <div className="console-card">
      <h2 className="console-subheading">{t('staff.listHeading')}</h2>
      <table className="data-table" data-testid="staff-table">
        <caption className="visually-hidden">{t('staff.listHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clerk.fields.clerkId')}</th>
            <th scope="col">{t('clerk.fields.name')}</th>
            <th scope="col">{t('clerk.fields.role')}</th>
            <th scope="col">{t('staff.cols.status')}</th>
            {manage && <th scope="col">{t('staff.cols.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => {
            const self = s.id === clerk.id;
            const label = (key: string) => `${key} ${s.id}`;
            return (
              <tr key={s.id} data-staff={s.id}>
                <td className="mono">{s.id}</td>
                <td>{s.name}</td>
                <td>{t(`clerk.roles.${s.role}`)}</td>
                <td>{statusText(s, t)}</td>
                {manage && (
                  <td>
                    <div className="row staff-actions">
                      {(s.lockedForMs > 0 || s.failedAttempts > 0) && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={label(t('staff.actions.unlock'))}
                          onClick={() =>
                            void unlockClerk(ctx, clerk, s.id).then((r) =>
                              report(r, t('staff.done.unlocked', { id: s.id })),
                            )
                          }
                        >
                          {t('staff.actions.unlock')}
                        </button>
                      )}
                      {!self && !s.disabled && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={label(t('staff.actions.resetPin'))}
                          aria-expanded={open?.id === s.id && open.action === 'reset'}
                          onClick={() => setOpen({ id: s.id, action: 'reset' })}
                        >
                          {t('staff.actions.resetPin')}
                        </button>
                      )}
                      {!self && !s.disabled && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={label(t(`staff.actions.makeRole.${other(s.role)}`))}
                          onClick={() =>
                            void changeClerkRole(ctx, clerk, s.id, other(s.role)).then((r) =>
                              report(
                                r,
                                t('staff.done.roleChanged', {
                                  id: s.id,
                                  role: t(`clerk.roles.${other(s.role)}`),
                                }),
                              ),
                            )
                          }
                        >
                          {t(`staff.actions.makeRole.${other(s.role)}`)}
                        </button>
                      )}
                      {!self && !s.disabled && (
                        <button
                          type="button"
                          className="button-danger"
                          aria-label={label(t('staff.actions.disable'))}
                          aria-expanded={open?.id === s.id && open.action === 'disable'}
                          onClick={() => setOpen({ id: s.id, action: 'disable' })}
                        >
                          {t('staff.actions.disable')}
                        </button>
                      )}
                      {!self && s.disabled && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={label(t('staff.actions.enable'))}
                          onClick={() =>
                            void setClerkDisabled(ctx, clerk, s.id, false).then((r) =>
                              report(r, t('staff.done.enabled', { id: s.id })),
                            )
                          }
                        >
                          {t('staff.actions.enable')}
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {open?.action === 'reset' && (
        <ResetPinForm
          member={staff.find((s) => s.id === open.id)}
          onCancel={() => setOpen(null)}
          onSubmit={async (pin, pinAgain) =>
            report(
              await resetClerkPin(ctx, clerk, open.id, { pin, pinAgain }),
              t('staff.done.pinReset', { id: open.id }),
            )
          }
        />
      )}
      {open?.action === 'disable' && (
        <div className="notice notice-stop confirm" role="group" aria-labelledby="disable-q">
          <p id="disable-q">{t('staff.confirmDisable', { id: open.id })}</p>
          <div className="row">
            <button
              type="button"
              className="button-danger"
              onClick={() =>
                void setClerkDisabled(ctx, clerk, open.id, true).then((r) =>
                  report(r, t('staff.done.disabled', { id: open.id })),
                )
              }
            >
              {t('staff.actions.confirmDisable')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setOpen(null)}>
              {t('staff.actions.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function ResetPinForm({
  member,
  onSubmit,
  onCancel,
}: {
  readonly member: StaffMember | undefined;
  readonly onSubmit: (pin: string, pinAgain: string) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  if (!member) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit(pin, pinAgain);
  };
  return (
    <form className="form staff-reset" onSubmit={submit} noValidate aria-labelledby="reset-heading">
      <h3 id="reset-heading">{t('staff.reset.heading', { id: member.id, name: member.name })}</h3>
      <p>{t('staff.reset.lead')}</p>
      <PinField
        name="reset-pin"
        label={t('staff.reset.pin')}
        hint={t('clerk.setup.pinHint')}
        purpose="new"
        value={pin}
        onChange={setPin}
      />
      <PinField
        name="reset-pin-again"
        label={t('clerk.fields.pinAgain')}
        purpose="new"
        value={pinAgain}
        onChange={setPinAgain}
      />
      <div className="row">
        <button type="submit" className="button-primary">
          {t('staff.reset.submit')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('staff.actions.cancel')}
        </button>
      </div>
    </form>
  );
}

function AddStaffPanel({ onAdded }: { readonly onAdded: () => void }) {
  const { t } = useTranslation();
  const { ctx, clerk } = useConsole();
  return (
    <div className="console-card">
      <h2 className="console-subheading">{t('clerk.settings.addClerk')}</h2>
      <ClerkForm
        role="choose"
        submitLabel={t('clerk.settings.addClerk')}
        onCreate={async (input) => {
          const result = await addClerk(ctx, clerk, input);
          if (result.ok) onAdded();
          return result.ok ? null : result.error;
        }}
      />
    </div>
  );
}

/** What each staff member did on the day, counted from the signed chain. */
function DayTally({ staff }: { readonly staff: readonly StaffMember[] }) {
  const { t } = useTranslation();
  const { services } = useConsole();
  const [day, setDay] = useState(() => calendarDay(services.now()));
  const [tallies, setTallies] = useState<Map<string, Tally> | null>(null);
  useEffect(() => {
    let live = true;
    void loadAllEvents(services.db).then((events) => live && setTallies(tallyByStaff(events, day)));
    return () => {
      live = false;
    };
  }, [services.db, day]);
  const rows = [...(tallies?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.name ?? '';
  return (
    <div className="console-card">
      <h2 className="console-subheading">{t('staff.tally.heading')}</h2>
      <label className="filter">
        <span>{t('staff.tally.day')}</span>
        <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
      </label>
      {tallies && rows.length === 0 && <p>{t('staff.tally.none')}</p>}
      {rows.length > 0 && (
        <table className="data-table" data-testid="staff-tally">
          <caption className="visually-hidden">{t('staff.tally.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clerk.fields.clerkId')}</th>
              <th scope="col">{t('clerk.fields.name')}</th>
              {TALLY_COLUMNS.map((c) => (
                <th scope="col" key={c} className="num">
                  {t(`staff.tally.cols.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([id, tally]) => (
              <tr key={id}>
                <td className="mono">{id}</td>
                <td>{nameOf(id)}</td>
                {TALLY_COLUMNS.map((c) => (
                  <td key={c} className="num">
                    {tally[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
