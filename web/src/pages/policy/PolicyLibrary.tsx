/**
 * 政策库: the policy documents (city, district, park) from GET /api/policies; the chosen one
 * (?policy=, default Suzhou's 19 measures) with its metadata, its full text, and its text
 * article by article, under each article the support items that implement it.
 * Suzhou's measures keep their sections, 责任单位 and, from GET /api/policy/coverage, what
 * the platform does for each measure beyond its items (for the measures that name no amount
 * for an enterprise, that is all there is).
 */
import { Alert, Badge, Card, Collapse, Descriptions, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { MeasureSections } from '../../components/measures/MeasureList.js';
import { PageLoading } from '../../components/PageLoading.js';
import type { ApiError } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { DEFAULT_POLICY, usePolicies } from '../../lib/policies.js';
import { useReference } from '../../lib/reference.js';
import type { MeasureCoverage, PolicyDetail, PolicyItemSummary, PolicySummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { PolicyItemCard } from './PolicyItemCard.js';

interface Props {
  items: PolicyItemSummary[] | undefined;
  error: ApiError | undefined;
  reload: () => void;
  /** Undefined while loading or when it failed: the library shows without it. */
  coverage: MeasureCoverage[] | undefined;
}

const LEVELS: PolicySummary['level'][] = ['city', 'district', 'park'];
const STATUS_COLOR: Record<PolicySummary['status'], string> = { draft: 'orange', official: 'green', repealed: 'default' };
const levelKey = (level: PolicySummary['level']): MessageKey => `policy.lib.level.${level}`;
const WRAP = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function CoverageNote({ c }: { c: MeasureCoverage }) {
  const { t } = useI18n();
  if (c.noAmount) {
    return (
      <Alert
        type="info"
        data-testid={`policy-coverage-${c.measure}`}
        title={t('policy.coverage.noAmount')}
        description={c.platform}
        style={{ marginTop: 12 }}
      />
    );
  }
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }} data-testid={`policy-coverage-${c.measure}`}>
      {t('policy.coverage.platform')}
      {c.platform}
    </Typography.Paragraph>
  );
}

/** The documents by level; the chosen one is outlined. */
function PolicyChooser({ policies, selected, onSelect }: { policies: PolicySummary[]; selected: string; onSelect: (code: string) => void }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }} data-testid="policy-documents">
      {LEVELS.map((level) => {
        const list = policies.filter((p) => p.level === level);
        if (list.length === 0) return null;
        return (
          <div key={level}>
            <Typography.Text type="secondary">{t(levelKey(level))}</Typography.Text>
            <Flex vertical gap={8} style={{ marginTop: 4 }}>
              {list.map((p) => (
                <Card
                  key={p.code}
                  size="small"
                  hoverable
                  role="button"
                  tabIndex={0}
                  aria-pressed={p.code === selected}
                  data-testid={`policy-doc-${p.code}`}
                  onClick={() => onSelect(p.code)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelect(p.code);
                    }
                  }}
                  style={p.code === selected ? { borderColor: '#1677ff', boxShadow: '0 0 0 2px rgba(22,119,255,0.15)' } : undefined}
                >
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                      {p.title}
                    </Typography.Text>
                    <Tag color={STATUS_COLOR[p.status]} style={{ marginInlineEnd: 0 }}>
                      {t(`policy.status.${p.status}`)}
                    </Tag>
                    {p.level !== 'city' ? <Tag style={{ marginInlineEnd: 0 }}>{p.regionName ?? p.region}</Tag> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('policy.lib.counts', { clauses: p.clauses, items: p.items })}
                    </Typography.Text>
                  </Flex>
                </Card>
              ))}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}

/** Issuer, document number, level and region, dates in force, status; the full text folded. */
function PolicyMeta({ p }: { p: PolicyDetail }) {
  const { t } = useI18n();
  const notStated = t('policy.lib.notStated');
  const dates = p.effectiveFrom ? (p.effectiveTo ? `${p.effectiveFrom} — ${p.effectiveTo}` : t('policy.effectiveFrom', { date: p.effectiveFrom })) : notStated;
  return (
    <div data-testid="policy-meta" style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ marginTop: 0, overflowWrap: 'anywhere' }}>
        {p.title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'level', label: t('policy.lib.region'), children: p.level === 'city' ? t('policy.lib.cityWide') : `${t(levelKey(p.level))} · ${p.regionName ?? p.region ?? ''}` },
          { key: 'issuer', label: t('policy.lib.issuer'), children: p.issuer },
          { key: 'docNo', label: t('policy.lib.docNo'), children: p.docNo ?? notStated },
          { key: 'effective', label: t('policy.lib.effective'), children: dates },
          { key: 'status', label: t('policy.lib.status'), children: <Tag color={STATUS_COLOR[p.status]}>{t(`policy.status.${p.status}`)}</Tag> },
          { key: 'counts', label: t('policy.lib.articles'), children: t('policy.lib.counts', { clauses: p.clauses, items: p.items }) },
        ]}
      />
      <Collapse
        size="small"
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'text',
            label: t('policy.lib.fullText'),
            children: (
              <Typography.Paragraph style={{ ...WRAP, marginBottom: 0 }} data-testid="policy-full-text">
                {p.fullText}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </div>
  );
}

