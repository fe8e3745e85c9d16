/** An organisation's qualifications (资质) with add / remove for administrators and officials. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { QUALIFICATION_LEVEL_LABELS } from '../../../../../src/shared/enums.js';
import { ErrorState } from '../../../components/ErrorState.js';
import { api } from '../../../lib/api.js';
import { formatDate } from '../../../lib/dates.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import { canManageQualifications } from '../../../lib/permissions.js';
import { useMe } from '../../../lib/session.js';
import type { Items, OrgDetail, Qualification } from '../../../lib/types.js';
import { useApi } from '../../../lib/useApi.js';
import { QualificationModal } from './QualificationModal.js';

const STATUS_COLOR: Record<Qualification['status'], string> = { valid: 'green', expired: 'default', pending: 'orange' };

export function QualificationsCard({ org, onChanged }: { org: OrgDetail; onChanged: () => void }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<Items<Qualification>>(`/orgs/${org.id}/qualifications`);
  const [adding, setAdding] = useState(false);
  const manage = canManageQualifications(me);

  const remove = async (q: Qualification) => {
    try {
      await api.del(`/orgs/${org.id}/qualifications/${q.id}`);
      message.success(t('quals.removed', { name: q.typeName }));
      reload();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: TableProps<Qualification>['columns'] = [
    { title: t('quals.type'), dataIndex: 'typeName', key: 'type' },
    { title: t('quals.level'), dataIndex: 'level', key: 'level', width: 100, render: (_: unknown, q) => pick(QUALIFICATION_LEVEL_LABELS[q.level]) },
    { title: t('quals.certificate'), dataIndex: 'certificateNo', key: 'cert', render: (_: unknown, q) => q.certificateNo ?? '—' },
    {
      title: t('quals.validity'),
      key: 'validity',
      render: (_: unknown, q) => `${formatDate(q.validFrom)} ~ ${q.validTo ? formatDate(q.validTo) : t('quals.noEnd')}`,
    },
    {
      title: t('quals.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (_: unknown, q) => <Tag color={STATUS_COLOR[q.status]}>{t(`quals.status.${q.status}`)}</Tag>,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, q: Qualification) => (
              <Popconfirm
                title={t('quals.removeConfirm', { name: q.typeName })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove(q)}
              >
                <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('quals.title')}
      size="small"
      style={{ marginBottom: 24 }}
      extra={
        manage ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="qual-add">
            {t('quals.add')}
          </Button>
        ) : null
      }
    >
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Table<Qualification>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quals.empty')} /> }}
          scroll={{ x: 700 }}
        />
      )}
      {adding ? (
        <QualificationModal
          orgId={org.id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            reload();
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}
