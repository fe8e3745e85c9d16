/**
 * Reference data (districts, industries, departments, measures, qualification
 * types) changes rarely: fetched once per page load and shared by every page.
 * After a change (an administrator adds a qualification type) invalidateReference
 * drops the cached list and every mounted useReference of that kind fetches it again.
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
/** The mounted hooks of each kind, told to fetch again when their list changed. */
const listeners = new Map<ReferenceKind, Set<() => void>>();

function load<K extends ReferenceKind>(kind: K): Promise<ReferenceData[K][]> {
  let pending = cache.get(kind) as Promise<ReferenceData[K][]> | undefined;
  if (!pending) {
    pending = api.get<Items<ReferenceData[K]>>(`/reference/${kind}`).then((r) => r.items);
    const mine = pending;
    // A failed load is forgotten so the next use retries (unless a newer load replaced it).
    mine.catch(() => {
      if (cache.get(kind) === mine) cache.delete(kind);
    });
    cache.set(kind, mine);
  }
  return pending;
}

/** Forget a list after it changed (e.g. a new qualification type); mounted hooks of that kind reload it. */
export function invalidateReference(kind: ReferenceKind): void {
  cache.delete(kind);
  for (const reload of listeners.get(kind) ?? []) reload();
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
    const bump = () => setVersion((v) => v + 1);
    const set = listeners.get(kind) ?? new Set<() => void>();
    listeners.set(kind, set);
    set.add(bump);
    return () => {
      set.delete(bump);
    };
  }, [kind]);

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

  // Invalidating tells this hook too (and every other one of the kind), so they share one new request.
  const reload = useCallback(() => invalidateReference(kind), [kind]);
  return { items, error, loading, reload };
}
