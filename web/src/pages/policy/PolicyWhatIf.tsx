/**
 * 假设分析 (administrators and officials): choose a support item (?tab=whatif&item=ID), type new
 * values for one or more of its parameters in the rule notation ("300万", "6%", 20), and
 * POST /api/policy/whatif evaluates the whole population under the current rules and under
 * the changed ones, nothing saved. Shows per item and per department the eligible count,
 * exact total and ceiling total before / after / Δ, the enterprises whose result changed and
 * the compute time. A 400 lands under the parameter it names, with the field path.
 */
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Select, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { formatFenExact } from '../../lib/money.js';
import { canEditRules } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { PolicyItemSummary, WhatIfBody, WhatIfResult, WhatIfTally } from '../../lib/types.js';
import { changedParameters, parameterOfField, signedCount, signedFen, type Parameter } from './runFigures.js';
import { useDepartmentName } from './useDepartmentName.js';

interface Failure {
  message: string;
  field: string | undefined;
  /** Messages under the parameters they are about. */
  byParam: Record<string, string>;
}

interface Outcome {
  itemId: string;
  title: string;
  sent: Record<string, string | number>;
  result: WhatIfResult;
}

type TallyRow = { key: string; before: WhatIfTally; after: WhatIfTally };

const rowTestId = (id: string) => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;

const HINT: Record<string, MessageKey> = { money: 'policy.whatif.hint.money', rate: 'policy.whatif.hint.rate', count: 'policy.whatif.hint.count' };

function Delta({ value, text }: { value: number; text: string }) {
  return value === 0 ? <Typography.Text type="secondary">{text}</Typography.Text> : <Typography.Text strong>{text}</Typography.Text>;
}

/** Before / after / Δ columns for the three figures of a tally. */
function useTallyColumns<T extends TallyRow>(): TableColumnsType<T> {
  const { t } = useI18n();
  const group = (key: string, title: MessageKey, get: (x: WhatIfTally) => number, fmt: (n: number) => string, signed: (n: number) => string) => ({
    key,
    title: t(title),
    children: [
      { key: `${key}.before`, title: t('policy.whatif.before'), align: 'right' as const, render: (_: unknown, r: T) => fmt(get(r.before)) },
      { key: `${key}.after`, title: t('policy.whatif.after'), align: 'right' as const, render: (_: unknown, r: T) => fmt(get(r.after)) },
      {
        key: `${key}.delta`,
        title: t('policy.whatif.delta'),
        align: 'right' as const,
        render: (_: unknown, r: T) => {
          const d = get(r.after) - get(r.before);
          return (
            <span data-testid={`whatif-delta-${key}`}>
              <Delta value={d} text={signed(d)} />
            </span>
          );
        },
      },
    ],
  });
  return [
    group('eligible', 'policy.whatif.col.eligible', (x) => x.eligible, String, signedCount),
    group('entitlement', 'policy.whatif.col.entitlement', (x) => x.entitlementFen, (n) => formatFenExact(n), signedFen),
    group('ceiling', 'policy.whatif.col.ceiling', (x) => x.ceilingFen, (n) => formatFenExact(n), signedFen),
  ];
}

