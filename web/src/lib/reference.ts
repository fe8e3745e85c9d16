/**
 * Reference data (districts, industries, departments, measures, qualification
 * types) changes rarely: fetched once per page load and shared by every page.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError } from './api.js';
import type { Department, District, Industry, Items, Measure, QualificationType } from './types.js';
import { toApiError } from './useApi.js';

export interface ReferenceData {
  districts: District;
  industries: Industry;
  departments: Department;
  measures: Measure;
  'qualification-types': QualificationType;
}
export type ReferenceKind = keyof ReferenceData;

const cache = new Map<ReferenceKind, Promise<unknown[]>>();

function load<K extends ReferenceKind>(kind: K): Promise<ReferenceData[K][]> {
  let pending = cache.get(kind) as Promise<ReferenceData[K][]> | undefined;
  if (!pending) {
    pending = api.get<Items<ReferenceData[K]>>(`/reference/${kind}`).then((r) => r.items);
    pending.catch(() => cache.delete(kind));
    cache.set(kind, pending);
  }
  return pending;
}

/** Forget a list after it changed (e.g. a new qualification type). */
export function invalidateReference(kind: ReferenceKind): void {
  cache.delete(kind);
}

export interface ReferenceState<T> {
  items: T[];
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useReference<K extends ReferenceKind>(kind: K): ReferenceState<ReferenceData[K]> {
  const [items, setItems] = useState<ReferenceData[K][]>([]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(undefined);
    load(kind)
      .then((list) => {
        if (!alive) return;
        setItems(list);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (!alive) return;
        setError(toApiError(err));
        setLoading(false);
      });
    return () => {
      alive = false;
    };
  }, [kind, version]);

  const reload = useCallback(() => {
    invalidateReference(kind);
    setVersion((v) => v + 1);
  }, [kind]);
  return { items, error, loading, reload };
}
