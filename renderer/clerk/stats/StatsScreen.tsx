import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safeFileName } from '../../../shared/bridge/contract';
import type { CommitmentType, Language } from '../../../shared/model';
import type { StatsFigures } from '../../../shared/stats/figures';
import { addDays, chinaClock, chinaDay, chinaInstant } from '../../../shared/time';
import { logProblem } from '../../host/problem-log';
import { bundledFont } from '../../services/letter';
import { recordExport } from '../../store/audit-log';
import { loadTallyFigures } from '../../store/stats-rows';
import { deviceClient } from '../../sync/deps';
import { Outcome, ScreenHeading, useConsole } from '../console';
import { SectionTable } from '../report/SectionTable';
import { StatsChart } from './StatsChart';
import { statsSections } from './stats-sections';

type Source = 'device' | 'hall';

interface Taken {
  readonly figures: StatsFigures;
  /** When the figures were taken (the platform's time for the hall's). */
  readonly takenAt: string;
  readonly devices: number | null;
}

/**
 * The supervisor's statistics (issue 18): this device's figures from its own store, or the whole
 * hall's from the platform, for a range of days; each chart with its table beside it; saved as
 * XLSX or PDF through the day report's engine.
 */
export function StatsScreen() {
  const { t, i18n } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const lang = (i18n.language === 'en' ? 'en' : 'zh-CN') satisfies Language;
  const today = chinaDay(services.now());
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [source, setSource] = useState<Source>('device');
  const [taken, setTaken] = useState<Taken | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const catalogue = services.catalogue?.catalogue;
  const invalid = from > to || from < addDays(to, -365);

  useEffect(() => {
    if (invalid) return;
    let live = true;
    const typeOf = (code: string): CommitmentType | undefined =>
      catalogue?.matters.find((m) => m.code === code)?.commitmentType;
    const load = async (): Promise<Taken | null> => {
      if (source === 'device') {
        return {
          figures: await loadTallyFigures(services.db, { from, to, today }, typeOf),
          takenAt: chinaInstant(services.now()),
          devices: null,
        };
      }
      const client = await deviceClient(services.db);
      if (!client) return null;
      const answer = await client.hallStats({ from, to });
      if (!answer.ok) return null;
      return {
        figures: answer.value.figures,
        takenAt: answer.value.takenAt,
        devices: answer.value.devices,
      };
    };
    load()
      .then((result) => {
        if (!live) return;
        setTaken(result);
        // Set when the figures come, not before: an effect sets no state of its own.
        setMessage(result ? null : { kind: 'error', text: t('stats.stats.hallUnavailable') });
      })
      .catch((error: unknown) => {
        logProblem('warn', 'stats.failed', error);
        if (live) setMessage({ kind: 'error', text: t('stats.stats.failed') });
      });
    return () => {
      live = false;
    };
  }, [services, source, from, to, today, invalid, catalogue, t]);

  const sections = useMemo(
    () => (taken ? statsSections(taken.figures, t, catalogue, lang) : []),
    [taken, t, catalogue, lang],
  );
  const f = taken?.figures;
  const title = t(source === 'hall' ? 'stats.stats.titleHall' : 'stats.stats.titleDevice', {
    hall: services.device.hallCode,
    window: services.settings.window,
  });
  const subtitle = taken
    ? t('stats.stats.subtitle', {
        from,
        to,
        taken: chinaClock(taken.takenAt) ?? taken.takenAt,
      })
    : '';

  const exportAs = async (format: 'xlsx' | 'pdf') => {
    if (!taken) return;
    setBusy(true);
    setMessage(null);
    try {
      const base = safeFileName(`statistics-${services.device.hallCode}-${source}-${from}-${to}`);
      const generatedAt = services.now();
      let data: Uint8Array;
      if (format === 'xlsx') {
        const { reportXlsx } = await import('../report/report-xlsx');
        const byDay = sections[2];
        data = await reportXlsx({
          // The first sheet: commitments per day; the second: every table of the screen.
          table: {
            header: byDay?.header ?? [],
            rows: (byDay?.rows ?? []).map((r) => r.map(String)),
          },
          otherHeader: [],
          sections,
          sheetNames: {
            records: t('stats.stats.sheetDays'),
            summary: t('stats.stats.sheetFigures'),
          },
          title,
          generatedAt,
        });
      } else {
        const [{ reportPdf }, font] = await Promise.all([
          import('../report/report-pdf'),
          bundledFont(),
        ]);
        data = await reportPdf({
          font,
          title,
          subtitle,
          sections,
          language: lang,
          generatedAt,
          labels: {
            pageOf: (page, total) => t('report.pageOf', { page, total }),
            generated: t('report.generatedAt', {
              time: chinaClock(chinaInstant(generatedAt)) ?? '',
            }),
            exportedBy: t('report.exportedBy', { clerk: clerk.id }),
            none: t('report.none'),
            preparedBy: t('report.preparedBy'),
            checkedBy: t('report.checkedBy'),
            date: t('report.signDate'),
          },
        });
      }
      const saved = await services.host.invoke('file.save', {
        suggestedName: `${base}.${format}`,
        mimeType:
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data,
      });
      if (!(saved.ok && saved.value.saved)) {
        setMessage({ kind: 'error', text: t('clerk.report.failed') });
        return;
      }
      // Each export is in the audit log: who took the figures away, in which format, of how many.
      await recordExport(ctx, clerk, {
        kind: 'statistics',
        format,
        recordCount: taken.figures.total,
        masked: true,
      });
      setMessage({ kind: 'ok', text: t('clerk.report.saved') });
    } catch (error) {
      logProblem('warn', 'stats.export-failed', error);
      setMessage({ kind: 'error', text: t('clerk.report.failed') });
    } finally {
      setBusy(false);
    }
  };

  const table = (i: number) => {
    const s = sections[i];
    return s ? <SectionTable section={s} caption /> : null;
  };

  const o = f?.outcomes;
  // One array per figures, so the chart is drawn again only when they change.
  const outcomeBars = useMemo(
    (): [string, number][] =>
      f
        ? [
            [t('stats.stats.outcome.kept'), f.outcomes.kept],
            [t('stats.stats.outcome.partlyKept'), f.outcomes.partlyKept],
            [t('stats.stats.outcome.breached'), f.outcomes.breached],
            [t('stats.stats.outcome.repaired'), f.outcomes.repaired],
            [t('stats.stats.outcome.voided'), f.outcomes.voided],
            [t('stats.stats.deadlinesOverdue'), f.deadlines.overdue],
          ]
        : [],
    [f, t],
  );
  return (
    <section className="console-section" aria-labelledby="stats-heading">
      <ScreenHeading id="stats-heading">{t('stats.stats.heading')}</ScreenHeading>
      <div className="filters">
        <label className="filter">
          <span>{t('stats.stats.source')}</span>
          <select value={source} onChange={(e) => setSource(e.target.value as Source)}>
            <option value="device">{t('stats.stats.sourceDevice')}</option>
            {!services.demo && <option value="hall">{t('stats.stats.sourceHall')}</option>}
          </select>
        </label>
        <label className="filter">
          <span>{t('stats.stats.from')}</span>
          <input
            type="date"
            value={from}
            onChange={(e) => e.target.value && setFrom(e.target.value)}
          />
        </label>
        <label className="filter">
          <span>{t('stats.stats.to')}</span>
          <input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
      </div>
      {invalid && (
        <p className="notice notice-stop" role="alert">
          {t('stats.stats.badRange')}
        </p>
      )}
      {taken && f && o && (
        <>
          <p data-testid="stats-taken">
            {subtitle}
            {taken.devices !== null && ` · ${t('stats.stats.devices', { count: taken.devices })}`}
          </p>
          <div className="stats-pair">
            <div>
              <h2 className="console-subheading">{t('stats.stats.byDay')}</h2>
              <StatsChart
                bars={f.byDay}
                testId="chart-by-day"
                description={t('stats.stats.describeByDay', {
                  total: f.total,
                  days: f.byDay.length,
                  from,
                  to,
                })}
              />
            </div>
            <div>{table(2)}</div>
          </div>
          <div className="stats-pair">
            <div>
              <h2 className="console-subheading">{t('stats.stats.outcomes')}</h2>
              <StatsChart
                bars={outcomeBars}
                horizontal
                testId="chart-outcomes"
                description={t('stats.stats.describeOutcomes', {
                  made: o.made,
                  kept: o.kept,
                  breached: o.breached,
                  overdue: f.deadlines.overdue,
                })}
              />
            </div>
            <div>{table(0)}</div>
          </div>
          <div className="stats-pair">
            <div>
              <h2 className="console-subheading">{t('stats.stats.byMatter')}</h2>
              <StatsChart
                bars={f.byMatter}
                testId="chart-by-matter"
                description={t('stats.stats.describeByMatter', { matters: f.byMatter.length })}
              />
            </div>
            <div>{table(3)}</div>
          </div>
          {[6, 1, 4, 5].map((i) => (
            <div key={i} className="report-section">
              <h2 className="console-subheading">{sections[i]?.heading}</h2>
              {table(i)}
            </div>
          ))}
        </>
      )}
      <Outcome message={message} />
      <div className="row">
        <button
          type="button"
          className="button-secondary"
          disabled={busy || !taken}
          onClick={() => void exportAs('xlsx')}
        >
          {t('report.saveXlsx')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy || !taken}
          onClick={() => void exportAs('pdf')}
        >
          {t('clerk.report.savePdf')}
        </button>
      </div>
    </section>
  );
}
