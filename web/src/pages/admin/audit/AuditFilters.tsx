/** Filters for the audit log; each applies on Enter / change and lives in the URL. */
import { Button, DatePicker, Flex, Select } from 'antd';
import { SearchInput } from '../../../components/SearchInput.js';
import { AUDIT_RESULTS } from '../../../../../src/shared/enums.js';
import { fromIsoDate, toIsoDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { QueryParams } from '../../../lib/useQueryParams.js';

export const AUDIT_FILTER_KEYS = ['action', 'actor', 'objectType', 'objectId', 'result', 'from', 'to'] as const;

function TextFilter({ qp, name, placeholder, width }: { qp: QueryParams; name: string; placeholder: string; width: number }) {
  return <SearchInput value={qp.get(name)} onSearch={(v) => qp.update({ [name]: v })} placeholder={placeholder} width={width} testId={`audit-filter-${name}`} />;
}

export function AuditFilters({ qp }: { qp: QueryParams }) {
  const { t } = useI18n();
  const from = fromIsoDate(qp.get('from'));
  const to = fromIsoDate(qp.get('to'));
  const any = AUDIT_FILTER_KEYS.some((k) => qp.get(k) !== undefined);
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <TextFilter qp={qp} name="action" placeholder={t('audit.action')} width={180} />
      <TextFilter qp={qp} name="actor" placeholder={t('audit.actor')} width={160} />
      <TextFilter qp={qp} name="objectType" placeholder={t('audit.objectType')} width={150} />
      <TextFilter qp={qp} name="objectId" placeholder={t('audit.objectId')} width={140} />
      <Select
        allowClear
        placeholder={t('audit.result')}
        value={qp.get('result')}
        onChange={(v: string | undefined) => qp.update({ result: v })}
        options={AUDIT_RESULTS.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
        style={{ width: 120 }}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={from || to ? [from ?? null, to ?? null] : null}
        onChange={(range) => qp.update({ from: toIsoDate(range?.[0]), to: toIsoDate(range?.[1]) })}
        placeholder={[t('audit.from'), t('audit.to')]}
      />
      {any ? <Button onClick={() => qp.clear(AUDIT_FILTER_KEYS)}>{t('orgs.clearFilters')}</Button> : null}
    </Flex>
  );
}
