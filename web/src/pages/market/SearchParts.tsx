/** Pieces of the two search pages: the URL's list filters, the paged result list, the field picker. */
import { Button, Card, Empty, Flex, Pagination, Spin, TreeSelect } from 'antd';
import type { ReactNode } from 'react';
import { LoadErrorAlert } from '../../components/PagedTable.js';
import { useI18n } from '../../lib/i18n.js';
import type { PagedList } from '../../lib/usePagedList.js';
import type { QueryParams } from '../../lib/useQueryParams.js';
import { useTechFields } from './fields.js';

/** "a,b" in the URL ↔ ['a', 'b']. */
export function listParam(qp: QueryParams, key: string): string[] {
  const v = qp.get(key);
  return v ? v.split(',').filter(Boolean) : [];
}
export function joinParam(values: readonly string[]): string | undefined {
  return values.length ? values.join(',') : undefined;
}

/** Technology fields, several; a top field covers its subfields. */
export function FieldPicker({ value, onChange, placeholder, width, testId, maxCount }: { value?: string[]; onChange?: (v: string[]) => void; placeholder?: string; width?: number | string; testId?: string; maxCount?: number }) {
  const { t } = useI18n();
  const fields = useTechFields();
  return (
    <TreeSelect
      multiple
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      placeholder={placeholder ?? t('market.filter.fields')}
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      treeData={fields.treeData}
      loading={fields.loading}
      maxTagCount="responsive"
      maxCount={maxCount}
      style={{ width: width ?? 260 }}
      popupMatchSelectWidth={320}
      data-testid={testId}
      aria-label={placeholder ?? t('market.filter.fields')}
    />
  );
}

/** Results as cards with the server's paging (kept in the URL), the load error above, an empty state. */
export function ResultList<T extends { id: number }>({ list, render, empty, testId }: { list: PagedList<T>; render: (item: T) => ReactNode; empty: ReactNode; testId: string }) {
  const { t } = useI18n();
  const items = list.error ? [] : (list.data?.items ?? []);
  return (
    <>
      <LoadErrorAlert error={list.error} onRetry={list.reload} testId="market-error" />
      <Spin spinning={list.loading}>
        <div data-testid={testId} data-total={list.data?.total ?? ''} data-loading={String(list.loading)} style={{ minHeight: 120 }}>
          {items.length === 0 ? (
            list.loading || list.error ? null : empty
          ) : (
            <Flex vertical gap={12}>
              {items.map((item) => (
                <Card key={item.id} size="small" data-testid={`market-result-${item.id}`}>
                  {render(item)}
                </Card>
              ))}
            </Flex>
          )}
        </div>
      </Spin>
      {list.data && list.data.total > 0 && !list.error ? (
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Pagination
            current={list.page}
            pageSize={list.pageSize}
            total={list.data.total}
            showSizeChanger
            pageSizeOptions={[10, 20, 50]}
            showTotal={(total) => t('common.totalItems', { n: total })}
            onChange={(page, size) => list.setPage(page, size)}
          />
        </Flex>
      ) : null}
    </>
  );
}

/** The empty state of a filterable search: another sentence when filters hide everything, and a button to clear them. */
export function SearchEmpty({ qp, keys, all, filtered }: { qp: QueryParams; keys: readonly string[]; all: string; filtered: string }) {
  const { t } = useI18n();
  const any = keys.some((k) => qp.get(k) !== undefined);
  return (
    <Empty description={any ? filtered : all} data-testid="market-empty" style={{ padding: 24 }}>
      {any ? <Button onClick={() => qp.clear(keys)}>{t('orgs.clearFilters')}</Button> : null}
    </Empty>
  );
}