function WhatIfOutcome({ outcome, parameters }: { outcome: Outcome; parameters: readonly Parameter[] }) {
  const { t } = useI18n();
  const me = useMe();
  const deptName = useDepartmentName();
  const tally = useTallyColumns<TallyRow & { title: string; measure: number }>();
  const deptTally = useTallyColumns<TallyRow>();
  const { result } = outcome;
  const items = result.items.map((i) => ({ key: i.itemId, title: i.title, measure: i.measure, before: i.before, after: i.after }));
  const depts = result.departments.map((d) => ({ key: d.code, before: d.before, after: d.after }));
  const sent = Object.entries(outcome.sent)
    .map(([name, value]) => {
      const p = parameters.find((x) => x.name === name);
      return `${p?.label ?? name}（${name}）${String(p?.value ?? '')} → ${String(value)}`;
    })
    .join(t('common.listSep'));

  return (
    <Card size="small" title={t('policy.whatif.resultTitle', { title: outcome.title })} data-testid="whatif-result">
      <Flex vertical gap={16}>
        <Alert
          type="warning"
          showIcon
          title={t('policy.whatif.note')}
          action={canEditRules(me) ? <Link to={`/policy?tab=editor&item=${encodeURIComponent(outcome.itemId)}`}>{t('policy.whatif.toEditor')}</Link> : undefined}
        />
        <Typography.Text type="secondary">{t('policy.whatif.sent', { list: sent })}</Typography.Text>
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={8}>
            <Statistic title={t('policy.whatif.enterprises')} value={result.enterprises} />
          </Col>
          <Col xs={24} sm={8}>
            <Tooltip title={t('policy.whatif.changedHint')}>
              <div data-testid="whatif-changed" data-value={result.changedEnterprises}>
                <Statistic title={t('policy.whatif.changed')} value={result.changedEnterprises} />
              </div>
            </Tooltip>
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t('policy.whatif.ms')} value={result.evaluateMs} />
          </Col>
        </Row>
        <div>
          <Typography.Title level={5}>{t('policy.whatif.items')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('policy.whatif.itemsNote')}</Typography.Paragraph>
          <Table
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={items}
            onRow={(r) => rowTestId(`whatif-item-${r.key}`)}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'item',
                title: t('policy.batch.col.item'),
                fixed: 'left',
                render: (_, r) => (
                  <span>
                    {t('policy.measureNo', { n: r.measure })} · {r.title}
                  </span>
                ),
              },
              ...tally,
            ]}
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('policy.whatif.depts')}</Typography.Title>
          {depts.length === 0 ? (
            <Typography.Text type="secondary">{t('policy.whatif.deptsNone')}</Typography.Text>
          ) : (
            <Table
              size="small"
              bordered
              rowKey="key"
              pagination={false}
              dataSource={depts}
              onRow={(r) => rowTestId(`whatif-dept-${r.key}`)}
              scroll={{ x: 'max-content' }}
              columns={[{ key: 'dept', title: t('policy.batch.dept'), fixed: 'left', render: (_, r) => deptName(r.key) }, ...deptTally]}
            />
          )}
          {depts.length > 0 ? <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('policy.batch.byDeptNote')}</Typography.Paragraph> : null}
        </div>
      </Flex>
    </Card>
  );
}

/** A refused what-if: the parameter and its message first when the server named one, always the field path. */
function FailureAlert({ failure, parameters }: { failure: Failure; parameters: readonly Parameter[] }) {
  const { t } = useI18n();
  const name = parameterOfField(failure.field);
  const p = name ? parameters.find((x) => x.name === name) : undefined;
  const title = p && failure.byParam[p.name] ? t('policy.whatif.error', { param: `${p.label}（${p.name}）`, message: failure.byParam[p.name]! }) : failure.message;
  return <Alert type="error" showIcon data-testid="whatif-error" data-field={failure.field} title={title} description={failure.field ? t('policy.whatif.errorField', { field: failure.field }) : undefined} />;
}

