import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ROLE_LABELS, type Role } from '../../../src/shared/enums.js';
import { useI18n } from '../lib/i18n.js';
import { useMe } from '../lib/session.js';

/** Shows its children only to the listed roles; others see a plain 403 that names who may enter. */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const { t, pick } = useI18n();
  if (roles.includes(me.role)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('error.forbidden')}
      subTitle={t('gate.onlyRoles', { roles: roles.map((r) => pick(ROLE_LABELS[r])).join(t('common.listSep')) })}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
