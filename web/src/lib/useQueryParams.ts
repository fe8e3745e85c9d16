/**
 * List pages keep their filters and paging in the URL (?page=2&kind=enterprise),
 * so back/forward, reload and shared links all show the same list.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type ParamPatch = Record<string, string | number | null | undefined>;

export interface QueryParams {
  get: (key: string) => string | undefined;
  /** Positive integer parameter with a fallback. */
  int: (key: string, fallback: number) => number;
  /** Sets (or, for empty values, removes) parameters. Filter changes go back to page 1 unless `page` is in the patch. */
  update: (patch: ParamPatch) => void;
  clear: (keys: readonly string[]) => void;
  params: URLSearchParams;
}

export function useQueryParams(): QueryParams {
  const [params, setParams] = useSearchParams();

  const update = useCallback(
    (patch: ParamPatch) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  const clear = useCallback(
    (keys: readonly string[]) => update(Object.fromEntries(keys.map((k) => [k, undefined]))),
    [update],
  );

  return useMemo(
    () => ({
      params,
      get: (key: string) => params.get(key) ?? undefined,
      int: (key: string, fallback: number) => {
        const n = Number(params.get(key));
        return Number.isInteger(n) && n > 0 ? n : fallback;
      },
      update,
      clear,
    }),
    [params, update, clear],
  );
}

/** Narrows a URL value to one of an enum's members. */
export function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}
