/** 政策库与计算器: the measures with their encoded support items, and the calculator. */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { useI18n } from '../../lib/i18n.js';
import { moduleByKey } from '../../lib/modules.js';
import type { Items, PolicyItemSummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { PolicyCalculator } from './PolicyCalculator.js';
import { PolicyLibrary } from './PolicyLibrary.js';

type Tab = 'library' | 'calculator';

export default function PolicyPage() {
  const { t, pick } = useI18n();
  const mod = moduleByKey('policy');
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'calculator' ? 'calculator' : 'library';
  const items = useApi<Items<PolicyItemSummary>>('/policy/items');

  return (
    <>
      <PageHeader title={pick(mod.label)} subtitle={pick(mod.description)} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'library' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'library',
            label: t('policy.tab.library'),
            children: <PolicyLibrary items={items.data?.items} error={items.error} reload={items.reload} />,
          },
          {
            key: 'calculator',
            label: t('policy.tab.calculator'),
            children: <PolicyCalculator items={items.data?.items} />,
          },
        ]}
      />
    </>
  );
}
