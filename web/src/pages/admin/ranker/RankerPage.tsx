/**
 * 匹配排序学习 (admin and officials read; administrators act; /admin/ranker): the weights the matcher ranks by now,
 * beside the defaults; every re-fit from the pipeline's outcomes (weekly job ranker-refit, or 立即重新拟合) with
 * its figures before and after, paged; an administrator puts a fit — or the defaults — in use with a reason.
 * Cards and a scrolling table, so it reads on a phone.
 */
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorState } from '../../../components/ErrorState.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PageLoading } from '../../../components/PageLoading.js';
import { api } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import { moduleByKey } from '../../../lib/modules.js';
import { useMe } from '../../../lib/session.js';
import { useApi } from '../../../lib/useApi.js';

type Weights = Record<string, number>;
interface Fit {
  id: number;
  triggerLabel: string;
  by: string | null;
  at: string;
  status: 'applied' | 'kept' | 'insufficient';
  statusLabel: string;
  outcomes: number;
  demands: number;
  pairs: number;
  weightsBefore: Weights | null;
  weightsAfter: Weights | null;
  ndcgBefore: number | null;
  ndcgAfter: number | null;
  cvBefore: number | null;
  cvAfter: number | null;
  note: string;
  active: boolean;
}
interface Overview {
  inUse: { fitId: number | null; weights: Weights };
  defaults: Weights;
  signals: { key: string; label: string }[];
  guards: { minDemands: number; minGain: number; folds: number };
  total: number;
  items: Fit[];
}

const STATUS_COLOR: Record<Fit['status'], string> = { applied: 'green', kept: 'default', insufficient: 'orange' };
const pct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x * 100)}%`);
const fig = (x: number | null) => (x === null ? '—' : x.toFixed(3));

export function weightsText(w: Weights | null, signals: Overview['signals']): string {
  if (!w) return '—';
  return signals.map((s) => `${s.label} ${pct(w[s.key])}`).join('，');
}

export default function RankerPage() {
  const { pick, t } = useI18n();
  const { message } = App.useApp();
  const isAdmin = useMe().role === 'admin';
  const mod = moduleByKey('ranker');
  const [page, setPage] = useState(1);
  const data = useApi<Overview>('/market/ranker', { page, pageSize: 10 });
  const [busy, setBusy] = useState(false);
  const [using, setUsing] = useState<{ fitId: number | null; title: string } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  const refit = async () => {
    setBusy(true);
    try {
      const f = await api.post<Fit>('/market/ranker/refit');
      message.success(`${f.statusLabel}：${f.note}`);
      data.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const use = async () => {
    if (!using) return;
    setBusy(true);
    try {
      await api.post('/market/ranker/use', { fitId: using.fitId, reason });
      message.success('已启用，新的匹配与推荐即时采用这组权重');
      setUsing(null);
      data.reload();
    } catch (e) {
      setReasonError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const o = data.data;
  return (
    <>
      <PageHeader
        title={pick(mod.label)}
        subtitle={pick(mod.description)}
        extra={
          isAdmin ? (
            <Button type="primary" loading={busy} onClick={() => void refit()}>
              立即重新拟合
            </Button>
          ) : null
        }
      />
      {data.error ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : !o ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title="在用权重" data-testid="ranker-in-use">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'src', label: '来源', children: o.inUse.fitId === null ? <Tag>默认权重</Tag> : <Tag color="green">拟合记录 #{o.inUse.fitId}</Tag> },
                { key: 'w', label: '权重', children: weightsText(o.inUse.weights, o.signals) },
                { key: 'd', label: '默认', children: weightsText(o.defaults, o.signals) },
                {
                  key: 'g',
                  label: '启用条件',
                  children: `至少 ${o.guards.minDemands} 个需求有对接结果（签约、洽谈、对接为正例；以“技术不对口、成熟度不匹配、价格或预算不一致”拒绝为反例），且 ${o.guards.folds} 折交叉验证的 nDCG@10 提高不少于 ${o.guards.minGain}`,
                },
              ]}
            />
            {isAdmin && o.inUse.fitId !== null ? (
              <Button onClick={() => (setReason(''), setReasonError(undefined), setUsing({ fitId: null, title: '恢复默认权重' }))}>恢复默认权重</Button>
            ) : null}
          </Card>
          <Card size="small" title={`拟合记录（${o.total}）`} data-testid="ranker-fits">
            {o.total === 0 ? (
              <Empty description="尚未拟合：每周一 04:30 由后台任务运行，也可立即重新拟合" />
            ) : (
              <Table<Fit>
                rowKey="id"
                size="small"
                scroll={{ x: 900 }}
                dataSource={o.items}
                pagination={{ current: page, pageSize: 10, total: o.total, onChange: setPage, showSizeChanger: false }}
                columns={[
                  { title: '#', dataIndex: 'id', width: 56 },
                  { title: '时间', dataIndex: 'at', width: 150, render: (v: string, f) => <Typography.Text>{formatDateTime(v)}<br /><Typography.Text type="secondary">{f.triggerLabel}{f.by ? ` · ${f.by}` : ''}</Typography.Text></Typography.Text> },
                  { title: '结果', dataIndex: 'statusLabel', width: 150, render: (v: string, f) => <Space wrap><Tag color={STATUS_COLOR[f.status]}>{v}</Tag>{f.active ? <Tag color="blue">在用</Tag> : null}</Space> },
                  { title: '证据', key: 'n', width: 150, render: (_: unknown, f) => `${f.demands} 个需求 · ${f.pairs} 对（读取 ${f.outcomes} 条对接）` },
                  { title: 'nDCG@10 前→后', key: 'ndcg', width: 190, render: (_: unknown, f) => <span>样本内 {fig(f.ndcgBefore)} → {fig(f.ndcgAfter)}<br />交叉验证 {fig(f.cvBefore)} → {fig(f.cvAfter)}</span> },
                  { title: '拟合权重', key: 'w', render: (_: unknown, f) => <span>{weightsText(f.weightsAfter, o.signals)}<br /><Typography.Text type="secondary">{f.note}</Typography.Text></span> },
                  ...(isAdmin
                    ? [
                        {
                          title: '操作',
                          key: 'act',
                          width: 90,
                          render: (_: unknown, f: Fit) =>
                            f.active || f.status === 'insufficient' ? null : (
                              <Button size="small" onClick={() => (setReason(''), setReasonError(undefined), setUsing({ fitId: f.id, title: `启用拟合记录 #${f.id} 的权重` }))}>
                                启用
                              </Button>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
          {!isAdmin ? <Alert type="info" showIcon title="重新拟合与启用权重由管理员操作" /> : null}
        </Space>
      )}
      <Modal open={!!using} title={using?.title} onCancel={() => setUsing(null)} footer={<Flex justify="end" gap={8}><Button onClick={() => setUsing(null)}>取消</Button><Button type="primary" loading={busy} onClick={() => void use()}>确认启用</Button></Flex>}>
        <Form layout="vertical">
          <Form.Item label="原因（记入审计日志）" required validateStatus={reasonError ? 'error' : undefined} help={reasonError}>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} placeholder="例如：核对新权重期间先用默认权重" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
