/**
 * 技术需求 search (GET /api/market/demands): query, fields, status, 成熟度 (trl: the required range
 * includes it), 转化方式 (modes), 区县 (the enterprise's district), 最低预算 (万元 → budgetMinFen) and
 * 本企业 in the URL; results with the matched tokens highlighted in title and problem, the enterprise,
 * the required TRL range, budget in 万元, modes, deadline and visibility. Enterprise users publish
 * from here (发布需求).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { SearchInput } from '../../components/SearchInput.js';
import { formatDate } from '../../lib/dates.js';
import { CONVERSION_MODES } from '../../../../src/shared/market.js';
import { useI18n } from '../../lib/i18n.js';
import { canPublishDemand } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { TrlSelect, trlParam } from './AchievementSearch.js';
import { DemandFormModal } from './DemandFormModal.js';
import { demandStatusLabel, modeLabel, visibilityLabel } from './labels.js';
import { DemandStatusTag, FieldTags, Highlighted, ModeTags, TrlRange, wanRange } from './parts.js';
import { demandPath } from './paths.js';
import { DistrictSelect, districtParam, fenParam, FieldPicker, joinParam, listParam, ResultList, SearchEmpty, searchNotice, WanFilter } from './SearchParts.js';
import type { Demand, DemandStatus, Hit } from './types.js';
import { useMarketI18n } from './words.js';

export const DEMAND_FILTER_KEYS = ['q', 'fields', 'status', 'trl', 'modes', 'district', 'budgetMinFen', 'mine'] as const;
const STATUSES: DemandStatus[] = ['open', 'closed'];

/** 已截止 when the deadline has passed. */
export function DeadlineText({ deadline }: { deadline: string }) {
  const { t } = useI18n();
  const past = dayjs(deadline).isBefore(dayjs(), 'day');
  return (
    <span>
      {formatDate(deadline)}
      {past ? <Tag color="default" style={{ marginInlineStart: 6 }}>{t('market.d.expired')}</Tag> : null}
    </span>
  );
}

export function VisibilityTag({ visibility }: { visibility: Demand['visibility'] }) {
  const { t } = useI18n();
  return visibility === 'matched' ? <Tag color="orange">{visibilityLabel(t, visibility)}</Tag> : null;
}

