/**
 * The table of a usePagedList list: the server's page, paging through the URL,
 * and `empty` when there is nothing; LoadErrorAlert goes above it. With `phoneCards`, a phone
 * (below md) gets one card per row instead (each column's title and value, one under another).
 * Otherwise a table wider than the screen scrolls inside its own box (styles.css).
 */
import { Alert, Button, Card, Empty, Flex, Grid, Pagination, Spin, Table, Typography, type TableColumnType, type TableProps } from 'antd';
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
  /** On a phone, cards instead of the table (for lists people read on phones, such as 公示). */
  phoneCards?: boolean;
};

/** The value a column shows for a row (its render, else its dataIndex), for the phone's cards. */
function cellOf<T extends object>(column: TableColumnType<T>, row: T, index: number): ReactNode {
  const path = column.dataIndex === undefined ? [] : Array.isArray(column.dataIndex) ? column.dataIndex : [column.dataIndex];
  let value: unknown = path.length ? row : undefined;
  for (const key of path) value = value == null ? undefined : (value as Record<string, unknown>)[String(key)];
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value == null ? '—' : (value as ReactNode);
}

function PhoneCards<T extends object>({ list, empty, columns, rowKey, onRow, testId, pageSizeOptions }: { list: PagedList<T>; empty: ReactNode; columns: TableColumnType<T>[]; rowKey: TableProps<T>['rowKey']; onRow: TableProps<T>['onRow']; testId?: string; pageSizeOptions: number[] }) {
  const { t } = useI18n();
  const { data, error, loading, page, pageSize, setPage } = list;
  const rows = error ? [] : (data?.items ?? []);
  const keyOf = (row: T, i: number) => (typeof rowKey === 'function' ? String(rowKey(row)) : typeof rowKey === 'string' ? String((row as Record<string, unknown>)[rowKey]) : String(i));
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={12} data-testid={testId} data-phone-cards="true">
        {rows.length === 0 && !loading ? (typeof empty === 'string' ? <Empty description={empty} /> : empty) : null}
        {rows.map((row, i) => (
          <Card key={keyOf(row, i)} size="small" data-testid={(onRow?.(row, i) as { 'data-testid'?: string } | undefined)?.['data-testid'] ?? (testId ? `${testId}-card` : undefined)}>
            <Flex vertical gap={4}>
              {columns.map((c, ci) => (
                <Flex key={String(c.key ?? ci)} gap={8} justify="space-between" align="baseline" style={{ minWidth: 0 }}>
                  {c.title ? <Typography.Text type="secondary" style={{ flex: 'none' }}>{c.title as ReactNode}</Typography.Text> : null}
                  <div style={{ minWidth: 0, textAlign: 'right', overflowWrap: 'anywhere' }}>{cellOf(c, row, i)}</div>
                </Flex>
              ))}
            </Flex>
          </Card>
        ))}
        <Pagination
          size="small"
          align="center"
          current={page}
          pageSize={pageSize}
          total={data?.total ?? 0}
          showSizeChanger={false}
          pageSizeOptions={pageSizeOptions}
          showTotal={(total) => t('common.totalItems', { n: total })}
          onChange={(p, size) => setPage(p, size)}
        />
      </Flex>
    </Spin>
  );
}

export function PagedTable<T extends object>({ list, empty, pageSizeOptions = [10, 20, 50, 100], onChange, phoneCards, ...table }: Props<T>) {
  const { t } = useI18n();
  const narrow = Grid.useBreakpoint().md === false;
  const { data, error, loading, page, pageSize, setPage } = list;
  if (phoneCards && narrow) {
    const testId = (table as { 'data-testid'?: string })['data-testid'];
    return <PhoneCards list={list} empty={empty} columns={(table.columns ?? []) as TableColumnType<T>[]} rowKey={table.rowKey} onRow={table.onRow} testId={testId} pageSizeOptions={pageSizeOptions} />;
  }
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
