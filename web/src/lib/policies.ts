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

let itemPolicies: Promise<Map<string, string>> | null = null;

/**
 * Each item's policy (from GET /api/policy/items, fetched once per page load), for views whose
 * rows name only the item (免申即享 results). Unknown ids read as Suzhou's.
 */
export function useItemPolicy(): (itemId: string) => string {
  const [map, setMap] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    if (!itemPolicies) {
      const mine = api.get<Items<{ id: string; policy?: string }>>('/policy/items').then((r) => new Map(r.items.map((i) => [i.id, i.policy ?? DEFAULT_POLICY])));
      mine.catch(() => {
        if (itemPolicies === mine) itemPolicies = null;
      });
      itemPolicies = mine;
    }
    itemPolicies.then((m) => live && setMap(m)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (itemId) => map.get(itemId) ?? DEFAULT_POLICY;
}
