/**
 * The calculator's results grouped by the server's classification (适用对象 and result together):
 * 符合 (with the amount: exact 万元 for an entitlement, 「最高 X 万元（经评审确定）」 for a ceiling),
 * 可能符合，需补充信息 (the missing facts, each a link to its field when the form has one), and 不适用
 * (the audience excludes the organisation or it fails the conditions; hidden until 显示全部, with the reason).
 * Each result expands to the engine's explanation and steps.
 */
import { Button, Card, Collapse, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { PolicyTag } from '../../components/PolicyTag.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { formatFenExact } from '../../lib/money.js';
import type { ItemResult, PolicyItemSummary } from '../../lib/types.js';
import { ApplyLink } from '../funding/ApplyLink.js';
import { BudgetTag } from '../funding/BudgetStatus.js';
import type { Evaluation } from './PolicyCalculator.js';
import { isDeclared, useFactCatalogue } from './facts.js';

type Relevance = 'applies' | 'might' | 'cannot';
/** Applies first, then what might with more information; what cannot apply is hidden until 显示全部. */
const GROUPS: ReadonlyArray<{ relevance: Relevance; title: MessageKey; color: string }> = [
  { relevance: 'applies', title: 'policy.rel.applies', color: 'green' },
  { relevance: 'might', title: 'policy.rel.might', color: 'gold' },
  { relevance: 'cannot', title: 'policy.rel.cannot', color: 'default' },
];

/** The server's classification; a result without one (an older server) by its status. */
export function relevanceOf(r: { status: ItemResult['status']; relevance?: Relevance | undefined }): Relevance {
  return r.relevance ?? (r.status === 'eligible' ? 'applies' : r.status === 'needs_input' ? 'might' : 'cannot');
}

/** The amount in words: never shows a ceiling as an entitlement. */
export function useAmountText() {
  const { t } = useI18n();
  return (r: ItemResult): string | null => {
    if (!r.amount) return null;
    const max = formatFenExact(r.amount.max);
    if (r.kind === 'ceiling') return t('policy.amount.ceiling', { amount: max });
    if (r.amount.min === r.amount.max) return t('policy.amount.exact', { amount: max });
    return t('policy.amount.range', { min: formatFenExact(r.amount.min), max });
  };
}

function ResultCard({
  r,
  item,
  orgId,
  onFocusFact,
  focused,
}: {
  r: ItemResult;
  item: PolicyItemSummary | undefined;
  orgId: number | undefined;
  onFocusFact: (name: string) => void;
  /** The item the user came for (from 免申即享): outlined and scrolled into view. */
  focused: boolean;
}) {
  const { t } = useI18n();
  const amountText = useAmountText()(r);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [focused, r]);
  return (
    <Card
      ref={ref}
      size="small"
      style={focused ? { borderColor: '#1677ff', boxShadow: '0 0 0 2px rgba(22,119,255,0.15)' } : undefined}
      data-testid={`calc-result-${r.itemId}`}
      data-status={r.status}
      data-relevance={relevanceOf(r)}
      extra={r.status === 'eligible' ? <ApplyLink itemId={r.itemId} channel={item?.channel} /> : undefined}
      title={
        <Flex gap={8} wrap align="center">
          {item ? <Tag style={{ marginInlineEnd: 0 }}>{t('policy.measureNo', { n: item.measure })}</Tag> : null}
          <Typography.Text strong>{item?.title ?? r.itemId}</Typography.Text>
          <PolicyTag code={r.policy ?? item?.policy} />
          {r.status === 'eligible' ? <BudgetTag itemId={r.itemId} /> : null}
        </Flex>
      }
    >
      {r.status === 'eligible' ? (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {amountText ? (
            <Typography.Text strong style={{ fontSize: 16, color: r.kind === 'ceiling' ? undefined : '#389e0d' }} data-testid="calc-amount">
              {amountText}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('policy.amount.none')}</Typography.Text>
          )}
          {r.kind === 'ceiling' ? (
            <>
              <br />
              <Typography.Text type="secondary">{t('policy.amount.ceilingNote')}</Typography.Text>
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      {relevanceOf(r) === 'might' ? (
        <List
          size="small"
          header={<Typography.Text type="secondary">{t('policy.result.missing')}</Typography.Text>}
          dataSource={r.relevanceMissing ?? r.missing}
          renderItem={(m) => (
            <List.Item
              extra={
                isDeclared(m.fact) ? (
                  <Button size="small" type="link" onClick={() => onFocusFact(m.fact)} data-testid={`calc-fill-${m.fact}`}>
                    {t('policy.result.fill')}
                  </Button>
                ) : orgId !== undefined ? (
                  <Link to={`/orgs/${orgId}`}>{t('policy.result.fromRecords')}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('policy.result.needsOrg')}</Typography.Text>
                )
              }
            >
              {m.label}
            </List.Item>
          )}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      {relevanceOf(r) === 'cannot' && r.relevanceReason ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="calc-reason">
          {r.relevanceReason}
        </Typography.Paragraph>
      ) : null}
      {r.status === 'not_eligible' && r.failed.length > 0 && !r.relevanceReason ? (
        <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
          {r.failed.map((f) => (
            <li key={f}>
              <Typography.Text type="danger">{f}</Typography.Text>
            </li>
          ))}
        </ul>
      ) : null}
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'why',
            label: t('policy.result.why'),
            children: (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.explanation}</Typography.Paragraph>
                {r.steps.length > 0 ? (
                  <>
                    <Typography.Text type="secondary">{t('policy.result.steps')}</Typography.Text>
                    <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {r.steps.map((s, i) => (
                        <li key={i}>{s}</li>
                      ))}
                    </ol>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function CalcResults({
  evaluation,
  items,
  onFocusFact,
  focusItem,
}: {
  evaluation: Evaluation;
  items: readonly PolicyItemSummary[];
  onFocusFact: (name: string) => void;
  focusItem?: string | null;
}) {
  const { t } = useI18n();
  useFactCatalogue();
  const [showAll, setShowAll] = useState(false);
  const byId = new Map(items.map((i) => [i.id, i]));
  const hidden = evaluation.results.filter((r) => relevanceOf(r) === 'cannot').length;
  // The item the user came for is shown even when it does not apply, so they see why.
  const focusHidden = focusItem ? evaluation.results.some((r) => r.itemId === focusItem && relevanceOf(r) === 'cannot') : false;
  return (
    <Flex vertical gap={16} data-testid="calc-results">
      <Typography.Text type="secondary">
        {evaluation.orgId !== undefined ? t('policy.result.basisOrg') : t('policy.result.basisDeclared')}
      </Typography.Text>
      {GROUPS.filter((g) => g.relevance !== 'cannot' || showAll || focusHidden).map((g) => {
        const list = evaluation.results.filter((r) => relevanceOf(r) === g.relevance && (g.relevance !== 'cannot' || showAll || r.itemId === focusItem));
        return (
          <div key={g.relevance} data-testid={`calc-group-${g.relevance}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              <Tag color={g.color}>{t(g.title)}</Tag>
              {t('policy.result.count', { n: list.length })}
            </Typography.Title>
            {list.length === 0 ? (
              <Typography.Text type="secondary">{t('policy.result.none')}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {list.map((r) => (
                  <ResultCard key={r.itemId} r={r} item={byId.get(r.itemId)} orgId={evaluation.orgId} onFocusFact={onFocusFact} focused={r.itemId === focusItem} />
                ))}
              </Flex>
            )}
          </div>
        );
      })}
      {hidden > 0 ? (
        <Flex gap={8} align="center" wrap>
          {!showAll ? <Typography.Text type="secondary">{t('policy.rel.hiddenNote', { n: hidden })}</Typography.Text> : null}
          <Button size="small" onClick={() => setShowAll((v) => !v)} data-testid="calc-show-all">
            {showAll ? t('policy.rel.hideCannot') : t('policy.rel.showAll', { n: hidden })}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
