/** Small pieces the market's pages share: tags, highlighted text, match reasons and the matches panel. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Progress, Spin, Tag, Tooltip, Typography } from 'antd';
import { Fragment, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { formatDate } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import { formatFenExact } from '../../lib/money.js';
import { useApi } from '../../lib/useApi.js';
import { useTechFields } from './fields.js';
import { highlightSegments } from './highlight.js';
import { achievementStatusLabel, demandStatusLabel, matchStrength, modeLabel, partyReasonLabel, reasonKindLabel, STAGE_COLOR, stageLabel, trlDefinition } from './labels.js';
import { isStage } from './moves.js';
import { achievementPath, demandPath, matchPath } from './paths.js';
import type { Achievement, AchievementStatus, Candidate, CandidateList, ConversionMode, DemandStatus, RankedParty } from './types.js';
import { useMarketI18n, type MarketKey } from './words.js';

/** The text with the matched tokens in <mark>; rendered as text, never as HTML. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const segments = highlightSegments(text, terms);
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} data-testid="market-highlight" style={{ padding: 0, background: '#ffe58f' }}>
            {s.text}
          </mark>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </>
  );
}

/** TRL n, its definition on hover. */
export function TrlTag({ level, prefix }: { level: number; prefix?: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={`TRL ${level}：${trlDefinition(t, level)}`}>
      <Tag color="blue" data-testid="market-trl" data-trl={level} style={{ cursor: 'help' }}>
        {prefix ?? ''}TRL {level}
      </Tag>
    </Tooltip>
  );
}

/** A required TRL range, each end's definition on hover. */
export function TrlRange({ min, max }: { min: number; max: number }) {
  const { t } = useI18n();
  return (
    <Tooltip
      title={
        <>
          <div>TRL {min}：{trlDefinition(t, min)}</div>
          {max !== min ? <div>TRL {max}：{trlDefinition(t, max)}</div> : null}
        </>
      }
    >
      <Tag color="blue" style={{ cursor: 'help' }} data-testid="market-trl-range">
        TRL {min}{max !== min ? `–${max}` : ''}
      </Tag>
    </Tooltip>
  );
}

export function ModeTags({ modes, empty }: { modes: readonly ConversionMode[]; empty?: ReactNode }) {
  const { t } = useI18n();
  if (modes.length === 0) return <>{empty ?? '—'}</>;
  return (
    <>
      {modes.map((m) => (
        <Tag key={m} color={m === 'use_first_pay_later' ? 'green' : undefined} style={{ marginBottom: 4 }}>
          {modeLabel(t, m)}
        </Tag>
      ))}
    </>
  );
}

