import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  actingStaff,
  AUDIT_KINDS,
  auditKind,
  type AuditFilter,
  type AuditKind,
} from '../../shared/console/audit-entry';
import { toCsv } from '../../shared/console/csv';
import { calendarDay } from '../../shared/ids/calendar';
import { recordExport } from '../store/audit-log';
import { listStaff, type StaffMember } from '../store/staff-admin';
import { loadAuditEntries, type AuditEntry } from './audit-entries';
import { eventDetail, eventName, kindName } from './audit-text';
import { Outcome, ScreenHeading, useConsole } from './console';
import { shortTime } from './format';
import { Pager } from '../ui/Pager';
import type { StoredEvent } from '../store/db';

const PAGE = 50;

interface Draft {
  readonly day: string;
  readonly staff: string;
  readonly kind: AuditKind | '';
  readonly record: string;
}

const filterOf = (d: Draft): AuditFilter => ({
  day: d.day === '' ? null : d.day,
  staff: d.staff === '' ? null : d.staff,
  kind: d.kind === '' ? null : d.kind,
  record: d.record.trim() === '' ? null : d.record.trim(),
});

/**
 * The device's whole signed chain, read as a log: every record action (from the kiosk's signing to
 * voids, findings, objections, repairs, reprints) and every console action, in words, numbered by
 * the chain's own sequence, filtered by day, staff, kind and record, and exported as CSV.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const today = calendarDay(services.now());
  const [draft, setDraft] = useState<Draft>({ day: today, staff: '', kind: '', record: '' });
  const [filter, setFilter] = useState<AuditFilter>(() => filterOf(draft));
  const [page, setPage] = useState(0);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void listStaff(services.db).then(setStaff);
  }, [services.db]);
  useEffect(() => {
    let live = true;
    void loadAuditEntries(services.db, filter).then((e) => live && setEntries(e));
    return () => {
      live = false;
    };
  }, [services.db, filter, version]);

  const who = (e: StoredEvent) =>
    actingStaff(e) ?? t(`clerk.actors.${e.actor.kind}` as 'clerk.actors.system');
  const cols = {
    seq: t('clerk.audit.cols.seq'),
    when: t('clerk.audit.cols.when'),
    kind: t('staff.audit.cols.kind'),
    what: t('clerk.audit.cols.what'),
    who: t('clerk.audit.cols.who'),
    record: t('staff.audit.cols.record'),
    detail: t('clerk.audit.cols.detail'),
  };

  const exportCsv = async () => {
    const all = await loadAuditEntries(services.db, filter);
    const csv = toCsv([
      [...Object.values(cols), t('clerk.audit.cols.hash')],
      ...[...all]
        .reverse()
        .map(({ event: e, code }) => [
          e.seq,
          e.at,
          kindName(auditKind(e), t),
          eventName(e.type, t),
          who(e),
          code ?? '',
          eventDetail(e, t),
          e.hash,
        ]),
    ]);
    const saved = await services.host.invoke('file.save', {
      suggestedName: `audit-log-${services.device.deviceId}${filter.day ? `-${filter.day}` : ''}.csv`,
      mimeType: 'text/csv',
      data: new TextEncoder().encode(csv),
    });
    if (!saved.ok || !saved.value.saved) {
      setMessage({ kind: 'error', text: t('clerk.report.failed') });
      return;
    }
    await recordExport(ctx, clerk, {
      kind: 'audit-log',
      format: 'csv',
      recordCount: all.length,
      masked: true,
    });
    setMessage({ kind: 'ok', text: t('clerk.report.saved') });
    setVersion((v) => v + 1);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPage(0);
    setFilter(filterOf(draft));
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const total = entries?.length ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE));
  const shown = entries?.slice(page * PAGE, (page + 1) * PAGE) ?? [];

  return (
    <section className="console-section" aria-labelledby="audit-heading">
      <ScreenHeading id="audit-heading">{t('clerk.audit.heading')}</ScreenHeading>
      <form
        className="filters"
        onSubmit={submit}
        role="search"
        aria-label={t('staff.audit.filters')}
      >
        <label className="filter">
          <span>{t('staff.audit.day')}</span>
          <input type="date" value={draft.day} onChange={(e) => set({ day: e.target.value })} />
        </label>
        <label className="filter">
          <span>{t('staff.audit.staff')}</span>
          <select value={draft.staff} onChange={(e) => set({ staff: e.target.value })}>
            <option value="">{t('clerk.records.any')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} · {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('staff.audit.kind')}</span>
          <select
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value as AuditKind | '' })}
          >
            <option value="">{t('clerk.records.any')}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(k, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('staff.audit.record')}</span>
          <input
            type="search"
            inputMode="numeric"
            value={draft.record}
            onChange={(e) => set({ record: e.target.value })}
          />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            {t('staff.audit.apply')}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              const all: Draft = { day: '', staff: '', kind: '', record: '' };
              setDraft(all);
              setFilter(filterOf(all));
              setPage(0);
            }}
          >
            {t('staff.audit.clear')}
          </button>
          <button type="button" className="button-secondary" onClick={() => void exportCsv()}>
            {t('clerk.audit.export')}
          </button>
        </div>
      </form>
      <Outcome message={message} />
      <p role="status" className="result-count" data-testid="audit-count">
        {entries === null
          ? t('clerk.records.loading')
          : total === 0
            ? t('staff.audit.none')
            : t('staff.audit.showing', {
                from: page * PAGE + 1,
                to: page * PAGE + shown.length,
                total,
              })}
      </p>
      {shown.length > 0 && (
        <table className="data-table audit-table" data-testid="audit-table">
          <caption className="visually-hidden">{t('clerk.audit.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{cols.seq}</th>
              <th scope="col">{cols.when}</th>
              <th scope="col">{cols.kind}</th>
              <th scope="col">{cols.what}</th>
              <th scope="col">{cols.who}</th>
              <th scope="col">{cols.record}</th>
              <th scope="col">{cols.detail}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ event: e, code }) => (
              <tr key={e.eventId} data-type={e.type}>
                <td>{e.seq}</td>
                <td className="nowrap">{shortTime(e.at)}</td>
                <td>{kindName(auditKind(e), t)}</td>
                <td>{eventName(e.type, t)}</td>
                <td className="mono">{who(e)}</td>
                <td className="mono">{code ?? ''}</td>
                <td>{eventDetail(e, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={page}
        hasMore={(page + 1) * PAGE < total}
        onPage={setPage}
        pageCount={pageCount}
      />
    </section>
  );
}
