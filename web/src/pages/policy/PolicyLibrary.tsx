/** 政策库: the 19 measures by section, each with the support items encoded so far. */
import { Alert, Badge, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { ErrorState } from '../../components/ErrorState.js';
import { MeasureSections } from '../../components/measures/MeasureList.js';
import { PageLoading } from '../../components/PageLoading.js';
import type { ApiError } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import type { PolicyItemSummary } from '../../lib/types.js';
import { PolicyItemCard } from './PolicyItemCard.js';

interface Props {
  items: PolicyItemSummary[] | undefined;
  error: ApiError | undefined;
  reload: () => void;
}

export function PolicyLibrary({ items, error, reload }: Props) {
  const { t } = useI18n();
  const measures = useReference('measures');
  const byMeasure = useMemo(() => {
    const map = new Map<number, PolicyItemSummary[]>();
    for (const item of items ?? []) map.set(item.measure, [...(map.get(item.measure) ?? []), item]);
    return map;
  }, [items]);
  const encoded = [...byMeasure.keys()].sort((a, b) => a - b);

  if (measures.error) return <ErrorState error={measures.error} onRetry={measures.reload} />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (measures.loading || !items) return <PageLoading />;

  return (
    <div data-testid="policy-items">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('policy.libraryNote', { list: encoded.join(t('common.listSep')), n: items.length })}
        description={t('policy.libraryNoteMore')}
      />
      <MeasureSections
        measures={measures.items}
        defaultOpen={encoded}
        renderBadge={(m) =>
          byMeasure.has(m.no) ? (
            <Badge count={t('policy.itemCount', { n: byMeasure.get(m.no)?.length ?? 0 })} color="green" style={{ marginInlineEnd: 4 }} />
          ) : null
        }
        renderBelow={(m) => {
          const list = byMeasure.get(m.no);
          return (
            <Flex vertical gap={8} style={{ marginTop: 12 }}>
              {list ? (
                list.map((item) => <PolicyItemCard key={item.id} item={item} />)
              ) : (
                <Typography.Text type="secondary">{t('policy.noItemsYet')}</Typography.Text>
              )}
            </Flex>
          );
        }}
      />
    </div>
  );
}
