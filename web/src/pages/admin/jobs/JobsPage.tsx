/**
 * 后台任务 (admin, /admin/jobs): the scheduled work of the platform (GET /api/admin/jobs) — what each job
 * does, its schedule in plain Chinese (Beijing time), the next three runs, the last run with its result,
 * and counts by state; run one now; change or stop its schedule (it holds for every server process); the
 * runs of a job, paged, in a drawer. Cards, so the page reads on a phone.
 */
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Form, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/ErrorState.js';
import { PageLoading } from '../../../components/PageLoading.js';
import { api } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import { moduleByKey } from '../../../lib/modules.js';
import { useApi } from '../../../lib/useApi.js';

interface JobRun {
  id: string;
  state: string;
  stateLabel: string;
  retryCount: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  output: Record<string, unknown> | null;
}
interface ScheduledJob {
  name: string;
  label: string;
  cron: string | null;
  defaultCron: string | null;
  schedule: string;
  next: string[];
  last: JobRun | null;
  counts: Record<string, number>;
}

const STATE_COLOR: Record<string, string> = { completed: 'green', failed: 'red', active: 'blue', created: 'default', retry: 'orange', cancelled: 'default' };

/** Words for the counts a run returns (anything else is shown as it came). */
const OUTPUT_WORDS: Record<string, string> = {
  ended: '结束公示',
  held: '因异议暂停',
  reminded: '已提醒',
  runId: '测算批次',
  notified: '已通知',
  scored: '已评分企业',
  readers: '选择汇总的用户',
  sent: '已发送汇总',
  events: '汇总消息',
  message: '错误',
  fitId: '拟合记录',
  status: '结果',
  demands: '有结果的需求',
  cvBefore: '交叉验证前',
  cvAfter: '交叉验证后',
};

export function outputText(o: Record<string, unknown> | null): string {
  if (!o) return '—';
  const parts = Object.entries(o)
    .filter(([k]) => k !== 'by')
    .map(([k, v]) => `${OUTPUT_WORDS[k] ?? k}：${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join('，') : '完成';
}

function RunsDrawer({ job, onClose }: { job: ScheduledJob; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const runs = useApi<{ total: number; items: JobRun[] }>(`/admin/jobs/${job.name}/runs`, { page, pageSize: 20 });
  return (
    <Drawer open title={`运行记录：${job.label}`} onClose={onClose} width="min(720px, 100vw)">
      {runs.error ? (
        <ErrorState error={runs.error} onRetry={runs.reload} />
      ) : (
        <Table<JobRun>
          size="small"
          rowKey="id"
          loading={runs.loading}
          dataSource={runs.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="尚未运行过" /> }}
          pagination={{ current: page, pageSize: 20, total: runs.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '加入队列', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: '状态', dataIndex: 'stateLabel', render: (v: string, r) => <Tag color={STATE_COLOR[r.state]}>{v}</Tag> },
            { title: '完成', dataIndex: 'completedAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            { title: '重试', dataIndex: 'retryCount' },
            { title: '结果', dataIndex: 'output', render: (v: Record<string, unknown> | null) => outputText(v) },
          ]}
        />
      )}
    </Drawer>
  );
}

export default function JobsPage() {
  const { pick, t } = useI18n();
  const { message } = App.useApp();
  const mod = moduleByKey('jobs');
  const jobs = useApi<{ enabled: boolean; items: ScheduledJob[] }>('/admin/jobs');
  const [runsOf, setRunsOf] = useState<ScheduledJob | null>(null);
  const [editing, setEditing] = useState<ScheduledJob | null>(null);
  const [cron, setCron] = useState('');
  const [busy, setBusy] = useState(false);

  const runNow = async (j: ScheduledJob) => {
    try {
      const r = await api.post<{ message: string }>(`/admin/jobs/${j.name}/run`);
      message.success(r.message);
      setTimeout(jobs.reload, 1500);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const save = async (value: string | null) => {
    if (!editing) return;
    setBusy(true);
    try {
      await api.put(`/admin/jobs/${editing.name}/schedule`, { cron: value });
      message.success('定时计划已保存，所有服务进程即时生效');
      setEditing(null);
      jobs.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={pick(mod.label)} subtitle={pick(mod.description)} />
      {jobs.error ? (
        <ErrorState error={jobs.error} onRetry={jobs.reload} />
      ) : !jobs.data ? (
        <PageLoading />
      ) : !jobs.data.enabled ? (
        <Alert type="warning" showIcon title="本服务未启用后台任务" description="配置 JOBS=false 的服务不运行也不安排后台任务；公示不会自动结束，夜间测算与提醒不会发出。请在启用后台任务的服务上查看。" />
      ) : (
        <Row gutter={[16, 16]} data-testid="jobs-list">
          {jobs.data.items.map((j) => (
            <Col key={j.name} xs={24} lg={12}>
              <Card
                size="small"
                title={<span style={{ whiteSpace: 'normal' }}>{j.label}</span>}
                data-testid={`job-${j.name}`}
                actions={[
                  <Button key="run" type="link" onClick={() => void runNow(j)}>
                    立即运行
                  </Button>,
                  <Button
                    key="edit"
                    type="link"
                    onClick={() => {
                      setCron(j.cron ?? j.defaultCron ?? '');
                      setEditing(j);
                    }}
                  >
                    修改计划
                  </Button>,
                  <Button key="runs" type="link" onClick={() => setRunsOf(j)}>
                    运行记录
                  </Button>,
                ]}
              >
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 's', label: '计划（北京时间）', children: <Space wrap>{j.schedule}{j.cron !== j.defaultCron ? <Tag color="orange">已调整</Tag> : null}</Space> },
                    { key: 'n', label: '下次运行', children: j.next.length ? j.next.map((d) => formatDateTime(d)).join('；') : '—' },
                    {
                      key: 'l',
                      label: '最近一次',
                      children: j.last ? (
                        <Space wrap>
                          <Tag color={STATE_COLOR[j.last.state]}>{j.last.stateLabel}</Tag>
                          <Typography.Text type="secondary">{formatDateTime(j.last.completedAt ?? j.last.createdAt)}</Typography.Text>
                          <span>{outputText(j.last.output)}</span>
                        </Space>
                      ) : (
                        '尚未运行'
                      ),
                    },
                    { key: 'f', label: '失败次数', children: String(j.counts.failed ?? 0) },
                  ]}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {runsOf ? <RunsDrawer job={runsOf} onClose={() => setRunsOf(null)} /> : null}
      <Modal
        open={!!editing}
        title={editing ? `修改计划：${editing.label}` : ''}
        onCancel={() => setEditing(null)}
        footer={
          <Flex gap={8} wrap justify="end">
            <Button onClick={() => void save(null)} danger loading={busy}>
              停用定时
            </Button>
            <Button onClick={() => void save(editing?.defaultCron ?? null)} loading={busy}>
              恢复默认
            </Button>
            <Button type="primary" onClick={() => void save(cron.trim())} loading={busy}>
              保存
            </Button>
          </Flex>
        }
      >
        <Form layout="vertical">
          <Form.Item label="cron（分 时 日 月 周，北京时间）" extra={`默认：${editing?.defaultCron ?? '无'}。例如“30 2 * * *”为每天 02:30，“0 8 * * 1-5”为工作日 08:00。`}>
            <Input value={cron} onChange={(e) => setCron(e.target.value)} placeholder="30 2 * * *" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
