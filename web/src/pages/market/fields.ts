/**
 * The technology field taxonomy (GET /api/market/fields, public): fetched once per page
 * load and shared, like the reference lists. Codes → names, and the tree for pickers.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type ApiError } from '../../lib/api.js';
import { toApiError } from '../../lib/useApi.js';
import type { FieldsBody } from './types.js';

let cached: Promise<FieldsBody> | null = null;

function load(): Promise<FieldsBody> {
  if (!cached) {
    const mine = api.get<FieldsBody>('/market/fields');
    // A failed load is forgotten so the next use retries.
    mine.catch(() => {
      if (cached === mine) cached = null;
    });
    cached = mine;
  }
  return cached;
}

export interface TechFields {
  tree: FieldsBody['fields'];
  loading: boolean;
  error: ApiError | undefined;
  /** "photonics.silicon" → "硅光子"; unknown codes come back as they are. */
  name: (code: string) => string;
  /** "photonics.silicon" → "光子与硅光子 / 硅光子". */
  fullName: (code: string) => string;
  /** TreeSelect data: top fields (selectable: a search on one covers its subfields) with their subfields. */
  treeData: Array<{ value: string; title: string; children: Array<{ value: string; title: string }> }>;
}

export function useTechFields(): TechFields {
  const [body, setBody] = useState<FieldsBody | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    load()
      .then((b) => alive && setBody(b))
      .catch((err: unknown) => alive && setError(toApiError(err)));
    return () => {
      alive = false;
    };
  }, []);
  return useMemo(() => {
    const tree = body?.fields ?? [];
    const names = new Map<string, string>();
    const parents = new Map<string, string>();
    for (const f of tree) {
      names.set(f.code, f.name);
      for (const c of f.children) {
        names.set(c.code, c.name);
        parents.set(c.code, f.name);
      }
    }
    return {
      tree,
      loading: !body && !error,
      error,
      name: (code) => names.get(code) ?? code,
      fullName: (code) => (parents.has(code) ? `${parents.get(code)} / ${names.get(code)}` : (names.get(code) ?? code)),
      treeData: tree.map((f) => ({ value: f.code, title: f.name, children: f.children.map((c) => ({ value: c.code, title: c.name })) })),
    };
  }, [body, error]);
}
