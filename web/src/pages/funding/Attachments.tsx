/**
 * An application's attachments (GET …/attachments): name, kind, type (sniffed by the server from the
 * bytes), size, time, a download (GET …/attachments/:id through download(), so a refusal shows in
 * words). The applicant, while it may still edit (草稿, 退回修改, 待企业确认), uploads (POST …/attachments
 * ?name=&kind= with the raw file as application/octet-stream and the CSRF header) and deletes them.
 * Names are shown as text.
 */
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, List, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { LoadErrorAlert } from '../../components/PagedTable.js';
import { ApiError, apiUrl, download, saveBlob } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useApi } from '../../lib/useApi.js';
import { ErrorBody } from '../../../../src/shared/api.js';
import type { Attachment } from './types.js';
import type { Items, PolicyItemSummary } from '../../lib/types.js';
import { useFundingI18n } from './words.js';

export const MAX_BYTES = 10 * 1024 * 1024;

/** "1.2 MB", "800 KB", "12 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** The CSRF token the API client holds is private to it; the session endpoint gives it again for a raw upload. */
async function csrfToken(): Promise<string | null> {
  const res = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) return null;
  const body = (await res.json()) as { csrfToken?: string | null };
  return body.csrfToken ?? null;
}

/** POSTs the file's bytes; errors as the API client's. */
export async function uploadAttachment(applicationId: number, file: File, kind: string, material?: string): Promise<Attachment> {
  const token = await csrfToken();
  let res: Response;
  try {
    res = await fetch(apiUrl(`/funding/applications/${applicationId}/attachments`, { name: file.name, kind, ...(material ? { material } : {}) }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    let payload: unknown = null;
    try {
      payload = await res.json();
    } catch {
      // not JSON
    }
    const parsed = ErrorBody.safeParse(payload);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.field);
    throw new ApiError(res.status, `http_${res.status}`, res.status === 413 ? '文件不能超过 10 MB' : res.statusText || `HTTP ${res.status}`);
  }
  return (await res.json()) as Attachment;
}

export function Attachments({ applicationId, editable, itemId }: { applicationId: number; editable: boolean; itemId?: string }) {
  const { t } = useFundingI18n();
  const { message } = App.useApp();
  const list = useApi<{ attachments: Attachment[] }>(`/funding/applications/${applicationId}/attachments`);
  const items = useApi<Items<PolicyItemSummary>>(itemId ? '/policy/items' : null);
  const materials = items.data?.items.find((i) => i.id === itemId)?.materials ?? [];
  const input = useRef<HTMLInputElement>(null);
  const materialInput = useRef<HTMLInputElement>(null);
  const [forMaterial, setForMaterial] = useState<{ key: string; label: string } | null>(null);
  const [kind, setKind] = useState('申报材料');
  const [busy, setBusy] = useState(false);

  async function onFile(file: File | undefined, material?: { key: string; label: string } | null) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      message.error(t('funding.att.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      const a = material ? await uploadAttachment(applicationId, file, material.label.slice(0, 40), material.key) : await uploadAttachment(applicationId, file, kind.trim() || '申报材料');
      message.success(t('funding.att.uploaded', { name: a.filename }));
      list.reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
      if (materialInput.current) materialInput.current.value = '';
    }
  }

  async function get(a: Attachment) {
    try {
      const { blob, filename } = await download(`/funding/applications/${applicationId}/attachments/${a.id}`);
      saveBlob(blob, filename ?? a.filename);
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  }

  return (
    <Card size="small" title={t('funding.att.title')} data-testid="funding-attachments">
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      {materials.length > 0 ? (
        <div data-testid="materials-checklist" style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('funding.mat.title')}</Typography.Text>
          {editable ? <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('funding.mat.note')}</Typography.Paragraph> : null}
          <input
            ref={materialInput}
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,.xlsx"
            style={{ display: 'none' }}
            onChange={(e) => void onFile(e.target.files?.[0], forMaterial)}
            data-testid="material-file"
          />
          <List
            size="small"
            dataSource={materials}
            renderItem={(m) => {
              const n = (list.data?.attachments ?? []).filter((a) => a.materialKey === m.key).length;
              return (
                <List.Item
                  data-testid={`material-${m.key}`}
                  data-done={n > 0 ? 'yes' : 'no'}
                  actions={
                    editable
                      ? [
                          <Button
                            key="up"
                            size="small"
                            icon={<UploadOutlined />}
                            loading={busy && forMaterial?.key === m.key}
                            onClick={() => {
                              setForMaterial({ key: m.key, label: m.label });
                              materialInput.current?.click();
                            }}
                            data-testid={`material-upload-${m.key}`}
                          >
                            {t('funding.mat.upload')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Flex gap={6} wrap align="center">
                      <Tag color={m.required ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                        {m.required ? t('funding.mat.required') : t('funding.mat.optional')}
                      </Tag>
                      <Typography.Text>{m.label}</Typography.Text>
                      {n > 0 ? <Tag color="green">{t('funding.mat.done', { n })}</Tag> : <Typography.Text type={m.required ? 'danger' : 'secondary'}>{t('funding.mat.missing')}</Typography.Text>}
                    </Flex>
                    {m.hint ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.hint}</Typography.Text> : null}
                  </Flex>
                </List.Item>
              );
            }}
          />
        </div>
      ) : null}
      {editable ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('funding.att.kind')}</Typography.Text>
          <Input value={kind} onChange={(e) => setKind(e.target.value)} maxLength={40} style={{ width: 160 }} data-testid="attachment-kind" />
          <input ref={input} type="file" accept=".pdf,.png,.jpg,.jpeg,.xlsx" style={{ display: 'none' }} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="attachment-file" />
          <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="attachment-upload">
            {t('funding.att.upload')}
          </Button>
          <Typography.Text type="secondary">{t('funding.att.hint')}</Typography.Text>
        </Flex>
      ) : null}
      <Table<Attachment>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.attachments ?? []}
        locale={{ emptyText: t('funding.att.none') }}
        data-testid="attachment-list"
        columns={[
          {
            title: t('funding.att.name'),
            key: 'name',
            render: (_, a) => (
              <Button type="link" size="small" onClick={() => void get(a)} style={{ padding: 0 }}>
                {a.filename}
              </Button>
            ),
          },
          { title: t('funding.att.kind'), dataIndex: 'kind' },
          { title: t('funding.att.type'), dataIndex: 'typeLabel' },
          { title: t('funding.att.size'), key: 'size', render: (_, a) => formatBytes(a.sizeBytes) },
          { title: t('funding.att.at'), key: 'at', render: (_, a) => formatDateTime(a.at) },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, a: Attachment) => (
                    <ConfirmDelete
                      path={`/funding/applications/${applicationId}/attachments/${a.id}`}
                      title={t('funding.att.deleteQ', { name: a.filename })}
                      label={t('common.delete')}
                      done={t('funding.att.deleted')}
                      onDone={list.reload}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
