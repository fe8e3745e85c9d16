/**
 * 公示 (/funding/publicity for every signed-in role, /public/publicity for anyone = GET /api/funding/publicity): the approvals under
 * public notice — enterprise, item, project, approved amount in 万元, the period and how many
 * objections were raised — paged, with the department filter in the URL. 提出异议 opens a short form
 * (POST …/:id/act {action: 'object', text}); the server refuses once the period is over, in words.
 * A visitor who is not signed in gets 登录后提出异议 (to /login, and back here) instead.
 */
import { Alert, App, Button, Form, Input, Select, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { api } from '../../lib/api.js';
import { formatDate } from '../../lib/dates.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { useQueryParams } from '../../lib/useQueryParams.js';
import { useReference } from '../../lib/reference.js';
import { useSession } from '../../lib/session.js';
import { Link, useLocation } from 'react-router-dom';
import { wan } from './parts.js';
import { useFundingI18n } from './words.js';
import { ActInput } from '../../../../src/shared/funding.js';

export interface PublicityRow {
  id: number;
  orgName: string;
  itemId: string;
  itemTitle: string;
  measure: number | null;
  departments: string[];
  year: number;
  project: string | null;
  approvedFen: number;
  publicity: { from: string; to: string };
  objections: number;
}

function ObjectionModal({ row, onClose, onDone }: { row: PublicityRow; onClose: () => void; onDone: () => void }) {
  const { t } = useFundingI18n();
  const { message } = App.useApp();
  const modal = useModalForm<{ text?: string }, ActInput>({
    fields: ['text'],
    schema: ActInput,
    toBody: (v) => ({ action: 'object', text: v.text?.trim() ?? '' }),
    send: async (body) => {
      await api.post(`/funding/applications/${row.id}/act`, body);
      message.success(t('funding.publicity.objected'));
      onDone();
    },
    onClose,
  });
  return (
    <FormModal<{ text?: string }>
      modal={modal}
      title={t('funding.publicity.objectTitle', { id: row.id })}
      okText={t('funding.publicity.objectOk')}
      testId="objection-form"
      okTestId="form-submit"
      notice={<Typography.Paragraph type="secondary">{`${row.orgName} · ${row.itemTitle}${row.project ? ` · ${row.project}` : ''} · ${wan(row.approvedFen)}`}</Typography.Paragraph>}
    >
      <Form.Item name="text" label={t('funding.act.objection')} rules={[{ required: true, whitespace: true, message: t('funding.act.objectionRequired') }]} extra={t('funding.publicity.objectHint')}>
        <Input.TextArea rows={4} maxLength={2000} showCount data-testid="objection-text" />
      </Form.Item>
    </FormModal>
  );
}

export function PublicityList() {
  const { t } = useFundingI18n();
  const qp = useQueryParams();
  const departments = useReference('departments');
  const departmentCode = qp.get('departmentCode') ?? undefined;
  const list = usePagedList<PublicityRow>(qp, '/funding/publicity', { departmentCode }, 20);
  const [objecting, setObjecting] = useState<PublicityRow | null>(null);
  const signedIn = useSession().state.status === 'authenticated';
  const { pathname } = useLocation();
  const deptName = (code: string) => departments.items.find((d) => d.code === code)?.name ?? code;

  return (
    <div data-testid="publicity-page">
      <PageHeader
        title={t('funding.publicity.title')}
        subtitle={t('funding.publicity.subtitle')}
        extra={
          <Select
            allowClear
            placeholder={t('funding.publicity.department')}
            value={departmentCode}
            onChange={(v: string | undefined) => qp.update({ departmentCode: v, page: undefined })}
            options={departments.items.map((d) => ({ value: d.code, label: d.name }))}
            style={{ width: 200 }}
            data-testid="publicity-department"
          />
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funding.publicity.note')} />
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <PagedTable<PublicityRow>
        list={list}
        rowKey="id"
        size="middle"
        scroll={{ x: 1000 }}
        phoneCards
        empty={t('funding.publicity.empty')}
        data-testid="publicity-table"
        onRow={(r) => ({ 'data-testid': `publicity-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('funding.publicity.enterprise'), dataIndex: 'orgName' },
          { title: t('funding.form.item'), key: 'item', render: (_, r) => (r.measure ? t('funding.form.itemOption', { n: r.measure, title: r.itemTitle }) : r.itemTitle) },
          { title: t('funding.form.project'), dataIndex: 'project', render: (v: string | null) => v ?? '—' },
          { title: t('funding.publicity.department'), key: 'dept', render: (_, r) => r.departments.map(deptName).join('、') },
          { title: t('funding.publicity.amount'), dataIndex: 'approvedFen', align: 'right', render: (v: number) => wan(v) },
          { title: t('funding.detail.publicity'), key: 'period', render: (_, r) => `${formatDate(r.publicity.from)} — ${formatDate(r.publicity.to)}` },
          { title: t('funding.publicity.objections'), dataIndex: 'objections', align: 'right', render: (v: number) => <span data-testid="publicity-objections">{v}</span> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, r) =>
              signedIn ? (
                <Button size="small" onClick={() => setObjecting(r)} data-testid={`publicity-object-${r.id}`}>
                  {t('funding.publicity.object')}
                </Button>
              ) : (
                <Link to={`/login?next=${encodeURIComponent(pathname)}`} data-testid={`publicity-login-${r.id}`}>
                  {t('funding.publicity.signInToObject')}
                </Link>
              ),
          },
        ]}
      />
      {objecting ? (
        <ObjectionModal
          row={objecting}
          onClose={() => setObjecting(null)}
          onDone={() => {
            setObjecting(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** 公示 for visitors (/public/publicity). */
export default PublicityList;
