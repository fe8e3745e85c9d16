/**
 * Searches organisations by name or 统一社会信用代码 as the user types
 * (GET /api/orgs?q=&kind=), limited to the given kinds. A value set from outside
 * (e.g. from the URL) that is not among the options is looked up once by id, so
 * the field shows its name rather than a number.
 */
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { OrgKind } from '../../../src/shared/enums.js';
import { ORG_KIND_LABELS } from '../../../src/shared/enums.js';
import { api } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import type { OrgDetail, OrgSummary } from '../lib/types.js';
import { useOrgSearch } from './useOrgSearch.js';

interface Props {
  kinds: readonly OrgKind[];
  value?: number;
  onChange?: (value: number | undefined) => void;
  id?: string;
  placeholder?: string;
}

export function OrgSelect({ kinds, value, onChange, id, placeholder }: Props) {
  const { t, pick } = useI18n();
  const { setQuery, options, loading, failed } = useOrgSearch(kinds);
  /** The chosen organisation when the search results do not contain it. */
  const [chosen, setChosen] = useState<OrgSummary | null>(null);
  const known = value === undefined || options.some((o) => o.id === value) || chosen?.id === value;

  useEffect(() => {
    if (known || value === undefined) return;
    const controller = new AbortController();
    api
      .get<{ org: OrgDetail }>(`/orgs/${value}`, undefined, controller.signal)
      .then(({ org }) => setChosen(org))
      .catch(() => undefined); // the bare id stays visible; searching still works
    return () => controller.abort();
  }, [known, value]);
  const shown = chosen && chosen.id === value && !options.some((o) => o.id === chosen.id) ? [chosen, ...options] : options;

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? t('orgSelect.placeholder')}
      notFoundContent={loading ? <Spin size="small" /> : failed ? t('error.loadFailed') : t('orgSelect.none')}
      options={shown.map((o) => ({
        value: o.id,
        label: `${o.name}（${pick(ORG_KIND_LABELS[o.kind])}${o.uscc ? ` · ${o.uscc}` : ''}）`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
