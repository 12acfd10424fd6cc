import { useTranslation } from 'react-i18next';
import type { ReportSection } from './render';

/**
 * One report section as a table on screen (the day report and the statistics), or "none" when it
 * has no rows. `caption` names the table for screen readers where no heading stands above it.
 */
export function SectionTable({
  section,
  caption = false,
}: {
  readonly section: ReportSection;
  readonly caption?: boolean;
}) {
  const { t } = useTranslation();
  if (section.rows.length === 0) return <p>{t('report.none')}</p>;
  return (
    <table className="data-table">
      {caption && <caption className="visually-hidden">{section.heading}</caption>}
      <thead>
        <tr>
          {section.header.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {section.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{String(cell ?? '')}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
