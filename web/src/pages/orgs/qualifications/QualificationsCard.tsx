/** An organisation's qualifications (资质) with add / remove for administrators and officials. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { QUALIFICATION_LEVEL_LABELS } from '../../../../../src/shared/enums.js';
import { CardTable } from '../../../components/CardTable.js';
import { ConfirmDelete } from '../../../components/ConfirmDelete.js';
import { formatDate } from '../../../lib/dates.js';
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
  const quals = useApi<Items<Qualification>>(`/orgs/${org.id}/qualifications`);
  const [adding, setAdding] = useState(false);
  const manage = canManageQualifications(me);
  const changed = () => {
    quals.reload();
    onChanged();
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
              <ConfirmDelete
                path={`/orgs/${org.id}/qualifications/${q.id}`}
                title={t('quals.removeConfirm', { name: q.typeName })}
                label={t('common.delete')}
                icon={<DeleteOutlined />}
                done={t('quals.removed', { name: q.typeName })}
                onDone={changed}
              />
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
      <CardTable<Qualification> state={quals} rowKey="id" columns={columns} empty={t('quals.empty')} scroll={{ x: 700 }} />
      {adding ? (
        <QualificationModal
          orgId={org.id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            changed();
          }}
        />
      ) : null}
    </Card>
  );
}
