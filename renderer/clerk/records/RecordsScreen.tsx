import { useEffect, useState, type FormEvent } from 'react';
import { neutraliseBidi } from '../../../shared/fields/display';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import { maskingRules } from '../../settings/hall-settings';
import { RECORD_STATES } from '../../../shared/record/lifecycle';
import type { Language } from '../../../shared/model';
import { useConsole, ScreenHeading } from '../console';
import { listedIdentifier, matterName, shortTime } from '../format';
import {
  NO_FILTERS,
  PAGE_SIZE,
  searchRecords,
  type RecordFilters,
  type RecordPage,
} from '../record-search';
import { RecordDetail } from './RecordDetail';
import { Pager } from '../../ui/Pager';

/** Today's records by default; search and filters over every stored record, a page at a time. */
export function RecordsScreen() {
  const { t, i18n } = useTranslation();
  const { services } = useConsole();
  const rules = maskingRules(services.settings);
  const lang = i18n.language as Language;
  const [draft, setDraft] = useState<RecordFilters>(() => ({
    ...NO_FILTERS,
    day: calendarDay(services.now()),
  }));
  const [filters, setFilters] = useState(draft);
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<RecordPage | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (selected !== null) return;
    let live = true;
    void searchRecords(services.db, filters, page).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [services.db, filters, page, selected]);

  if (selected !== null)
    return <RecordDetail recordId={selected} onBack={() => setSelected(null)} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPage(0);
    setFilters(draft);
  };
  const set = (patch: Partial<RecordFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const matters = services.catalogue?.catalogue.matters ?? [];

  return (
    <section className="console-section" aria-labelledby="records-heading">
      <ScreenHeading id="records-heading">{t('clerk.records.heading')}</ScreenHeading>
      <form
        className="filters"
        onSubmit={submit}
        role="search"
        aria-label={t('clerk.records.search')}
      >
        <label className="filter filter-wide">
          <span>{t('clerk.records.text')}</span>
          <input
            type="search"
            maxLength={100}
            value={draft.text}
            placeholder={t('clerk.records.textHint')}
            onChange={(e) => set({ text: e.target.value })}
          />
        </label>
        <label className="filter">
          <span>{t('clerk.records.day')}</span>
          <input type="date" value={draft.day} onChange={(e) => set({ day: e.target.value })} />
        </label>
        <label className="filter">
          <span>{t('clerk.records.matter')}</span>
          <select value={draft.matterCode} onChange={(e) => set({ matterCode: e.target.value })}>
            <option value="">{t('clerk.records.any')}</option>
            {matters.map((m) => (
              <option key={m.code} value={m.code}>
                {m.code} {m.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('clerk.records.state')}</span>
          <select
            value={draft.state}
            onChange={(e) => set({ state: e.target.value as RecordFilters['state'] })}
          >
            <option value="">{t('clerk.records.any')}</option>
            {RECORD_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`clerk.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('clerk.records.synced')}</span>
          <select
            value={draft.synced}
            onChange={(e) => set({ synced: e.target.value as RecordFilters['synced'] })}
          >
            <option value="">{t('clerk.records.any')}</option>
            <option value="yes">{t('clerk.records.syncedYes')}</option>
            <option value="no">{t('clerk.records.syncedNo')}</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            {t('clerk.records.find')}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setPage(0);
            }}
          >
            {t('clerk.records.allDays')}
          </button>
        </div>
      </form>
      <p role="status" className="result-count">
        {result === null
          ? t('clerk.records.loading')
          : result.tooBroad
            ? t('clerk.records.tooBroad')
            : result.rows.length === 0
              ? t('clerk.records.none')
              : result.total !== null
                ? t('staff.records.showingTotal', {
                    from: result.page * PAGE_SIZE + 1,
                    to: result.page * PAGE_SIZE + result.rows.length,
                    total: result.total,
                  })
                : t('clerk.records.showing', {
                    from: result.page * PAGE_SIZE + 1,
                    to: result.page * PAGE_SIZE + result.rows.length,
                  })}
      </p>
      {result && result.rows.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{t('clerk.records.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clerk.records.cols.code')}</th>
              <th scope="col">{t('clerk.records.cols.time')}</th>
              <th scope="col">{t('clerk.records.cols.entity')}</th>
              <th scope="col">{t('clerk.records.cols.identifier')}</th>
              <th scope="col">{t('clerk.records.cols.matter')}</th>
              <th scope="col">{t('clerk.records.cols.state')}</th>
              <th scope="col">{t('clerk.records.cols.synced')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.recordId}>
                <td>
                  <button
                    type="button"
                    className="link-button mono"
                    onClick={() => setSelected(row.recordId)}
                  >
                    {row.commitmentCode}
                  </button>
                </td>
                <td>{shortTime(row.signedAt)}</td>
                <td>
                  <bdi>{neutraliseBidi(row.entityName)}</bdi>
                </td>
                <td className="mono">{listedIdentifier(row, rules)}</td>
                <td>{matterName(services.catalogue?.catalogue, row.matterCode, lang)}</td>
                <td>
                  {t(`clerk.states.${row.state}`)}
                  {row.objection === 'pending' ? ` · ${t('clerk.records.objectionPending')}` : ''}
                  {row.provisional === 1 ? ` · ${t('clerk.records.provisional')}` : ''}
                </td>
                <td>
                  {row.synced === 1 ? t('clerk.records.syncedYes') : t('clerk.records.syncedNo')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={page}
        hasMore={Boolean(result?.hasMore)}
        onPage={setPage}
        {...(result?.total != null
          ? { pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) }
          : {})}
      />
    </section>
  );
}
