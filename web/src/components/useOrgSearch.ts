/**
 * The organisations matching what the user types (GET /api/orgs?q=&kind=, 20 by name), searched
 * 250 ms after the last keystroke, the previous request aborted. Shared by OrgSelect and OrgMultiSelect.
 */
import { useEffect, useRef, useState } from 'react';
import type { OrgKind } from '../../../src/shared/enums.js';
import { api, isAbort } from '../lib/api.js';
import type { OrgSummary, Paged } from '../lib/types.js';

export function useOrgSearch(kinds: readonly OrgKind[]) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<OrgSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const kindsKey = kinds.join(',');

  useEffect(() => {
    const controller = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      setFailed(false);
      // One request: the list endpoint takes several kinds separated by commas.
      api
        .get<Paged<OrgSummary>>('/orgs', { q: query.trim(), kind: kindsKey, pageSize: 20, sort: 'name' }, controller.signal)
        .then((page) => {
          setOptions(page.items);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setFailed(true);
          setLoading(false);
        });
    }, 250);
    return () => {
      controller.abort();
      window.clearTimeout(timer.current);
    };
  }, [query, kindsKey]);

  return { setQuery, options, loading, failed };
}
