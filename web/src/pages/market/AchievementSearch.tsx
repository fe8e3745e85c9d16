/**
 * 科技成果 search (GET /api/market/achievements): query (jieba + BM25F, title > keywords > abstract),
 * fields, TRL range, conversion modes, status, 区县 (the owner's district), 预算 (万元 → budgetFen: valued
 * within it, or not valued), 只看待更新 (stale) and 本机构 in the URL; results with the matched tokens
 * highlighted, the owning institution, TRL with its definition, valuation in 万元, modes, 公开披露 and
 * 数据待更新. An upside-down TRL range is said here and not sent (the server refuses it).
 * Institution users and administrators publish from here (发布成果).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ACHIEVEMENT_STATUSES, CONVERSION_MODES } from '../../../../src/shared/market.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SearchInput } from '../../components/SearchInput.js';
import { useI18n } from '../../lib/i18n.js';
import { canPublishAchievement } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { AchievementFormModal } from './AchievementFormModal.js';
import { achievementStatusLabel, methodLabel, modeLabel, trlDefinition } from './labels.js';
import { AchievementFlags, AchievementStatusTag, FieldTags, Highlighted, ModeTags, TrlTag, wan } from './parts.js';
import { achievementPath } from './paths.js';
import { DistrictSelect, districtParam, fenParam, FieldPicker, joinParam, listParam, ResultList, SearchEmpty, searchNotice, usePagedSearch, WanFilter } from './SearchParts.js';
import type { Achievement, Hit } from './types.js';
import { useMarketI18n } from './words.js';

export const ACHIEVEMENT_FILTER_KEYS = ['q', 'fields', 'trlMin', 'trlMax', 'modes', 'status', 'district', 'budgetFen', 'stale', 'mine'] as const;
const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export function trlParam(v: string | undefined): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 9 ? n : undefined;
}

export function TrlSelect({ value, onChange, placeholder, testId, width = 130, title }: { value?: number; onChange: (v: number | undefined) => void; placeholder: string; testId?: string; width?: number; title?: string }) {
  const { t } = useI18n();
  return (
    <Select
      title={title}
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(v: number | undefined) => onChange(v)}
      options={LEVELS.map((l) => ({ value: l, label: `TRL ${l}`, title: trlDefinition(t, l) }))}
      style={{ width }}
      data-testid={testId}
      aria-label={placeholder}
    />
  );
}

function AchievementResult({ a }: { a: Hit<Achievement> }) {
  const { t } = useMarketI18n();
  return (
    <Flex vertical gap={6}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Link to={achievementPath(a.id)} data-testid="market-result-title" style={{ fontSize: 16, fontWeight: 600 }}>
          <Highlighted text={a.title} terms={a.highlight} />
        </Link>
        <Space size={4} wrap>
          <TrlTag level={a.trl} />
          <AchievementStatusTag status={a.status} />
          <AchievementFlags a={a} />
        </Space>
      </Flex>
      {a.ownerOrgName ? (
        <Typography.Text type="secondary" data-testid="market-result-org">
          {t('market.x.owner', { name: a.ownerOrgName })}
        </Typography.Text>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} data-testid="market-result-abstract">
        <Highlighted text={a.abstract} terms={a.highlight} />
      </Typography.Paragraph>
      <Flex gap={16} wrap align="center">
        <span>
          <Typography.Text type="secondary">{t('market.a.valuation')}：</Typography.Text>
          {a.valuation ? (
            <Typography.Text strong data-testid="market-result-valuation">
              {wan(a.valuation.amountFen)}
              {a.valuation.method ? <Typography.Text type="secondary">（{methodLabel(t, a.valuation.method)}）</Typography.Text> : null}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('market.a.noValuation')}</Typography.Text>
          )}
        </span>
        <span>
          <Typography.Text type="secondary">{t('market.a.modes')}：</Typography.Text>
          <ModeTags modes={a.modes} />
        </span>
        <span>
          <FieldTags codes={a.fields} />
        </span>
        {a.keywords.length ? (
          <Typography.Text type="secondary">
            {t('market.a.keywords')}：{a.keywords.map((k, i) => (
              <span key={i}>
                {i > 0 ? t('common.listSep') : ''}
                <Highlighted text={k} terms={a.highlight} />
              </span>
            ))}
          </Typography.Text>
        ) : null}
      </Flex>
    </Flex>
  );
}

export function AchievementSearch() {
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
    trlMin: trlParam(qp.get('trlMin')),
    trlMax: trlParam(qp.get('trlMax')),
    modes: joinParam(modes),
    status: oneOf(ACHIEVEMENT_STATUSES, qp.get('status')),
    district: districtParam(qp.get('district')),
    budgetFen: fenParam(qp.get('budgetFen')),
    stale: qp.get('stale') === 'true' ? 'true' : undefined,
    ownerOrgId: mine ? me.orgId : undefined,
  };
  const upsideDown = filters.trlMin !== undefined && filters.trlMax !== undefined && filters.trlMin > filters.trlMax;
  const list = usePagedSearch<Hit<Achievement>>(qp, upsideDown ? null : '/market/achievements', filters, 10);
  const any = ACHIEVEMENT_FILTER_KEYS.some((k) => qp.get(k) !== undefined);

  return (
    <>
      <PageHeader
        title={t('market.a.title')}
        subtitle={t('market.a.subtitle')}
        extra={
          canPublishAchievement(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="achievement-create">
              {t('market.a.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
        <SearchInput value={qp.get('q')} onSearch={(v) => qp.update({ q: v })} placeholder={t('market.a.searchPlaceholder')} width={340} testId="market-q" />
        <FieldPicker value={fields} onChange={(v) => qp.update({ fields: joinParam(v) })} testId="market-filter-fields" />
        <TrlSelect value={filters.trlMin} onChange={(v) => qp.update({ trlMin: v })} placeholder={t('market.filter.trlMin')} testId="market-filter-trlMin" />
        <Typography.Text type="secondary">–</Typography.Text>
        <TrlSelect value={filters.trlMax} onChange={(v) => qp.update({ trlMax: v })} placeholder={t('market.filter.trlMax')} testId="market-filter-trlMax" />
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
        <Select
          allowClear
          placeholder={t('market.filter.status')}
          value={filters.status}
          onChange={(v: string | undefined) => qp.update({ status: v })}
          options={ACHIEVEMENT_STATUSES.map((s) => ({ value: s, label: achievementStatusLabel(t, s) }))}
          style={{ width: 120 }}
          data-testid="market-filter-status"
          aria-label={t('market.filter.status')}
        />
        <DistrictSelect value={filters.district} onChange={(v) => qp.update({ district: v })} testId="market-filter-district" />
        <WanFilter value={filters.budgetFen} onChange={(v) => qp.update({ budgetFen: v })} placeholder={t('market.x.filter.budget')} hint={t('market.x.filter.budgetHint')} testId="market-filter-budget" />
        <Checkbox checked={filters.stale === 'true'} onChange={(e) => qp.update({ stale: e.target.checked ? 'true' : undefined })} data-testid="market-filter-stale">
          {t('market.x.filter.stale')}
        </Checkbox>
        {me.role === 'institution' && me.orgId !== null ? (
          <Checkbox checked={mine} onChange={(e) => qp.update({ mine: e.target.checked ? '1' : undefined })} data-testid="market-filter-mine">
            {t('market.a.mine')}
          </Checkbox>
        ) : null}
        {any ? (
          <Button onClick={() => qp.clear(ACHIEVEMENT_FILTER_KEYS)} data-testid="market-clear-filters">
            {t('orgs.clearFilters')}
          </Button>
        ) : null}
      </Flex>
      {upsideDown ? (
        <Empty description={t('market.filter.trlUpsideDown')} data-testid="market-trl-upside-down" style={{ padding: 24 }}>
          <Typography.Text type="secondary">{t('market.x.filter.upsideDownEmpty')}</Typography.Text>
        </Empty>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {list.data ? t(filters.q ? 'market.a.foundByRelevance' : 'market.a.foundNewest', { n: list.data.total }) : ' '}
          </Typography.Paragraph>
          <ResultList<Hit<Achievement>>
            list={list}
            testId="market-search"
            render={(a) => <AchievementResult a={a} />}
            empty={<SearchEmpty qp={qp} keys={ACHIEVEMENT_FILTER_KEYS} all={t('market.a.emptyAll')} filtered={t('market.a.emptyFiltered')} notice={searchNotice(list)} />}
          />
        </>
      )}
      {creating ? (
        <AchievementFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(achievementPath(id));
          }}
        />
      ) : null}
    </>
  );
}
