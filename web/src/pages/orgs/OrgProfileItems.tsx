/** The form items create and edit share: district, industry (GB/T 4754 cascader), size band, founding date. */
import { Cascader, DatePicker, Form, Select } from 'antd';
import { useMemo } from 'react';
import { SIZE_BAND_LABELS, SIZE_BANDS } from '../../../../src/shared/enums.js';
import { useI18n } from '../../lib/i18n.js';
import { industryOptions } from '../../lib/labels.js';
import { useReference } from '../../lib/reference.js';

export function OrgProfileItems() {
  const { t, pick } = useI18n();
  const districts = useReference('districts');
  const industries = useReference('industries');
  const industryTree = useMemo(() => industryOptions(industries.items), [industries.items]);
  return (
    <>
      <Form.Item name="districtCode" label={t('orgs.district')}>
        <Select
          allowClear
          loading={districts.loading}
          options={districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
        />
      </Form.Item>
      <Form.Item name="industryCode" label={t('orgs.industry')}>
        <Cascader changeOnSelect allowClear showSearch options={industryTree} />
      </Form.Item>
      <Form.Item name="sizeBand" label={t('orgs.sizeBand')}>
        <Select allowClear options={SIZE_BANDS.map((s) => ({ value: s, label: pick(SIZE_BAND_LABELS[s]) }))} />
      </Form.Item>
      <Form.Item name="foundedOn" label={t('orgs.foundedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}
