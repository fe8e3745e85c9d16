/** Search and filters above the organisation table; every value lives in the URL. */
import { Button, Cascader, Flex, Select } from 'antd';
import { useMemo } from 'react';
import { SearchInput } from '../../components/SearchInput.js';
import { ORG_KIND_LABELS, ORG_KINDS, SIZE_BAND_LABELS, SIZE_BANDS } from '../../../../src/shared/enums.js';
import { useI18n } from '../../lib/i18n.js';
import { industryOptions, industryPath } from '../../lib/labels.js';
import { useReference } from '../../lib/reference.js';
import type { QueryParams } from '../../lib/useQueryParams.js';

export const ORG_FILTER_KEYS = ['q', 'kind', 'district', 'industry', 'sizeBand', 'qualification'] as const;

export function hasOrgFilters(qp: QueryParams): boolean {
  return ORG_FILTER_KEYS.some((k) => qp.get(k) !== undefined);
}

export function OrgFilters({ qp }: { qp: QueryParams }) {
  const { t, pick } = useI18n();
  const districts = useReference('districts');
  const industries = useReference('industries');
  const qualificationTypes = useReference('qualification-types');

  const industryTree = useMemo(() => industryOptions(industries.items), [industries.items]);

  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <SearchInput value={qp.get('q')} onSearch={(v) => qp.update({ q: v })} placeholder={t('orgs.searchPlaceholder')} width={320} testId="org-search" />
      <Select
        allowClear
        placeholder={t('orgs.kind')}
        value={qp.get('kind')}
        onChange={(v: string | undefined) => qp.update({ kind: v })}
        options={ORG_KINDS.map((k) => ({ value: k, label: pick(ORG_KIND_LABELS[k]) }))}
        style={{ width: 140 }}
        data-testid="org-filter-kind"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('orgs.district')}
        value={qp.get('district')}
        loading={districts.loading}
        onChange={(v: string | undefined) => qp.update({ district: v })}
        options={districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
        style={{ width: 170 }}
      />
      <Cascader
        changeOnSelect
        allowClear
        showSearch
        placeholder={t('orgs.industry')}
        value={industryPath(industries.items, qp.get('industry'))}
        options={industryTree}
        onChange={(path) => qp.update({ industry: path ? path[path.length - 1] : undefined })}
        style={{ width: 240 }}
      />
      <Select
        allowClear
        placeholder={t('orgs.sizeBand')}
        value={qp.get('sizeBand')}
        onChange={(v: string | undefined) => qp.update({ sizeBand: v })}
        options={SIZE_BANDS.map((s) => ({ value: s, label: pick(SIZE_BAND_LABELS[s]) }))}
        style={{ width: 110 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('orgs.qualification')}
        value={qp.get('qualification')}
        loading={qualificationTypes.loading}
        onChange={(v: string | undefined) => qp.update({ qualification: v })}
        options={qualificationTypes.items.map((q) => ({ value: q.code, label: pick({ zh: q.name, en: q.nameEn }) }))}
        style={{ width: 200 }}
        data-testid="org-filter-qualification"
      />
      {hasOrgFilters(qp) ? (
        <Button onClick={() => qp.clear(ORG_FILTER_KEYS)} data-testid="org-clear-filters">
          {t('orgs.clearFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}
