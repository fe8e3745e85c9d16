/** 用户管理 (admin): find users, create them, disable / enable, reset passwords, revoke sessions. */
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Flex, Select, Tag, type MenuProps, type TableProps } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, USER_STATUSES } from '../../../../../src/shared/enums.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../../components/PagedTable.js';
import { SearchInput } from '../../../components/SearchInput.js';
import { api } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import { useMe } from '../../../lib/session.js';
import type { UserRow } from '../../../lib/types.js';
import { usePagedList } from '../../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../../lib/useQueryParams.js';
import { CreateUserModal } from './CreateUserModal.js';
import { PatchUserModal, type PatchMode } from './PatchUserModal.js';

const FILTER_KEYS = ['q', 'role', 'status'] as const;

export default function UsersPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const qp = useQueryParams();
  // The to-do's "department without an account" opens here with ?create=official&department=<code>.
  const preset = qp.get('create') === 'official' ? { role: 'official' as const, departmentCode: qp.get('department') } : undefined;
  const [creating, setCreating] = useState(preset !== undefined);
  const closeCreate = () => {
    setCreating(false);
    if (preset) qp.update({ create: undefined, department: undefined });
  };
  const [patching, setPatching] = useState<{ user: UserRow; mode: PatchMode } | null>(null);

  const filters = { q: qp.get('q'), role: oneOf(ROLES, qp.get('role')), status: oneOf(USER_STATUSES, qp.get('status')) };
  const list = usePagedList<UserRow>(qp, '/users', filters, 20);
  const { reload } = list;
  const filtered = FILTER_KEYS.some((k) => qp.get(k) !== undefined);

  const setStatus = (user: UserRow, status: 'active' | 'disabled') => {
    modal.confirm({
      title: status === 'disabled' ? t('users.disableConfirm', { name: user.displayName }) : t('users.enableConfirm', { name: user.displayName }),
      content: status === 'disabled' ? t('users.disableHint') : undefined,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: status === 'disabled' },
      onOk: async () => {
        try {
          await api.patch(`/users/${user.id}`, { status });
          message.success(t('common.saved'));
          reload();
        } catch (err) {
          message.error(errorMessage(err, t));
        }
      },
    });
  };

  const revokeSessions = (user: UserRow) => {
    modal.confirm({
      title: t('users.revokeConfirm', { name: user.displayName }),
      content: t('users.revokeHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`/users/${user.id}/revoke-sessions`);
          message.success(t('users.revoked'));
        } catch (err) {
          message.error(errorMessage(err, t));
        }
      },
    });
  };

  const actions = (user: UserRow): MenuProps['items'] => {
    const self = user.id === me.id;
    return [
      { key: 'rename', label: t('users.rename'), onClick: () => setPatching({ user, mode: 'rename' }) },
      { key: 'password', label: t('users.resetPassword'), onClick: () => setPatching({ user, mode: 'password' }) },
      { key: 'revoke', label: t('users.revokeSessions'), onClick: () => revokeSessions(user) },
      user.status === 'active'
        ? { key: 'disable', label: t('users.disable'), danger: true, disabled: self, onClick: () => setStatus(user, 'disabled') }
        : { key: 'enable', label: t('users.enable'), onClick: () => setStatus(user, 'active') },
    ];
  };

  const columns: TableProps<UserRow>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', key: 'role', render: (_: unknown, u) => <Tag color="blue">{pick(ROLE_LABELS[u.role])}</Tag> },
    { title: t('users.affiliation'), key: 'affiliation', render: (_: unknown, u) => u.orgName ?? u.departmentName ?? '—' },
    {
      title: t('users.status'),
      dataIndex: 'status',
      key: 'status',
      render: (_: unknown, u) => <Tag color={u.status === 'active' ? 'green' : 'red'}>{t(`users.status.${u.status}`)}</Tag>,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', key: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 100,
      render: (_: unknown, u) => (
        <Dropdown menu={{ items: actions(u) }} trigger={['click']}>
          <Button size="small" icon={<DownOutlined />} iconPlacement="end" data-testid={`user-actions-${u.username}`}>
            {t('common.more')}
          </Button>
        </Dropdown>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={list.data ? t('users.total', { n: list.data.total }) : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <SearchInput value={qp.get('q')} onSearch={(v) => qp.update({ q: v })} placeholder={t('users.searchPlaceholder')} width={280} testId="user-search" />
        <Select
          allowClear
          placeholder={t('users.role')}
          value={qp.get('role')}
          onChange={(v: string | undefined) => qp.update({ role: v })}
          options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
          style={{ width: 170 }}
        />
        <Select
          allowClear
          placeholder={t('users.status')}
          value={qp.get('status')}
          onChange={(v: string | undefined) => qp.update({ status: v })}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          style={{ width: 120 }}
        />
        {filtered ? <Button onClick={() => qp.clear(FILTER_KEYS)}>{t('orgs.clearFilters')}</Button> : null}
      </Flex>
      <LoadErrorAlert error={list.error} onRetry={reload} />
      <PagedTable<UserRow>
        list={list}
        rowKey="id"
        columns={columns}
        empty={<FilteredEmpty qp={qp} filterKeys={FILTER_KEYS} all={t('users.empty')} filtered={t('users.emptyFiltered')} />}
        scroll={{ x: 1000 }}
        data-testid="user-table"
      />
      {creating ? (
        <CreateUserModal
          preset={preset}
          onClose={closeCreate}
          onCreated={() => {
            closeCreate();
            reload();
          }}
        />
      ) : null}
      {patching ? (
        <PatchUserModal
          user={patching.user}
          mode={patching.mode}
          onClose={() => setPatching(null)}
          onSaved={() => {
            setPatching(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
