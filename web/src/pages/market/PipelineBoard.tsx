/**
 * 对接进程 (GET /api/market/matches?stage&overdue&demandId&achievementId&mine): every match the viewer
 * may see — technology managers, commissioners, officials and administrators all, the parties
 * theirs — by stage 推荐 / 对接 / 洽谈 / 签约 / 转化 / 终止 (counts per stage), 逾期 flagged, narrowed to
 * one demand or achievement (from its page's link) or to the broker's own (只看我经办的), all in the
 * URL with the paging; each row names both organisations and the broker, with the moves the viewer
 * may make. Best match first (the score in words, 高/中/低匹配, the number on hover), or newest first.
 */
import { Checkbox, Flex, Segmented, Switch, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { api } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/dates.js';
import { canSeeAllMatches } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { Paged } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { oneOf, useQueryParams, type QueryParams } from '../../lib/useQueryParams.js';
import { stageLabel } from './labels.js';
import { MatchActions } from './MatchActions.js';
import { STAGES, type Stage } from './moves.js';
import { MatchStrengthTag, OverdueTag, StageTag, wan } from './parts.js';
import { achievementPath, demandPath, matchPath } from './paths.js';
import type { Achievement, Demand, PipelineMatch } from './types.js';
import { useMarketI18n } from './words.js';

const FILTER_KEYS = ['stage', 'overdue', 'demandId', 'achievementId', 'mine'] as const;
/** The board's orders: best match first (the server's default), or newest first (?sort=newest). */
const SORTS = ['score', 'newest'] as const;

/** The filters besides the stage, as the API takes them. */
interface Narrowing {
  overdue?: 'true';
  demandId?: number;
  achievementId?: number;
  mine?: 'true';
}

/** How many matches each stage holds (one small request per stage), refreshed with the list. */
function useStageCounts(version: number, narrowing: Narrowing): Partial<Record<Stage | 'all', number>> {
  const [counts, setCounts] = useState<Partial<Record<Stage | 'all', number>>>({});
  const key = JSON.stringify(narrowing);
  useEffect(() => {
    const controller = new AbortController();
    const keys: Array<Stage | 'all'> = ['all', ...STAGES];
    const filters = JSON.parse(key) as Narrowing;
    Promise.all(keys.map((k) => api.get<Paged<PipelineMatch>>('/market/matches', { page: 1, pageSize: 1, stage: k === 'all' ? undefined : k, ...filters }, controller.signal).then((r) => [k, r.total] as const)))
      .then((pairs) => setCounts(Object.fromEntries(pairs)))
      .catch(() => setCounts({}));
    return () => controller.abort();
  }, [version, key]);
  return counts;
}

function idParam(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The demand or achievement the board is narrowed to, by its title (its number until it loads or if it cannot be read), with a way out. */
function NarrowedTo({ qp, demandId, achievementId }: { qp: QueryParams; demandId?: number; achievementId?: number }) {
  const { t } = useMarketI18n();
  const demand = useApi<Demand>(demandId ? `/market/demands/${demandId}` : null);
  const achievement = useApi<Achievement>(achievementId ? `/market/achievements/${achievementId}` : null);
  return (
    <>
      {demandId ? (
        <Tag closable onClose={() => qp.update({ demandId: undefined })} color="blue" data-testid="pipeline-filter-demand" style={{ fontSize: 13, padding: '2px 8px' }}>
          <Link to={demandPath(demandId)}>{t('market.x.m.filterDemand', { title: demand.data?.title ?? t('market.x.m.filterId', { id: demandId }) })}</Link>
        </Tag>
      ) : null}
      {achievementId ? (
        <Tag closable onClose={() => qp.update({ achievementId: undefined })} color="blue" data-testid="pipeline-filter-achievement" style={{ fontSize: 13, padding: '2px 8px' }}>
          <Link to={achievementPath(achievementId)}>{t('market.x.m.filterAchievement', { title: achievement.data?.title ?? t('market.x.m.filterId', { id: achievementId }) })}</Link>
        </Tag>
      ) : null}
    </>
  );
}

const rowAttrs = (m: PipelineMatch) => ({ 'data-testid': `match-row-${m.id}`, 'data-stage': m.stage }) as HTMLAttributes<HTMLElement>;

export function PipelineBoard() {
  const { t } = useMarketI18n();
  const me = useMe();
  const qp = useQueryParams();
  const stage = oneOf(STAGES, qp.get('stage'));
  const overdue = qp.get('overdue') === 'true';
  const broker = me.role === 'tech_manager' || me.role === 'commissioner';
  const mine = broker && qp.get('mine') === 'true';
  const demandId = idParam(qp.get('demandId'));
  const achievementId = idParam(qp.get('achievementId'));
  const narrowing: Narrowing = { overdue: overdue ? 'true' : undefined, demandId, achievementId, mine: mine ? 'true' : undefined };
  const sort = oneOf(SORTS, qp.get('sort')) ?? 'score';
  const list = usePagedList<PipelineMatch>(qp, '/market/matches', { stage, ...narrowing, sort: sort === 'newest' ? 'newest' : undefined }, 20);
  const [version, setVersion] = useState(0);
  const counts = useStageCounts(version, narrowing);
  const refresh = () => {
    list.reload();
    setVersion((v) => v + 1);
  };

  const columns: TableProps<PipelineMatch>['columns'] = [
    {
      key: 'pair',
      title: t('market.m.pair'),
      render: (_, m) => (
        <Flex vertical gap={2}>
          <span>
            <Typography.Text type="secondary">{t('market.m.demand')}：</Typography.Text>
            <Link to={demandPath(m.demandId)}>{m.demandTitle}</Link>
            {m.demandOrgName ? (
              <Typography.Text type="secondary" data-testid="match-demand-org">
                {' · '}
                {m.demandOrgName}
              </Typography.Text>
            ) : null}
          </span>
          <span>
            <Typography.Text type="secondary">{t('market.m.achievement')}：</Typography.Text>
            <Link to={achievementPath(m.achievementId)}>{m.achievementTitle}</Link>
            {m.achievementOrgName ? (
              <Typography.Text type="secondary" data-testid="match-achievement-org">
                {' · '}
                {m.achievementOrgName}
              </Typography.Text>
            ) : null}
          </span>
        </Flex>
      ),
    },
    { key: 'score', title: t('market.m.score'), width: 90, render: (_, m) => <MatchStrengthTag score={m.score} testId="match-row-score" /> },
    {
      key: 'stage',
      title: t('market.m.stage'),
      width: 130,
      render: (_, m) => (
        <>
          <StageTag stage={m.stage} />
          <OverdueTag overdue={m.overdue} />
        </>
      ),
    },
    {
      key: 'due',
      title: t('market.m.due'),
      width: 170,
      render: (_, m) => (
        <Flex vertical>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('market.m.since', { time: formatDateTime(m.stageSince) })}
          </Typography.Text>
          {m.responseDue ? <Typography.Text type={m.overdue ? 'danger' : undefined}>{t('market.m.dueOn', { date: formatDate(m.responseDue) })}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'broker',
      title: t('market.x.m.broker'),
      width: 110,
      render: (_, m) => <span data-testid="match-row-broker">{m.brokerUserId === null ? '—' : m.brokerUserId === me.id ? t('market.m.brokerYou') : (m.brokerName ?? t('market.m.brokerId', { id: m.brokerUserId }))}</span>,
    },
    { key: 'contract', title: t('market.m.contract'), width: 130, align: 'right', render: (_, m) => (m.contractFen !== null ? wan(m.contractFen) : '—') },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 230,
      render: (_, m) => (
        <Flex gap={8} wrap align="center">
          <Link to={matchPath(m.id)} data-testid="match-open">
            {t('market.m.open')}
          </Link>
          <MatchActions match={m} onChanged={refresh} />
        </Flex>
      ),
    },
  ];

  const stageOptions = [
    { value: 'all', label: `${t('market.m.allStages')}${counts.all !== undefined ? ` ${counts.all}` : ''}` },
    ...STAGES.map((s) => ({ value: s, label: <span data-testid={`pipeline-stage-${s}`}>{`${stageLabel(t, s)}${counts[s] !== undefined ? ` ${counts[s]}` : ''}`}</span> })),
  ];

  return (
    <>
      <PageHeader title={t('market.m.title')} subtitle={canSeeAllMatches(me) ? t('market.m.subtitleAll') : t('market.m.subtitleMine')} />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented value={stage ?? 'all'} options={stageOptions} onChange={(v) => qp.update({ stage: v === 'all' ? undefined : String(v) })} data-testid="pipeline-stages" />
        <Checkbox checked={overdue} onChange={(e) => qp.update({ overdue: e.target.checked ? 'true' : undefined })} data-testid="pipeline-overdue">
          {t('market.m.onlyOverdue')}
        </Checkbox>
        {broker ? (
          <Flex gap={6} align="center">
            <Switch size="small" checked={mine} onChange={(on) => qp.update({ mine: on ? 'true' : undefined })} data-testid="pipeline-mine" aria-label={t('market.x.m.mine')} />
            <Typography.Text>{t('market.x.m.mine')}</Typography.Text>
          </Flex>
        ) : null}
        <Segmented
          size="small"
          value={sort}
          options={SORTS.map((v) => ({ value: v, label: <span data-testid={`pipeline-sort-${v}`}>{v === 'score' ? t('market.x.m.sortScore') : t('market.x.m.sortNewest')}</span> }))}
          onChange={(v) => qp.update({ sort: v === 'newest' ? 'newest' : undefined })}
          aria-label={t('market.x.m.sort')}
          data-testid="pipeline-sort"
        />
        <NarrowedTo qp={qp} demandId={demandId} achievementId={achievementId} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('market.m.overdueRule')}</Typography.Paragraph>
      <LoadErrorAlert error={list.error} onRetry={list.reload} testId="pipeline-error" />
      <div data-testid="pipeline-board" data-total={list.data?.total ?? ''}>
        <PagedTable<PipelineMatch>
          list={list}
          rowKey="id"
          columns={columns}
          onRow={rowAttrs}
          empty={list.error ? t('error.loadFailed') : <FilteredEmpty qp={qp} filterKeys={FILTER_KEYS} all={t('market.m.emptyAll')} filtered={t('market.m.emptyFiltered')} testId="pipeline-empty" />}
          scroll={{ x: 1100 }}
        />
      </div>
    </>
  );
}
