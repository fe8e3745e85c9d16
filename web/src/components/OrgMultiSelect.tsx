/**
 * Several organisations at once: searched on the platform as the user types (GET /api/orgs?q=&kind=),
 * and — with `allowText` — also organisations that are not on the platform, typed as their name
 * (press Enter). The value is a list of { orgId, name }: orgId for a platform organisation, null for
 * a typed name. Used for an application's 合作单位 and an expert's 回避单位.
 */
import { Select, Spin } from 'antd';
import type { OrgKind } from '../../../src/shared/enums.js';
import { ORG_KIND_LABELS } from '../../../src/shared/enums.js';
import { useI18n } from '../lib/i18n.js';
import { useOrgSearch } from './useOrgSearch.js';

export interface OrgRef {
  orgId: number | null;
  name: string;
}

interface Props {
  kinds: readonly OrgKind[];
  value?: OrgRef[];
  onChange?: (value: OrgRef[]) => void;
  id?: string;
  placeholder?: string;
  /** Names not on the platform may be typed in. */
  allowText?: boolean;
  testId?: string;
}

const key = (r: OrgRef) => (r.orgId === null ? `name:${r.name}` : `org:${r.orgId}`);

/** A Select value back to an OrgRef (the label is the organisation's name). */
export function orgRefOf(v: { value: string; label?: unknown }): OrgRef {
  if (v.value.startsWith('org:')) return { orgId: Number(v.value.slice(4)), name: typeof v.label === 'string' ? v.label : '' };
  const name = v.value.startsWith('name:') ? v.value.slice(5) : v.value;
  return { orgId: null, name: name.trim() };
}

export function OrgMultiSelect({ kinds, value, onChange, id, placeholder, allowText, testId }: Props) {
  const { t, pick } = useI18n();
  const { setQuery, options, loading, failed } = useOrgSearch(kinds);


  return (
    <Select<{ value: string; label: string }[]>
      id={id}
      mode={allowText ? 'tags' : 'multiple'}
      labelInValue
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={(value ?? []).map((r) => ({ value: key(r), label: r.name }))}
      onChange={(vs) => onChange?.((vs ?? []).map((v) => orgRefOf(v)).filter((r) => r.orgId !== null || r.name !== ''))}
      placeholder={placeholder}
      notFoundContent={loading ? <Spin size="small" /> : failed ? t('error.loadFailed') : t('orgSelect.none')}
      options={options.map((o) => ({ value: `org:${o.id}`, label: o.name, title: `${o.name}（${pick(ORG_KIND_LABELS[o.kind])}${o.uscc ? ` · ${o.uscc}` : ''}）` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
