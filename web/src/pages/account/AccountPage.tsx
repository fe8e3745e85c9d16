/** 账户与令牌: who you are, change password, API tokens. */
import { Card, Descriptions, Tag } from 'antd';
import { ROLE_LABELS } from '../../../../src/shared/enums.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useI18n } from '../../lib/i18n.js';
import { useMe } from '../../lib/session.js';
import { ChangePasswordCard } from './ChangePasswordCard.js';
import { TokensCard } from './TokensCard.js';
import { NotificationsCard } from './NotificationsCard.js';

export default function AccountPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Card title={t('account.profile')} size="small" style={{ marginBottom: 24 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'username', label: t('users.username'), children: me.username },
            { key: 'name', label: t('users.displayName'), children: me.displayName },
            { key: 'role', label: t('users.role'), children: <Tag color="blue">{pick(ROLE_LABELS[me.role])}</Tag> },
            { key: 'aff', label: t('users.affiliation'), children: me.orgName ?? me.departmentName ?? '—' },
          ]}
        />
      </Card>
      <NotificationsCard />
      <ChangePasswordCard />
      <TokensCard />
    </>
  );
}