export function PolicyWhatIf({ items }: { items: PolicyItemSummary[] | undefined }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const selected = params.get('item');
  const item = items?.find((i) => i.id === selected);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // Another item: start from its current values.
  useEffect(() => {
    setTyped({});
    setFailure(null);
    setOutcome(null);
  }, [selected]);

  const changes = useMemo(() => changedParameters(item?.parameters ?? [], typed), [item, typed]);
  const changed = Object.keys(changes).length > 0;

  const options = useMemo(
    () =>
      [...(items ?? [])]
        .sort((a, b) => a.measure - b.measure || a.id.localeCompare(b.id))
        .map((i) => ({ value: i.id, label: `${t('policy.measureNo', { n: i.measure })} · ${i.title}（${i.id}）`, search: `${i.id} ${i.title} ${i.measure}` })),
    [items, t],
  );

  function choose(value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', 'whatif');
        next.set('item', value);
        return next;
      },
      { replace: true },
    );
  }

  async function run() {
    if (!item || !changed) return;
    setSending(true);
    setFailure(null);
    try {
      const body: WhatIfBody = { itemId: item.id, parameters: changes };
      const result = await api.post<WhatIfResult>('/policy/whatif', body);
      setOutcome({ itemId: item.id, title: item.title, sent: changes, result });
    } catch (err) {
      const byParam: Record<string, string> = {};
      if (isApiError(err) && err.status === 400) {
        for (const d of err.details.length > 0 ? err.details : err.field ? [{ field: err.field, message: err.message }] : []) {
          const p = parameterOfField(d.field);
          if (p) byParam[p] = d.message;
        }
      }
      setFailure({ message: errorMessage(err, t), field: isApiError(err) ? err.field : undefined, byParam });
      setOutcome(null);
    } finally {
      setSending(false);
    }
  }

  const columns: TableColumnsType<Parameter> = [
    {
      key: 'label',
      title: t('policy.whatif.col.param'),
      render: (_, p) => (
        <Flex vertical>
          <Typography.Text>{p.label}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12, alignSelf: 'flex-start' }}>
            {p.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'current', title: t('policy.whatif.col.current'), render: (_, p) => <Typography.Text code>{String(p.value)}</Typography.Text> },
    { key: 'clause', title: t('policy.whatif.col.clause'), render: (_, p) => <Typography.Text type="secondary">「{p.clause}」</Typography.Text> },
    {
      key: 'new',
      title: t('policy.whatif.col.new'),
      width: 260,
      render: (_, p) => {
        const error = failure?.byParam[p.name];
        const hint = HINT[p.kind];
        return (
          <Flex vertical gap={2}>
            <Input
              value={typed[p.name] ?? ''}
              placeholder={String(p.value)}
              status={error ? 'error' : p.name in changes ? 'warning' : undefined}
              onChange={(e) => {
                setTyped((prev) => ({ ...prev, [p.name]: e.target.value }));
                setFailure(null);
              }}
              onPressEnter={() => void run()}
              aria-label={`${p.label}（${p.name}）`}
              data-testid={`whatif-param-${p.name}`}
            />
            {error ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`whatif-param-error-${p.name}`}>
                {error}
              </Typography.Text>
            ) : hint ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(hint)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('policy.whatif.note')} description={t('policy.whatif.noteMore')} />
          <Flex gap={12} wrap align="center">
            <Typography.Text>{t('policy.whatif.item')}</Typography.Text>
            <Select
              style={{ flex: '1 1 360px', minWidth: 260, maxWidth: 720 }}
              placeholder={t('policy.whatif.pickItem')}
              value={item ? item.id : undefined}
              onChange={choose}
              options={options}
              loading={!items}
              showSearch={{ filterOption: (input, option) => (option?.search ?? '').toLowerCase().includes(input.trim().toLowerCase()) }}
              data-testid="whatif-item"
              aria-label={t('policy.whatif.item')}
            />
          </Flex>
        </Flex>
      </Card>
      {!item ? (
        <Card size="small">
          <Empty description={t('policy.whatif.pickItem')} />
        </Card>
      ) : (
        <Card size="small" title={t('policy.whatif.params')} data-testid="whatif-params">
          {item.parameters.length === 0 ? (
            <Typography.Text type="secondary">{t('policy.whatif.noParams')}</Typography.Text>
          ) : (
            <Flex vertical gap={12}>
              <Table<Parameter> size="small" rowKey="name" columns={columns} dataSource={item.parameters} pagination={false} onRow={(p) => rowTestId(`whatif-row-${p.name}`)} />
              {failure ? <FailureAlert failure={failure} parameters={item.parameters} /> : null}
              <Flex gap={8}>
                <Tooltip title={changed ? undefined : t('policy.whatif.noChange')}>
                  <Button type="primary" onClick={() => void run()} loading={sending} disabled={!changed} data-testid="whatif-run">
                    {t('policy.whatif.run')}
                  </Button>
                </Tooltip>
                <Button
                  onClick={() => {
                    setTyped({});
                    setFailure(null);
                  }}
                  disabled={Object.keys(typed).length === 0}
                >
                  {t('policy.whatif.reset')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Card>
      )}
      {outcome && item && outcome.itemId === item.id ? <WhatIfOutcome outcome={outcome} parameters={item.parameters} /> : null}
    </Flex>
  );
}
