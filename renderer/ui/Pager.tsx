import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next page buttons under a list; with the number of pages known, also "page x of y"
 * and a jump to any page, so that page 400 of a long list is not 400 clicks away.
 */
export function Pager({
  page,
  hasMore,
  onPage,
  pageCount,
}: {
  readonly page: number;
  readonly hasMore: boolean;
  readonly onPage: (page: number) => void;
  readonly pageCount?: number;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  // What is typed belongs to the page it was typed on: another page shows its own number.
  const [draft, setDraft] = useState({ page, text: String(page + 1) });
  const typed = draft.page === page ? draft.text : String(page + 1);
  const setTyped = (text: string) => setDraft({ page, text });
  const jump = () => {
    const wanted = Number(typed);
    if (pageCount === undefined || !Number.isInteger(wanted)) return;
    onPage(Math.min(Math.max(wanted, 1), Math.max(pageCount, 1)) - 1);
  };
  return (
    <div className="row pager">
      <button
        type="button"
        className="button-secondary"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        {t('clerk.records.previous')}
      </button>
      {pageCount !== undefined && pageCount > 1 && (
        <form
          className="page-jump"
          onSubmit={(e) => {
            e.preventDefault();
            jump();
          }}
        >
          <label htmlFor={inputId}>{t('staff.pager.page')}</label>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCount}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <span>{t('staff.pager.of', { total: pageCount })}</span>
          <button type="submit" className="button-secondary">
            {t('staff.pager.go')}
          </button>
        </form>
      )}
      <button
        type="button"
        className="button-secondary"
        disabled={!hasMore}
        onClick={() => onPage(page + 1)}
      >
        {t('clerk.records.next')}
      </button>
    </div>
  );
}
