/**
 * 政策库: the 19 measures by section, each with its encoded support items and, from
 * GET /api/policy/coverage, what the platform does for the measure beyond them (for the
 * measures that name no amount for an enterprise, that is all there is).
 */
import { Alert, Badge, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { ErrorState } from '../../components/ErrorState.js';
import { MeasureSections } from '../../components/measures/MeasureList.js';
import { PageLoading } from '../../components/PageLoading.js';
import type { ApiError } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import type { MeasureCoverage, PolicyItemSummary } from '../../lib/types.js';
import { PolicyItemCard } from './PolicyItemCard.js';

interface Props {
  items: PolicyItemSummary[] | undefined;
  error: ApiError | undefined;
  reload: () => void;
  /** Undefined while loading or when it failed: the library shows without it. */
  coverage: MeasureCoverage[] | undefined;
}

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

export function PolicyLibrary({ items, error, reload, coverage }: Props) {
  const { t } = useI18n();
  const measures = useReference('measures');
  const byMeasure = useMemo(() => {
    const map = new Map<number, PolicyItemSummary[]>();
    for (const item of items ?? []) map.set(item.measure, [...(map.get(item.measure) ?? []), item]);
    return map;
  }, [items]);
  const coverageOf = useMemo(() => new Map((coverage ?? []).map((c) => [c.measure, c])), [coverage]);
  const encoded = [...byMeasure.keys()].sort((a, b) => a - b);
  const noAmount = (coverage ?? []).filter((c) => c.noAmount).map((c) => c.measure);

  if (measures.error) return <ErrorState error={measures.error} onRetry={measures.reload} />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (measures.loading || !items) return <PageLoading />;

  return (
    <div data-testid="policy-items">
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
    </div>
  );
}
