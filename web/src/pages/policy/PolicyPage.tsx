/**
 * 政策库与计算器: the policy documents (Suzhou's measures, districts' top-ups) article by article
 * with the support items implementing each (PolicyLibrary, ?policy=), the calculator, 免申即享 (an
 * enterprise's results in the latest run), and for administrators and officials the 免申即享
 * runs and what-if; administrators also edit the rules. The tab is kept in the URL (?tab=).
 */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { useI18n } from '../../lib/i18n.js';
import { moduleByKey } from '../../lib/modules.js';
import { canEditRules, canRunBenefits, canSeeBenefits } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { Items, MeasureCoverage, PolicyItemSummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { PolicyBatch } from './PolicyBatch.js';
import { PolicyBenefits } from './PolicyBenefits.js';
import { PolicyCalculator } from './PolicyCalculator.js';
import { PolicyLibrary } from './PolicyLibrary.js';
import { PolicyWhatIf } from './PolicyWhatIf.js';
import { RuleEditor } from './RuleEditor.js';
import { ChineseOnly } from '../../components/ChineseOnly.js';

type Tab = 'library' | 'calculator' | 'benefits' | 'batch' | 'whatif' | 'editor';

export default function PolicyPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const mod = moduleByKey('policy');
  const [params, setParams] = useSearchParams();
  const mayEdit = canEditRules(me);
  const mayRun = canRunBenefits(me);
  const maySee = canSeeBenefits(me);
  const allowed: Record<Tab, boolean> = { library: true, calculator: true, benefits: maySee, batch: mayRun, whatif: mayRun, editor: mayEdit };
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && requested in allowed && allowed[requested] ? requested : 'library';
  const items = useApi<Items<PolicyItemSummary>>('/policy/items');
  const coverage = useApi<{ measures: MeasureCoverage[] }>('/policy/coverage');

  const tabs = [
    {
      key: 'library',
      label: t('policy.tab.library'),
      children: <PolicyLibrary items={items.data?.items} error={items.error} reload={items.reload} coverage={coverage.data?.measures} />,
    },
    { key: 'calculator', label: t('policy.tab.calculator'), children: <PolicyCalculator items={items.data?.items} /> },
    { key: 'benefits', label: t('policy.tab.benefits'), children: <PolicyBenefits /> },
    { key: 'batch', label: t('policy.tab.batch'), children: <PolicyBatch /> },
    { key: 'whatif', label: t('policy.tab.whatif'), children: <PolicyWhatIf items={items.data?.items} /> },
    {
      key: 'editor',
      label: t('policy.tab.editor'),
      children: <RuleEditor items={items.data?.items} reloadItems={items.reload} coverage={coverage.data?.measures} />,
    },
  ].filter((x) => allowed[x.key as Tab]);

  return (
    <>
      <PageHeader title={pick(mod.label)} subtitle={pick(mod.description)} />
      <ChineseOnly />
      <Tabs activeKey={tab} onChange={(key) => setParams(key === 'library' ? {} : { tab: key }, { replace: true })} items={tabs} />
    </>
  );
}