function DemandResult({ d }: { d: Hit<Demand> }) {
  const { t } = useMarketI18n();
  return (
    <Flex vertical gap={6}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Link to={demandPath(d.id)} data-testid="market-result-title" style={{ fontSize: 16, fontWeight: 600 }}>
          <Highlighted text={d.title} terms={d.highlight} />
        </Link>
        <Space size={4} wrap>
          <TrlRange min={d.requiredTrl.min} max={d.requiredTrl.max} />
          <DemandStatusTag status={d.status} />
          <VisibilityTag visibility={d.visibility} />
        </Space>
      </Flex>
      {d.orgName ? (
        <Typography.Text type="secondary" data-testid="market-result-org">
          {t('market.x.org', { name: d.orgName })}
        </Typography.Text>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} data-testid="market-result-problem">
        <Highlighted text={d.problem} terms={d.highlight} />
      </Typography.Paragraph>
      <Flex gap={16} wrap align="center">
        <span>
          <Typography.Text type="secondary">{t('market.d.budget')}：</Typography.Text>
          <Typography.Text strong>{wanRange(d.budgetFen, t('market.d.noBudget'))}</Typography.Text>
        </span>
        <span>
          <Typography.Text type="secondary">{t('market.d.modes')}：</Typography.Text>
          <ModeTags modes={d.modes} empty={<Typography.Text type="secondary">{t('market.d.anyMode')}</Typography.Text>} />
        </span>
        <span>
          <Typography.Text type="secondary">{t('market.d.deadline')}：</Typography.Text>
          <DeadlineText deadline={d.deadline} />
        </span>
        <span>
          <FieldTags codes={d.fields} />
        </span>
      </Flex>
    </Flex>
  );
}

export function DemandSearch() {
  const { t } = useMarketI18n();
  const me = useMe();
  const navigate = useNavigate();
  const qp = useQueryParams();
  const [creating, setCreating] = useState(false);
  const fields = listParam(qp, 'fields');
  const modes = listParam(qp, 'modes').filter((m) => (CONVERSION_MODES as readonly string[]).includes(m));
  const mine = qp.get('mine') === '1' && me.orgId !== null;
  const filters = {
    q: qp.get('q'),
    fields: joinParam(fields),
    status: oneOf(STATUSES, qp.get('status')),
    trl: trlParam(qp.get('trl')),
    modes: joinParam(modes),
    district: districtParam(qp.get('district')),
    budgetMinFen: fenParam(qp.get('budgetMinFen')),
    orgId: mine ? me.orgId : undefined,
  };
  const list = usePagedList<Hit<Demand>>(qp, '/market/demands', filters, 10);
  const any = DEMAND_FILTER_KEYS.some((k) => qp.get(k) !== undefined);

  return (
    <>
      <PageHeader
        title={t('market.d.title')}
        subtitle={t('market.d.subtitle')}
        extra={
          canPublishDemand(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="demand-create">
              {t('market.d.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
        <SearchInput value={qp.get('q')} onSearch={(v) => qp.update({ q: v })} placeholder={t('market.d.searchPlaceholder')} width={340} testId="market-q" />
        <FieldPicker value={fields} onChange={(v) => qp.update({ fields: joinParam(v) })} testId="market-filter-fields" />
        <TrlSelect value={filters.trl} onChange={(v) => qp.update({ trl: v })} placeholder={t('market.x.filter.trl')} testId="market-filter-trl" title={t('market.x.filter.trlHint')} />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('market.filter.modes')}
          value={modes}
          onChange={(v: string[]) => qp.update({ modes: joinParam(v) })}
          options={CONVERSION_MODES.map((m) => ({ value: m, label: modeLabel(t, m) }))}
          maxTagCount="responsive"
          style={{ width: 220 }}
          data-testid="market-filter-modes"
          aria-label={t('market.filter.modes')}
        />
        <DistrictSelect value={filters.district} onChange={(v) => qp.update({ district: v })} testId="market-filter-district" />
        <WanFilter value={filters.budgetMinFen} onChange={(v) => qp.update({ budgetMinFen: v })} placeholder={t('market.x.filter.budgetMin')} hint={t('market.x.filter.budgetMinHint')} testId="market-filter-budget-min" width={170} />
        <Select
          allowClear
          placeholder={t('market.filter.status')}
          value={filters.status}
          onChange={(v: string | undefined) => qp.update({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: demandStatusLabel(t, s) }))}
          style={{ width: 120 }}
          data-testid="market-filter-status"
          aria-label={t('market.filter.status')}
        />
        {me.role === 'enterprise' && me.orgId !== null ? (
          <Checkbox checked={mine} onChange={(e) => qp.update({ mine: e.target.checked ? '1' : undefined })} data-testid="market-filter-mine">
            {t('market.d.mine')}
          </Checkbox>
        ) : null}
        {any ? (
          <Button onClick={() => qp.clear(DEMAND_FILTER_KEYS)} data-testid="market-clear-filters">
            {t('orgs.clearFilters')}
          </Button>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {list.data ? t(filters.q ? 'market.d.foundByRelevance' : 'market.d.foundNewest', { n: list.data.total }) : ' '}
      </Typography.Paragraph>
      <ResultList<Hit<Demand>>
        list={list}
        testId="market-search"
        render={(d) => <DemandResult d={d} />}
        empty={<SearchEmpty qp={qp} keys={DEMAND_FILTER_KEYS} all={t('market.d.emptyAll')} filtered={t('market.d.emptyFiltered')} notice={searchNotice(list)} />}
      />
      {creating ? (
        <DemandFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(demandPath(id), { state: { published: true } });
          }}
        />
      ) : null}
    </>
  );
}