export function FieldTags({ codes }: { codes: readonly string[] }) {
  const fields = useTechFields();
  // Names, not codes: nothing until the taxonomy is here (the codes only if it cannot load).
  if (fields.loading) return null;
  return (
    <>
      {codes.map((c) => (
        <Tooltip key={c} title={fields.fullName(c)}>
          <Tag color="purple" style={{ marginBottom: 4 }}>
            {fields.name(c)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}

export function AchievementStatusTag({ status }: { status: AchievementStatus }) {
  const { t } = useI18n();
  const color = status === 'converted' ? 'green' : status === 'negotiating' ? 'orange' : undefined;
  return <Tag color={color}>{achievementStatusLabel(t, status)}</Tag>;
}

export function DemandStatusTag({ status }: { status: DemandStatus }) {
  const { t } = useI18n();
  return <Tag color={status === 'open' ? 'green' : undefined}>{demandStatusLabel(t, status)}</Tag>;
}

/** 公开披露 (measure 14) and 数据待更新 tags of an achievement. */
export function AchievementFlags({ a }: { a: Pick<Achievement, 'disclosed' | 'stale' | 'dataAsOf' | 'confidential'> }) {
  const { t } = useI18n();
  return (
    <>
      {a.disclosed ? (
        <Tooltip title={t('market.disclosedHint')}>
          <Tag color="gold" data-testid="market-disclosed">{t('market.disclosed')}</Tag>
        </Tooltip>
      ) : null}
      {a.stale ? (
        <Tooltip title={t('market.staleHint', { date: formatDate(a.dataAsOf) })}>
          <Tag color="red" data-testid="market-stale">{t('market.stale')}</Tag>
        </Tooltip>
      ) : null}
      {a.confidential ? <Tag color="default">{t('market.confidential')}</Tag> : null}
    </>
  );
}

export function StageTag({ stage }: { stage: string }) {
  const { t } = useI18n();
  return (
    <Tag color={isStage(stage) ? STAGE_COLOR[stage] : undefined} data-testid="match-stage" data-stage={stage}>
      {stageLabel(t, stage)}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useI18n();
  if (!overdue) return null;
  return (
    <Tooltip title={t('market.overdueHint')}>
      <Tag color="red" data-testid="match-overdue">{t('market.overdue')}</Tag>
    </Tooltip>
  );
}

/** A budget or valuation in 万元 (exact: these are stated amounts). */
export function wan(fen: number): string {
  return formatFenExact(fen, { unit: true });
}
export function wanRange(r: { min: number; max: number } | null, none: string): string {
  if (!r) return none;
  return r.min === r.max ? wan(r.min) : `${formatFenExact(r.min)}–${formatFenExact(r.max, { unit: true })}`;
}

/** A match score 0–1 as two decimals. */
export const formatMatchScore = (score: number) => score.toFixed(2);

const STRENGTH = {
  high: { color: 'green', word: 'market.x.s.high' },
  mid: { color: 'blue', word: 'market.x.s.mid' },
  low: { color: 'default', word: 'market.x.s.low' },
} as const;

/** A match score in words (高/中/低匹配), the number on hover. */
export function MatchStrengthTag({ score, testId }: { score: number; testId?: string }) {
  const { t } = useMarketI18n();
  const s = matchStrength(score);
  return (
    <Tooltip title={t('market.x.s.hint', { score: formatMatchScore(score) })}>
      <Tag color={STRENGTH[s].color} data-testid={testId} data-score={score} style={{ marginInlineEnd: 0 }}>
        {t(STRENGTH[s].word)}
      </Tag>
    </Tooltip>
  );
}

/**
 * Every reason of a match (or of a ranked party) in words: what it is about, the server's sentence,
 * and how much it counted. `party`: the kinds of rank.ts (相关成果, 行业, 科创指数, …).
 */
export function ReasonList({ reasons, party }: { reasons: readonly { kind: string; text: string; score: number }[]; party?: boolean }) {
  const { t } = useMarketI18n();
  return (
    <Flex vertical gap={4} data-testid="match-reasons">
      {reasons.map((r, i) => (
        <Flex key={i} gap={8} align="center" wrap data-testid="match-reason" data-kind={r.kind}>
          <Tag style={{ minWidth: 72, textAlign: 'center', marginInlineEnd: 0 }}>{party ? partyReasonLabel(t, r.kind) : reasonKindLabel(t, r.kind)}</Tag>
          <Typography.Text style={{ flex: '1 1 240px' }}>{r.text}</Typography.Text>
          <Tooltip title={t('market.reasonScore', { score: r.score.toFixed(2) })}>
            <Progress percent={Math.round(r.score * 100)} size="small" showInfo={false} style={{ width: 80, margin: 0 }} strokeColor={r.score >= 0.8 ? '#52c41a' : r.score >= 0.4 ? '#1558d6' : '#faad14'} />
          </Tooltip>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * 匹配的技术需求 / 匹配的科技成果: GET /api/market/{achievements|demands}/:id/matches, computed
 * live by the matcher, each with its title, strength in words and every reason. Matches below the
 * server's floor (MARKET_MATCH_FLOOR) are left out and counted, with a button to show them
 * (all=true). A match already in the pipeline shows its stage and the moves the viewer may make
 * (`actions`); one not yet there gets what `offer` returns (响应需求 / 发起对接) or nothing.
 */
export function CandidatesPanel({
  path,
  other,
  extra,
  actions,
  offer,
}: {
  path: string;
  other: 'demand' | 'achievement';
  extra?: ReactNode;
  /** The moves on a match in the pipeline (MatchActions); given the reload of the panel. */
  actions?: (c: Candidate & { match: NonNullable<Candidate['match']> }, reload: () => void) => ReactNode;
  /** What a candidate not yet in the pipeline offers the viewer. */
  offer?: (c: Candidate, reload: () => void) => ReactNode;
}) {
  const { t } = useMarketI18n();
  const [all, setAll] = useState(false);
  const state = useApi<CandidateList>(path, all ? { all: 'true' } : undefined);
  const title = other === 'demand' ? t('market.matches.demands') : t('market.matches.achievements');
  const hidden = state.data?.hidden ?? 0;
  return (
    <Card
      title={title}
      size="small"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={state.reload} loading={state.loading} data-testid="matches-refresh">
          {t('market.matches.refresh')}
        </Button>
      }
      data-testid="matches-panel"
      data-count={state.data?.matches.length ?? ''}
      data-hidden={state.data ? hidden : ''}
    >
      {extra}
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : (
        <Spin spinning={state.loading && !state.data}>
          {(state.data?.matches ?? []).length === 0 ? (
            state.data ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={other === 'demand' ? t('market.matches.noneDemands') : t('market.matches.noneAchievements')} /> : <div style={{ minHeight: 80 }} />
          ) : (
            <Flex vertical gap={12}>
              {state.data!.matches.map((c, i) => (
                <Flex key={c.id} vertical gap={8} data-testid={`match-candidate-${c.id}`} data-stage={c.match?.stage ?? ''} style={i > 0 ? { borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 12 } : undefined}>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    <Link to={other === 'demand' ? demandPath(c.id) : achievementPath(c.id)} data-testid="match-candidate-title">
                      <Typography.Text strong>{c.title}</Typography.Text>
                    </Link>
                    <MatchStrengthTag score={c.score} testId="match-candidate-score" />
                  </Flex>
                  {c.orgName ? (
                    <Typography.Text type="secondary" style={{ marginTop: -6 }} data-testid="match-candidate-org">
                      {c.orgName}
                    </Typography.Text>
                  ) : null}
                  <ReasonList reasons={c.reasons} />
                  {c.match ? (
                    <Flex gap={8} align="center" wrap data-testid="match-candidate-pipeline">
                      <Typography.Text type="secondary">{t('market.x.c.inPipeline', { stage: stageLabel(t, c.match.stage) })}</Typography.Text>
                      <Link to={matchPath(c.match.id)} data-testid="match-candidate-open">
                        {t('market.x.c.openMatch')}
                      </Link>
                      {actions?.({ ...c, match: c.match }, state.reload)}
                    </Flex>
                  ) : (
                    offer?.(c, state.reload)
                  )}
                </Flex>
              ))}
            </Flex>
          )}
          {state.data && (hidden > 0 || all) ? (
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12, borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8 }} data-testid="matches-hidden">
              <Tooltip title={t('market.x.c.hiddenHint', { floor: state.data.floor })}>
                <Typography.Text type="secondary">{all ? null : t('market.x.c.hidden', { n: hidden })}</Typography.Text>
              </Tooltip>
              <Button size="small" type="link" onClick={() => setAll(!all)} data-testid="matches-show-hidden">
                {all ? t('market.x.c.hideWeak') : t('market.x.c.showHidden')}
              </Button>
            </Flex>
          ) : null}
        </Spin>
      )}
    </Card>
  );
}

const PARTY_WORDS: Record<'institutions' | 'experts' | 'enterprises', { title: MarketKey; note: MarketKey; none: MarketKey }> = {
  institutions: { title: 'market.x.p.institutions', note: 'market.x.p.institutionsNote', none: 'market.x.p.institutionsNone' },
  experts: { title: 'market.x.p.experts', note: 'market.x.p.expertsNote', none: 'market.x.p.expertsNone' },
  enterprises: { title: 'market.x.p.enterprises', note: 'market.x.p.enterprisesNote', none: 'market.x.p.enterprisesNone' },
};

/**
 * 能解决的高校院所 / 相关专家 (GET /api/market/demands/:id/institutions|experts) and 潜在承接企业
 * (GET /api/market/achievements/:id/enterprises): the parties ranked by the server, each with its
 * score and every reason. Only some viewers may see a ranking; a 403 hides the panel.
 * Organisations link to their page; experts are named only (their profiles are in 专家库).
 */
export function PartiesPanel({ path, kind }: { path: string; kind: 'institutions' | 'experts' | 'enterprises' }) {
  const { t } = useMarketI18n();
  const state = useApi<Partial<Record<typeof kind, RankedParty[]>>>(path);
  if (state.error?.status === 403) return null;
  const words = PARTY_WORDS[kind];
  const parties = state.data?.[kind] ?? [];
  return (
    <Card
      title={t(words.title)}
      size="small"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={state.reload} loading={state.loading} data-testid={`market-parties-${kind}-refresh`}>
          {t('market.matches.refresh')}
        </Button>
      }
      data-testid={`market-parties-${kind}`}
      data-count={state.data ? parties.length : ''}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t(words.note)}
      </Typography.Paragraph>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : (
        <Spin spinning={state.loading && !state.data}>
          {parties.length === 0 ? (
            state.data ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(words.none)} /> : <div style={{ minHeight: 80 }} />
          ) : (
            <Flex vertical gap={12}>
              {parties.map((p, i) => (
                <Flex key={p.id} vertical gap={8} data-testid={`market-party-${p.id}`} style={i > 0 ? { borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 12 } : undefined}>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    {kind === 'experts' ? (
                      <Typography.Text strong data-testid="market-party-name">
                        {p.name}
                      </Typography.Text>
                    ) : (
                      <Link to={`/orgs/${p.id}`} data-testid="market-party-name">
                        <Typography.Text strong>{p.name}</Typography.Text>
                      </Link>
                    )}
                    <Tag color="blue" data-testid="market-party-score">{t('market.x.p.score', { score: formatMatchScore(p.score) })}</Tag>
                  </Flex>
                  <ReasonList reasons={p.reasons} party />
                </Flex>
              ))}
            </Flex>
          )}
        </Spin>
      )}
    </Card>
  );
}
