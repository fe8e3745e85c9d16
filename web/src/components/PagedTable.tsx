/**
 * The table of a usePagedList list: the server's page, paging through the URL,
 * and `empty` when there is nothing; LoadErrorAlert goes above it.
 */
import { Alert, Button, Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { ApiError } from '../lib/api.js';
import { errorMessage } from '../lib/errors.js';
import { useI18n } from '../lib/i18n.js';
import type { PagedList } from '../lib/usePagedList.js';
import type { QueryParams } from '../lib/useQueryParams.js';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale'> & {
  list: PagedList<T>;
  /** What the table says when the page is empty (not while loading). */
  empty: ReactNode;
  /** Default antd's 10 / 20 / 50 / 100. */
  pageSizeOptions?: number[];
};

export function PagedTable<T extends object>({ list, empty, pageSizeOptions = [10, 20, 50, 100], onChange, ...table }: Props<T>) {
  const { t } = useI18n();
  const { data, error, loading, page, pageSize, setPage } = list;
  return (
    <Table<T>
      {...table}
      dataSource={error ? [] : (data?.items ?? [])}
      loading={loading}
      locale={{ emptyText: loading ? ' ' : empty }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions,
        showTotal: (total) => t('common.totalItems', { n: total }),
      }}
      onChange={(pagination, filters, sorter, extra) => {
        // Paging here, anything else (sorting) is the page's. Not pagination.onChange: antd also calls that on every sort.
        if (extra.action === 'paginate') setPage(pagination.current ?? 1, pagination.pageSize ?? pageSize);
        onChange?.(pagination, filters, sorter, extra);
      }}
    />
  );
}

/** A list that failed to load: what went wrong and a retry, above the (emptied) table. */
export function LoadErrorAlert({ error, onRetry, testId }: { error: ApiError | undefined; onRetry: () => void; testId?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed')}
      description={errorMessage(error, t)}
      action={<Button size="small" onClick={onRetry}>{t('common.retry')}</Button>}
      style={{ marginBottom: 16 }}
      data-testid={testId}
    />
  );
}

/** A filterable list's empty state: another sentence when filters hide everything, and a button that clears them. */
export function FilteredEmpty({ qp, filterKeys, all, filtered, testId }: { qp: QueryParams; filterKeys: readonly string[]; all: string; filtered: string; testId?: string }) {
  const { t } = useI18n();
  const any = filterKeys.some((k) => qp.get(k) !== undefined);
  return (
    <Empty description={any ? filtered : all} data-testid={testId}>
      {any ? <Button onClick={() => qp.clear(filterKeys)}>{t('orgs.clearFilters')}</Button> : null}
    </Empty>
  );
}
