import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../../shared/ids/calendar';
import { daysOverdue, type DueBucket } from '../../../shared/deadlines/worklist';
import type { Language } from '../../../shared/model';
import { loadDueWork, type DueEntry } from '../../store/due-work';
import { ScreenHeading, useConsole } from '../console';
import { matterName } from '../format';
import { RecordDetail } from '../records/RecordDetail';

const VIEWS = ['overdue', 'today', 'week'] as const;
type View = (typeof VIEWS)[number];

const inView = (bucket: DueBucket, view: View) =>
  view === 'week' ? bucket !== 'later' : bucket === view;

/**
 * What is due: the department's checks and the materials to follow, overdue, due today or within
 * the week, by department. Each line opens its record, where the action that settles it is
 * (a finding for a check, "material received" for a material).
 */
export function DueScreen() {
  const { t, i18n } = useTranslation();
  const { services } = useConsole();
  const lang = i18n.language as Language;
  const today = calendarDay(services.now());
  const [entries, setEntries] = useState<DueEntry[] | null>(null);
  const [view, setView] = useState<View>('overdue');
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (selected !== null) return;
    let live = true;
    void loadDueWork(services.db, today).then((e) => live && setEntries(e));
    return () => {
      live = false;
    };
  }, [services.db, today, selected]);

  const catalogue = services.catalogue?.catalogue;
  const groups = useMemo(() => {
    const byDept = new Map<string, DueEntry[]>();
    for (const e of entries ?? []) {
      if (!inView(e.bucket, view)) continue;
      const matter = catalogue?.matters.find((m) => m.code === e.row.matterCode);
      const dept = matter ? matter.department.name[lang] : t('stats.due.otherDepartment');
      byDept.set(dept, [...(byDept.get(dept) ?? []), e]);
    }
    return [...byDept.entries()].sort(([a], [b]) => a.localeCompare(b, lang));
  }, [entries, view, catalogue, lang, t]);

  if (selected !== null)
    return <RecordDetail recordId={selected} onBack={() => setSelected(null)} />;

  const count = (v: View) => (entries ?? []).filter((e) => inView(e.bucket, v)).length;
  const when = (e: DueEntry) => {
    if (e.bucket === 'overdue')
      return t('stats.due.overdueBy', { count: daysOverdue(e.item.dueBy, today) });
    if (e.bucket === 'today') return t('stats.due.dueToday');
    return t('stats.due.dueOn', { date: e.item.dueBy });
  };

  return (
    <section className="console-section" aria-labelledby="due-heading">
      <ScreenHeading id="due-heading">{t('stats.due.heading')}</ScreenHeading>
      <p className="hint">{t('stats.due.intro')}</p>
      <div className="row" role="group" aria-label={t('stats.due.views')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className="button-secondary"
            aria-pressed={view === v}
            data-testid={`due-view-${v}`}
            onClick={() => setView(v)}
          >
            {t(`stats.due.view.${v}`, { count: count(v) })}
          </button>
        ))}
      </div>
      <p role="status" className="result-count">
        {entries === null
          ? t('clerk.records.loading')
          : groups.length === 0
            ? t(`stats.due.none.${view}`)
            : t('stats.due.showing', { count: count(view) })}
      </p>
      {groups.map(([dept, rows]) => (
        <table key={dept} className="data-table">
          <caption>{dept}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clerk.records.cols.code')}</th>
              <th scope="col">{t('clerk.records.cols.entity')}</th>
              <th scope="col">{t('clerk.records.cols.matter')}</th>
              <th scope="col">{t('stats.due.cols.what')}</th>
              <th scope="col">{t('stats.due.cols.dueBy')}</th>
              <th scope="col">{t('stats.due.cols.when')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr
                key={`${e.row.recordId}:${e.item.kind === 'material' ? e.item.materialId : 'check'}`}
                className={e.bucket === 'overdue' ? 'row-overdue' : undefined}
              >
                <td>
                  <button
                    type="button"
                    className="link-button mono"
                    onClick={() => setSelected(e.row.recordId)}
                  >
                    {e.row.commitmentCode}
                  </button>
                </td>
                <td>{e.row.entityName}</td>
                <td>{matterName(catalogue, e.row.matterCode, lang)}</td>
                <td>
                  {e.item.kind === 'verification'
                    ? t('stats.due.verification')
                    : t('stats.due.material', { name: e.item.name[lang] })}
                </td>
                <td className="mono">{e.item.dueBy}</td>
                <td>
                  <strong>{when(e)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
