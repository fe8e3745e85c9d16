/**
 * Pieces of the search pages: the URL's list filters, the paged result list, the field picker,
 * the district select and a 万元 filter kept in the URL in 分.
 */
import { Button, Card, Empty, Flex, Input, Pagination, Select, Spin, Tooltip, TreeSelect } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { LoadErrorAlert } from '../../components/PagedTable.js';
import type { Query } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { fenToWanString, parseWanToFen } from '../../lib/money.js';
import { useReference } from '../../lib/reference.js';
import type { Paged } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import type { PagedList } from '../../lib/usePagedList.js';
import type { QueryParams } from '../../lib/useQueryParams.js';
import { NO_SEARCH_TERMS, type MarketSearchPage } from '../../../../src/shared/market.js';
import { useTechFields } from './fields.js';
import { useMarketI18n } from './words.js';

/** "a,b" in the URL ↔ ['a', 'b']. */
export function listParam(qp: QueryParams, key: string): string[] {
  const v = qp.get(key);
  return v ? v.split(',').filter(Boolean) : [];
}
export function joinParam(values: readonly string[]): string | undefined {
  return values.length ? values.join(',') : undefined;
}

/** An amount in 分 from the URL: a non-negative safe integer, else nothing. */
export function fenParam(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A district code from the URL (six digits), else nothing. */
export function districtParam(v: string | undefined): string | undefined {
  return v !== undefined && /^\d{6}$/.test(v) ? v : undefined;
}

/**
 * usePagedList for a search that may have nothing to ask (`path` null, e.g. an upside-down TRL range
 * the server would refuse): nothing is fetched then, and the caller shows why instead of the list.
 */
export function usePagedSearch<T>(qp: QueryParams, path: string | null, filters: Query, defaultPageSize: number): PagedList<T> {
  const page = qp.int('page', 1);
  const pageSize = qp.int('pageSize', defaultPageSize);
  const state = useApi<Paged<T>>(path, { page, pageSize, ...filters });
  return { ...state, page, pageSize, setPage: (p, s) => qp.update({ page: p, pageSize: s }) };
}

/** The ten districts and county-level cities (GET /api/reference/districts, cached). */
export function DistrictSelect({ value, onChange, testId }: { value?: string; onChange: (code: string | undefined) => void; testId?: string }) {
  const { t, pick } = useMarketI18n();
  const districts = useReference('districts');
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('market.x.filter.district')}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      loading={districts.loading}
      options={districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
      style={{ width: 130 }}
      data-testid={testId}
      aria-label={t('market.x.filter.district')}
    />
  );
}

/**
 * An amount typed in 万元 and kept (in the URL) in 分, converted digit by digit; it applies on Enter
 * or when the field is left, and an amount that cannot be one (letters, finer than a 分) is marked
 * with the reason and not applied.
 */
export function WanFilter({ value, onChange, placeholder, hint, testId, width = 150 }: { value?: number; onChange: (fen: number | undefined) => void; placeholder: string; hint: string; testId?: string; width?: number }) {
  const { t } = useMarketI18n();
  const shown = value === undefined ? '' : fenToWanString(value);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  // The URL changed from elsewhere (清除筛选, back/forward): show its amount.
  useEffect(() => {
    setText(shown);
    setProblem(null);
  }, [shown]);
  const apply = () => {
    if (!text.trim()) {
      setProblem(null);
      if (value !== undefined) onChange(undefined);
      return;
    }
    const r = parseWanToFen(text);
    if (!r.ok) {
      setProblem(t(`money.invalid.${r.reason}`));
      return;
    }
    setProblem(null);
    if (r.fen !== value) onChange(r.fen);
  };
  return (
    <Tooltip title={problem ?? hint}>
      <Input
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // The clear icon (a click, not typing) applies at once.
          if (e.target.value === '' && e.type !== 'change') {
            setProblem(null);
            if (value !== undefined) onChange(undefined);
          }
        }}
        onPressEnter={apply}
        onBlur={apply}
        placeholder={placeholder}
        suffix={t('money.wan')}
        inputMode="decimal"
        allowClear
        status={problem ? 'error' : undefined}
        style={{ width }}
        data-testid={testId}
        aria-label={placeholder}
        aria-invalid={problem ? true : undefined}
      />
    </Tooltip>
  );
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

/** The server's `notice` on a search page (MarketSearchPage: q held no word to search by), if any. */
export function searchNotice(list: PagedList<unknown>): string | undefined {
  return list.error ? undefined : (list.data as Partial<MarketSearchPage> | null | undefined)?.notice;
}

/**
 * The empty state of a filterable search: another sentence when filters hide everything, and a button to clear them;
 * when the server says why there is nothing (`notice`: the words asked hold nothing to search by), that instead.
 */
export function SearchEmpty({ qp, keys, all, filtered, notice }: { qp: QueryParams; keys: readonly string[]; all: string; filtered: string; notice?: string }) {
  const { t } = useMarketI18n();
  const any = keys.some((k) => qp.get(k) !== undefined);
  if (notice)
    return (
      <Empty description={notice === NO_SEARCH_TERMS ? t('market.x.search.noTerms') : notice} data-testid="market-no-terms" style={{ padding: 24 }}>
        <Button onClick={() => qp.update({ q: undefined })}>{t('market.x.search.clearQuery')}</Button>
      </Empty>
    );
  return (
    <Empty description={any ? filtered : all} data-testid="market-empty" style={{ padding: 24 }}>
      {any ? <Button onClick={() => qp.clear(keys)}>{t('orgs.clearFilters')}</Button> : null}
    </Empty>
  );
}
