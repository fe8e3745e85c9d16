/**
 * The policy documents (GET /api/policies), fetched once per page load and shared:
 * item cards and results name an item's policy when it is not Suzhou's 19 measures.
 */
import { useEffect, useState } from 'react';
import { api, type ApiError } from './api.js';
import type { Items, PolicySummary } from './types.js';
import { toApiError } from './useApi.js';

/** Suzhou's 19 measures: items that do not name a policy implement it. */
export const DEFAULT_POLICY = 'suzhou-2026';

let cache: Promise<PolicySummary[]> | null = null;

function load(): Promise<PolicySummary[]> {
  if (!cache) {
    const mine = api.get<Items<PolicySummary>>('/policies').then((r) => r.items);
    mine.catch(() => {
      if (cache === mine) cache = null;
    });
    cache = mine;
  }
  return cache;
}

export function usePolicies(): { items: PolicySummary[]; error: ApiError | undefined; loading: boolean; reload: () => void } {
  const [items, setItems] = useState<PolicySummary[]>([]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((list) => {
        if (!live) return;
        setItems(list);
        setError(undefined);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(toApiError(e));
        setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [version]);
  return {
    items,
    error,
    loading,
    reload: () => {
      cache = null;
      setVersion((v) => v + 1);
    },
  };
}
