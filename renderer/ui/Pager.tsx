import { useTranslation } from 'react-i18next';

/** Previous / next page buttons under a list. */
export function Pager({
  page,
  hasMore,
  onPage,
}: {
  readonly page: number;
  readonly hasMore: boolean;
  readonly onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
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
