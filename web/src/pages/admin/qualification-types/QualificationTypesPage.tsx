/**
 * 资质类型 (admin): every qualification type, built-in or added, and a form to
 * add one. There is no edit or delete: built-in types are fixed and added ones
 * stay for the qualification records that use them. After an add the shared
 * reference list is invalidated, so the org filters and 添加资质 show it at once.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { CardTable } from '../../../components/CardTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useI18n } from '../../../lib/i18n.js';
import { invalidateReference } from '../../../lib/reference.js';
import type { Items, QualificationType } from '../../../lib/types.js';
import { useApi } from '../../../lib/useApi.js';
import { CreateQualificationTypeModal } from './CreateQualificationTypeModal.js';

export default function QualificationTypesPage() {
  const { t } = useI18n();
  // Fetched afresh here (not from the reference cache) so the admin sees the server's list.
  const types = useApi<Items<QualificationType>>('/reference/qualification-types');
  const [adding, setAdding] = useState(false);

  const items = types.data?.items;
  const builtin = items?.filter((q) => q.builtin).length ?? 0;

  const columns: TableProps<QualificationType>['columns'] = [
    { title: t('qualtypes.code'), dataIndex: 'code', key: 'code', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('qualtypes.name'), dataIndex: 'name', key: 'name' },
    { title: t('qualtypes.nameEn'), dataIndex: 'nameEn', key: 'nameEn' },
    {
      title: t('qualtypes.origin'),
      dataIndex: 'builtin',
      key: 'builtin',
      width: 100,
      render: (v: boolean) => (v ? <Tag color="blue">{t('qualtypes.builtin')}</Tag> : <Tag color="green">{t('qualtypes.custom')}</Tag>),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('qualtypes.title')}
        subtitle={items ? t('qualtypes.total', { n: items.length, builtin, custom: items.length - builtin }) : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="qualtype-add">
            {t('qualtypes.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('qualtypes.note')} style={{ marginBottom: 16 }} data-testid="qualtype-note" />
      <CardTable<QualificationType>
        state={types}
        rowKey="code"
        columns={columns}
        empty={t('qualtypes.empty')}
        scroll={{ x: 800 }}
        data-testid="qualtype-table"
      />
      {adding ? (
        <CreateQualificationTypeModal
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            invalidateReference('qualification-types');
            types.reload();
          }}
        />
      ) : null}
    </>
  );
}
