/**
 * A server-paged list whose page and page size live in the URL next to its
 * filters (?page=2&pageSize=50&kind=…). Render it with <PagedTable>.
 */
import type { Query } from './api.js';
import type { Paged } from './types.js';
import { useApi, type ApiState } from './useApi.js';
import type { QueryParams } from './useQueryParams.js';

export interface PagedList<T> extends ApiState<Paged<T>> {
  page: number;
  pageSize: number;
  /** Goes to another page (or page size), keeping the filters. */
  setPage: (page: number, pageSize: number) => void;
}

/** GETs `path` with ?page&pageSize from the URL (1 and `defaultPageSize` when absent) followed by `filters`. */
export function usePagedList<T>(qp: QueryParams, path: string, filters: Query, defaultPageSize: number): PagedList<T> {
  const page = qp.int('page', 1);
  const pageSize = qp.int('pageSize', defaultPageSize);
  const state = useApi<Paged<T>>(path, { page, pageSize, ...filters });
  return { ...state, page, pageSize, setPage: (p, s) => qp.update({ page: p, pageSize: s }) };
}
