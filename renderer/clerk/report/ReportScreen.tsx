import { logProblem } from '../../host/problem-log';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safeFileName } from '../../../shared/bridge/contract';
import { calendarDay } from '../../../shared/ids/calendar';
import type { Language } from '../../../shared/model';
import { printOutcome } from '../../host/print-outcome';
import { maskingRules } from '../../settings/hall-settings';
import { recordExport } from '../../store/audit-log';
import { Outcome, ScreenHeading, useConsole } from '../console';
import { bundledFont } from '../../services/letter';
import { chinaClock, chinaInstant } from '../../../shared/time';
import { gatherDay, type DayData } from './gather';
import { recordTable, reportCsv, reportSections } from './render';
import { BundleExport } from './BundleExport';
import { ReceiptsImport } from './ReceiptsImport';
import { SectionTable } from './SectionTable';
import { SyncPanel } from './SyncPanel';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/** End of day: what is still to send, then the day's report as CSV and PDF, saved or printed. */
export function ReportScreen() {
  const { t, i18n } = useTranslation();
  const { services, ctx, clerk } = useConsole();
  const lang = i18n.language as Language;
  const [day, setDay] = useState(() => calendarDay(services.now()));
  const [data, setData] = useState<DayData | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after a sync: the report is gathered again with the new sync states.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void gatherDay(services.db, day).then((d) => {
      if (live) setData(d);
    });
    return () => {
      live = false;
    };
  }, [services.db, day, version]);

  const sections = data
    ? reportSections(data, t, services.catalogue?.catalogue, lang, maskingRules(services.settings))
    : [];
  const title = t('clerk.report.title', { window: services.settings.window });
  const base = safeFileName(
    `daily-report-${services.device.hallCode}-${services.settings.window}-${day}`,
  );

  const exportAs = async (format: 'csv' | 'xlsx' | 'pdf', print: boolean) => {
    if (!data) return;
    setBusy(true);
    setMessage(null);
    try {
      let ok: boolean;
      let done: 'clerk.report.saved' | 'clerk.report.printed' | 'clerk.report.downloaded' =
        'clerk.report.saved';
      const generatedAt = services.now();
      const catalogue = services.catalogue?.catalogue;
      const masking = maskingRules(services.settings);
      if (format === 'csv') {
        const csv = reportCsv(recordTable(data, t, catalogue, lang, masking));
        const saved = await services.host.invoke('file.save', {
          suggestedName: `${base}.csv`,
          mimeType: 'text/csv',
          data: new TextEncoder().encode(csv),
        });
        ok = saved.ok && saved.value.saved;
      } else if (format === 'xlsx') {
        const { reportXlsx } = await import('./report-xlsx');
        const other = i18n.getFixedT(lang === 'zh-CN' ? 'en' : 'zh-CN');
        const xlsx = await reportXlsx({
          table: recordTable(data, t, catalogue, lang, masking),
          otherHeader: recordTable({ ...data, rows: [] }, other, catalogue, lang, masking).header,
          sections,
          sheetNames: { records: t('report.sheetRecords'), summary: t('report.sheetSummary') },
          title,
          generatedAt,
        });
        const saved = await services.host.invoke('file.save', {
          suggestedName: `${base}.xlsx`,
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: xlsx,
        });
        ok = saved.ok && saved.value.saved;
      } else {
        const [{ reportPdf }, font] = await Promise.all([import('./report-pdf'), bundledFont()]);
        const pdf = await reportPdf({
          font,
          title,
          subtitle: t('clerk.report.subtitle', { day, hall: services.device.hallCode }),
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
        if (print) {
          const printed = await services.host.invoke('print.pdf', {
            pdf,
            title: base,
            ...(services.settings.printer ? { printer: services.settings.printer } : {}),
          });
          const outcome = printOutcome(printed);
          ok = outcome !== 'failed';
          // A browser cannot print silently: the web host hands the PDF over instead.
          done = outcome === 'downloaded' ? 'clerk.report.downloaded' : 'clerk.report.printed';
        } else {
          const saved = await services.host.invoke('file.save', {
            suggestedName: `${base}.pdf`,
            mimeType: 'application/pdf',
            data: pdf,
          });
          ok = saved.ok && saved.value.saved;
        }
      }
      if (!ok) {
        setMessage({ kind: 'error', text: t('clerk.report.failed') });
        return;
      }
      await recordExport(ctx, clerk, {
        kind: 'report',
        format,
        recordCount: data.rows.length,
        masked: true,
      });
      setMessage({ kind: 'ok', text: t(done) });
    } catch (error) {
      logProblem('warn', 'report.failed', error);
      setMessage({ kind: 'error', text: t('clerk.report.failed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="console-section" aria-labelledby="report-heading">
      <ScreenHeading id="report-heading">{t('clerk.report.heading')}</ScreenHeading>
      <SyncPanel day={day} dataVersion={version} onSynced={() => setVersion((v) => v + 1)} />
      {!services.demo && (
        <>
          <BundleExport />
          <ReceiptsImport onImported={() => setVersion((v) => v + 1)} />
        </>
      )}
      <div className="filters">
        <label className="filter">
          <span>{t('clerk.records.day')}</span>
          <input
            type="date"
            value={day}
            onChange={(e) => e.target.value && setDay(e.target.value)}
          />
        </label>
      </div>
      {data && !data.report.reconciliation.balanced && (
        <p className="notice notice-stop" role="alert">
          {t('clerk.report.unbalancedAlert')}
        </p>
      )}
      {sections
        .filter((s) => !s.listsRecords)
        .map((s) => (
          <div key={s.heading} className="report-section">
            <h2 className="console-subheading">{s.heading}</h2>
            <SectionTable section={s} />
          </div>
        ))}
      <Outcome message={message} />
      <div className="row">
        <button
          type="button"
          className="button-primary"
          disabled={busy || !data}
          onClick={() => void exportAs('csv', false)}
        >
          {t('clerk.report.saveCsv')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy || !data}
          onClick={() => void exportAs('xlsx', false)}
        >
          {t('report.saveXlsx')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy || !data}
          onClick={() => void exportAs('pdf', false)}
        >
          {t('clerk.report.savePdf')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy || !data}
          onClick={() => void exportAs('pdf', true)}
        >
          {t('clerk.report.print')}
        </button>
      </div>
    </section>
  );
}
