/** 政策库与计算器: the measures with their encoded support items, the calculator, and (administrators) the rule editor. */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { useI18n } from '../../lib/i18n.js';
import { moduleByKey } from '../../lib/modules.js';
import { canEditRules } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { Items, MeasureCoverage, PolicyItemSummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { PolicyCalculator } from './PolicyCalculator.js';
import { PolicyLibrary } from './PolicyLibrary.js';
import { RuleEditor } from './RuleEditor.js';

type Tab = 'library' | 'calculator' | 'editor';

export default function PolicyPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const mod = moduleByKey('policy');
  const [params, setParams] = useSearchParams();
  const mayEdit = canEditRules(me);
  const requested = params.get('tab');
  const tab: Tab = requested === 'calculator' ? 'calculator' : requested === 'editor' && mayEdit ? 'editor' : 'library';
  const items = useApi<Items<PolicyItemSummary>>('/policy/items');
  const coverage = useApi<{ measures: MeasureCoverage[] }>('/policy/coverage');

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
            children: <PolicyLibrary items={items.data?.items} error={items.error} reload={items.reload} coverage={coverage.data?.measures} />,
          },
          {
            key: 'calculator',
            label: t('policy.tab.calculator'),
            children: <PolicyCalculator items={items.data?.items} />,
          },
          ...(mayEdit
            ? [
                {
                  key: 'editor',
                  label: t('policy.tab.editor'),
                  children: <RuleEditor items={items.data?.items} reloadItems={items.reload} coverage={coverage.data?.measures} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
