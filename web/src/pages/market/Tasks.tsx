/**
 * 技术攻关清单. 公开清单 (GET /api/market/tasks, public, every role): published entries, 重点 first,
 * with department, fields and how many enterprise demands each merges (the demands themselves are
 * not named). 整理 (officials and administrators, ?view=manage; GET /api/market/tasks/all): drafts
 * and published entries with their source demands; officials create entries from demands picked in
 * the demand search; 发布 / 撤回 for the department that curated the entry (administrators any).
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { api } from '../../lib/api.js';
import { formatDate } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { canCreateTask, canPublishTask, canSeeTaskDrafts } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import { useApi } from '../../lib/useApi.js';
import { useQueryParams } from '../../lib/useQueryParams.js';
import { priorityLabel, taskStatusLabel } from './labels.js';
import { FieldTags } from './parts.js';
import { demandPath } from './paths.js';
import { TaskFormModal } from './TaskFormModal.js';
import type { Task } from './types.js';

export function PriorityTag({ priority }: { priority: Task['priority'] }) {
  const { t } = useI18n();
  return <Tag color={priority === 'high' ? 'red' : 'default'} data-testid="task-priority">{priorityLabel(t, priority)}</Tag>;
}

export function PublicList() {
  const { t } = useI18n();
  const state = useApi<{ tasks: Task[] }>('/market/tasks');
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const tasks = state.data.tasks;
  return (
    <div data-testid="task-list" data-count={tasks.length}>
      {tasks.length === 0 ? (
        <Empty description={t('market.task.emptyPublic')} />
      ) : (
        <Flex vertical gap={12}>
          {tasks.map((task) => (
            <Card key={task.id} size="small" data-testid={`task-${task.id}`}>
              <Flex vertical gap={6}>
                <Flex justify="space-between" align="flex-start" gap={8} wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {task.title}
                  </Typography.Text>
                  <Space size={4} wrap>
                    <PriorityTag priority={task.priority} />
                    <Tag color="blue">{task.department}</Tag>
                  </Space>
                </Flex>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{task.description}</Typography.Paragraph>
                <Flex gap={16} wrap align="center">
                  <span>
                    <FieldTags codes={task.fields} />
                  </span>
                  <Typography.Text type="secondary">{t('market.task.demandCount', { n: task.demandCount })}</Typography.Text>
                  {task.publishedAt ? <Typography.Text type="secondary">{t('market.task.publishedOn', { date: formatDate(task.publishedAt) })}</Typography.Text> : null}
                </Flex>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </div>
  );
}

const rowAttrs = (task: Task) => ({ 'data-testid': `task-row-${task.id}`, 'data-status': task.status }) as HTMLAttributes<HTMLElement>;

function ManageList() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const state = useApi<{ tasks: Task[] }>('/market/tasks/all');
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);

  async function setStatus(task: Task, verb: 'publish' | 'withdraw') {
    setBusy(task.id);
    try {
      await api.post(`/market/tasks/${task.id}/${verb}`);
      message.success(t(verb === 'publish' ? 'market.task.published' : 'market.task.withdrawn', { title: task.title }));
      state.reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  }

  const columns: TableProps<Task>['columns'] = [
    {
      key: 'title',
      title: t('market.task.titleLabel'),
      render: (_, task) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{task.title}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 480 }}>
            {task.description}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'priority', title: t('market.task.priority'), width: 100, render: (_, task) => <PriorityTag priority={task.priority} /> },
    { key: 'status', title: t('market.task.status'), width: 100, render: (_, task) => <Tag color={task.status === 'published' ? 'green' : task.status === 'draft' ? 'orange' : 'default'}>{taskStatusLabel(t, task.status)}</Tag> },
    { key: 'department', title: t('market.task.department'), width: 130, dataIndex: 'department' },
    { key: 'fields', title: t('market.task.fields'), width: 200, render: (_, task) => <FieldTags codes={task.fields} /> },
    {
      key: 'demands',
      title: t('market.task.demands'),
      width: 180,
      render: (_, task) =>
        (task.demandIds ?? []).map((id) => (
          <Link key={id} to={demandPath(id)} style={{ marginInlineEnd: 8 }}>
            #{id}
          </Link>
        )),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_, task) =>
        canPublishTask(me, task) ? (
          task.status === 'draft' ? (
            <Button size="small" type="primary" loading={busy === task.id} onClick={() => void setStatus(task, 'publish')} data-testid="task-publish">
              {t('market.task.publish')}
            </Button>
          ) : task.status === 'published' ? (
            <Popconfirm title={t('market.task.withdrawConfirm')} okText={t('market.task.withdraw')} cancelText={t('common.cancel')} onConfirm={() => setStatus(task, 'withdraw')}>
              <Button size="small" danger loading={busy === task.id} data-testid="task-withdraw">
                {t('market.task.withdraw')}
              </Button>
            </Popconfirm>
          ) : null
        ) : (
          <Typography.Text type="secondary">{t('market.task.otherDepartment')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('market.task.manageNote')}</Typography.Text>
        {canCreateTask(me) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
            {t('market.task.create')}
          </Button>
        ) : null}
      </Flex>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : (
        <div data-testid="task-manage">
          <Table<Task> rowKey="id" size="small" columns={columns} dataSource={state.data?.tasks ?? []} loading={state.loading} pagination={false} onRow={rowAttrs} locale={{ emptyText: state.loading ? ' ' : t('market.task.emptyManage') }} scroll={{ x: 1000 }} />
        </div>
      )}
      {creating ? (
        <TaskFormModal
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            state.reload();
          }}
        />
      ) : null}
    </>
  );
}

export function Tasks() {
  const { t } = useI18n();
  const me = useMe();
  const qp = useQueryParams();
  const office = canSeeTaskDrafts(me);
  const view = office && qp.get('view') === 'manage' ? 'manage' : 'public';
  return (
    <>
      <PageHeader title={t('market.task.title')} subtitle={t('market.task.subtitle')} />
      {office ? (
        <Segmented
          value={view}
          onChange={(v) => qp.update({ view: v === 'manage' ? 'manage' : undefined })}
          options={[
            { value: 'public', label: t('market.task.viewPublic') },
            { value: 'manage', label: <span data-testid="task-view-manage">{t('market.task.viewManage')}</span> },
          ]}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {view === 'manage' ? <ManageList /> : <PublicList />}
    </>
  );
}

/** 技术攻关清单 for visitors (/public/tasks): the published entries only, no sign-in. */
export default function PublicTasksPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('market.task.title')} subtitle={t('market.task.subtitle')} />
      <PublicList />
    </>
  );
}
