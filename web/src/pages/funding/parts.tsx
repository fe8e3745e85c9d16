/** Small pieces the funding pages share: the state tag, the origin tag, amounts, the engine's evaluation. */
import { Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { formatFenExact } from '../../lib/money.js';
import { amountRangeKind, stateColor, stateLabel } from './labels.js';
import type { Evaluation, State } from './types.js';
import { useFundingI18n, type FundingT } from './words.js';

export function StateTag({ state }: { state: State }) {
  const { lang } = useFundingI18n();
  return (
    <Tag color={stateColor(state)} data-testid="funding-state" data-state={state}>
      {stateLabel(lang, state)}
    </Tag>
  );
}

export function OriginTag({ origin }: { origin: 'apply' | 'proactive' }) {
  const { t } = useFundingI18n();
  return origin === 'proactive' ? <Tag color="purple">{t('funding.origin.proactive')}</Tag> : <Tag>{t('funding.origin.apply')}</Tag>;
}

/** 分 → "123.45 万元" exact, or —. */
export const wan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatFenExact(fen, { unit: true }));

/** The engine's amount in words: exact, a range, or 最高 X 万元（经评审确定）. */
export function amountText(t: FundingT, amount: { min: number; max: number } | null, kind: string | null): string {
  switch (amountRangeKind(amount, kind)) {
    case 'none':
      return t('funding.eval.noAmount');
    case 'ceiling':
      return t('funding.eval.ceiling', { amount: formatFenExact(amount!.max) });
    case 'exact':
      return t('funding.eval.exact', { amount: formatFenExact(amount!.max) });
    case 'range':
      return t('funding.eval.range', { min: formatFenExact(amount!.min), max: formatFenExact(amount!.max) });
  }
}

const STATUS_COLOR: Record<Evaluation['status'], string> = { eligible: 'green', needs_input: 'gold', not_eligible: 'default' };

export function EvaluationCard({ evaluation, title }: { evaluation: Evaluation; title?: string }) {
  const { t } = useFundingI18n();
  return (
    <Card size="small" title={title ?? t('funding.eval.title')} data-testid="funding-evaluation" data-status={evaluation.status}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('funding.eval.status')}>
          <Tag color={STATUS_COLOR[evaluation.status]}>{t(`funding.eval.${evaluation.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('funding.eval.amount')}>
          <Typography.Text strong data-testid="funding-eval-amount">
            {amountText(t, evaluation.amount, evaluation.kind)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {evaluation.missing.length > 0 ? (
        <Typography.Paragraph type="warning">{t('funding.eval.missing', { facts: evaluation.missing.map((m) => m.label).join(t('common.listSep')) })}</Typography.Paragraph>
      ) : null}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: evaluation.steps?.length ? 8 : 0 }}>{evaluation.explanation}</Typography.Paragraph>
      {evaluation.steps?.length ? <List size="small" dataSource={evaluation.steps} renderItem={(s) => <List.Item>{s}</List.Item>} /> : null}
    </Card>
  );
}

/** A labelled value, for lists of figures. */
export function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Flex vertical>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong data-testid={testId}>
        {value}
      </Typography.Text>
    </Flex>
  );
}