/** A policy other than Suzhou's measures: its articles by section, each with the items implementing it. */
function PolicyArticles({ p }: { p: PolicyDetail }) {
  const { t } = useI18n();
  const sections = useMemo(() => {
    const out: { title: string | null; articles: PolicyDetail['articles'] }[] = [];
    for (const a of p.articles) {
      const last = out[out.length - 1];
      if (last && last.title === a.section) last.articles.push(a);
      else out.push({ title: a.section, articles: [a] });
    }
    return out;
  }, [p.articles]);
  const byArticle = useMemo(() => {
    const map = new Map<number, PolicyItemSummary[]>();
    for (const item of p.implementing) map.set(item.measure, [...(map.get(item.measure) ?? []), item]);
    return map;
  }, [p.implementing]);
  return (
    <Flex vertical gap={16} data-testid="policy-articles">
      <Alert type="info" showIcon title={t('policy.lib.otherNote', { n: p.articles.length })} />
      {sections.map((s, i) => (
        <div key={`${i}-${s.title ?? ''}`}>
          {s.title ? (
            <Typography.Title level={5} style={{ marginTop: 0, overflowWrap: 'anywhere' }}>
              {s.title}
            </Typography.Title>
          ) : null}
          <Collapse
            size="small"
            defaultActiveKey={s.articles.filter((a) => byArticle.has(a.no)).map((a) => String(a.no))}
            items={s.articles.map((a) => {
              const list = byArticle.get(a.no);
              return {
                key: String(a.no),
                label: (
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }} data-testid={`policy-article-${a.no}`}>
                    {t('policy.lib.article', { n: a.no })}
                    {a.title ? ` ${a.title}` : ''}
                  </Typography.Text>
                ),
                extra: list ? <Badge count={t('policy.itemCount', { n: list.length })} color="green" /> : null,
                children: (
                  <>
                    <Typography.Paragraph style={{ ...WRAP, marginBottom: 0 }}>{a.text}</Typography.Paragraph>
                    <Flex vertical gap={8} style={{ marginTop: 12 }}>
                      {list ? list.map((item) => <PolicyItemCard key={item.id} item={item} />) : <Typography.Text type="secondary">{t('policy.lib.noItems')}</Typography.Text>}
                    </Flex>
                  </>
                ),
              };
            })}
          />
        </div>
      ))}
    </Flex>
  );
}

/** Suzhou's 19 measures by section, with their 责任单位, items and coverage notes. */
function SuzhouMeasures({ items, coverage }: { items: PolicyItemSummary[]; coverage: MeasureCoverage[] | undefined }) {
  const { t } = useI18n();
  const measures = useReference('measures');
  const byMeasure = useMemo(() => {
    const map = new Map<number, PolicyItemSummary[]>();
    for (const item of items) map.set(item.measure, [...(map.get(item.measure) ?? []), item]);
    return map;
  }, [items]);
  const coverageOf = useMemo(() => new Map((coverage ?? []).map((c) => [c.measure, c])), [coverage]);
  const encoded = [...byMeasure.keys()].sort((a, b) => a - b);
  const noAmount = (coverage ?? []).filter((c) => c.noAmount).map((c) => c.measure);

  if (measures.error) return <ErrorState error={measures.error} onRetry={measures.reload} />;
  if (measures.loading) return <PageLoading />;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('policy.libraryNote', { n: items.length })}
        description={
          <>
            {noAmount.length > 0 ? <div>{t('policy.libraryNoteNoAmount', { list: noAmount.join(t('common.listSep')) })}</div> : null}
            <div>{t('policy.libraryNoteMore')}</div>
          </>
        }
      />
      <MeasureSections
        measures={measures.items}
        defaultOpen={encoded}
        renderBadge={(m) =>
          byMeasure.has(m.no) ? (
            <Badge count={t('policy.itemCount', { n: byMeasure.get(m.no)?.length ?? 0 })} color="green" style={{ marginInlineEnd: 4 }} />
          ) : coverageOf.get(m.no)?.noAmount ? (
            <Tag style={{ marginInlineEnd: 4 }}>{t('policy.coverage.noAmountTag')}</Tag>
          ) : null
        }
        renderBelow={(m) => {
          const list = byMeasure.get(m.no);
          const c = coverageOf.get(m.no);
          return (
            <>
              {c ? <CoverageNote c={c} /> : null}
              {list || !c?.noAmount ? (
                <Flex vertical gap={8} style={{ marginTop: 12 }}>
                  {list ? (
                    list.map((item) => <PolicyItemCard key={item.id} item={item} />)
                  ) : (
                    <Typography.Text type="secondary">{t('policy.noItemsYet')}</Typography.Text>
                  )}
                </Flex>
              ) : null}
            </>
          );
        }}
      />
    </>
  );
}

export function PolicyLibrary({ items, error, reload, coverage }: Props) {
  const policies = usePolicies();
  const [params, setParams] = useSearchParams();
  const requested = params.get('policy');
  const selected = requested && policies.items.some((p) => p.code === requested) ? requested : DEFAULT_POLICY;
  const detail = useApi<PolicyDetail>(policies.loading ? null : `/policies/${encodeURIComponent(selected)}`);
  const suzhouItems = useMemo(() => (items ?? []).filter((i) => (i.policy ?? DEFAULT_POLICY) === DEFAULT_POLICY), [items]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (policies.error) return <ErrorState error={policies.error} onRetry={policies.reload} />;
  if (!items || policies.loading) return <PageLoading />;

  const select = (code: string) => {
    const next = new URLSearchParams(params);
    if (code === DEFAULT_POLICY) next.delete('policy');
    else next.set('policy', code);
    setParams(next, { replace: true });
  };
  const current = detail.data?.code === selected ? detail.data : undefined;

  return (
    <div data-testid="policy-items">
      <PolicyChooser policies={policies.items} selected={selected} onSelect={select} />
      {detail.error ? <ErrorState error={detail.error} onRetry={detail.reload} /> : current ? <PolicyMeta p={current} /> : <PageLoading />}
      {selected === DEFAULT_POLICY ? <SuzhouMeasures items={suzhouItems} coverage={coverage} /> : current ? <PolicyArticles p={current} /> : null}
    </div>
  );
}
