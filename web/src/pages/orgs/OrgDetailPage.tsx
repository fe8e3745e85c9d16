/** One organisation: basic data, qualifications and (for enterprises) yearly figures. */
import { ArrowLeftOutlined, EditOutlined, LineChartOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ORG_KIND_LABELS, SIZE_BAND_LABELS } from '../../../../src/shared/enums.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ApiError } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import { nameOf } from '../../lib/labels.js';
import { canEditOrg, canSeeEnterpriseIndex } from '../../lib/permissions.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import type { OrgDetail } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { FiguresCard } from './figures/FiguresCard.js';
import { OrgEditModal } from './OrgEditModal.js';
import { QualificationsCard } from './qualifications/QualificationsCard.js';

function OrgInfo({ org }: { org: OrgDetail }) {
  const { t, pick } = useI18n();
  const departments = useReference('departments');
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'kind', label: t('orgs.kind'), children: <Tag>{pick(ORG_KIND_LABELS[org.kind])}</Tag> },
        { key: 'uscc', label: t('orgs.uscc'), children: org.uscc ? <Typography.Text code copyable>{org.uscc}</Typography.Text> : '—' },
        { key: 'district', label: t('orgs.district'), children: org.districtName ?? '—' },
        { key: 'industry', label: t('orgs.industry'), children: org.industryCode ? `${org.industryCode} ${org.industryName ?? ''}` : '—' },
        { key: 'size', label: t('orgs.sizeBand'), children: org.sizeBand ? pick(SIZE_BAND_LABELS[org.sizeBand]) : '—' },
        { key: 'founded', label: t('orgs.foundedOn'), children: formatDate(org.foundedOn) },
        ...(org.departmentCode
          ? [{ key: 'dept', label: t('orgs.department'), children: nameOf(departments.items, org.departmentCode) ?? org.departmentCode }]
          : []),
        { key: 'created', label: t('common.createdAt'), children: formatDateTime(org.createdAt) },
        { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(org.updatedAt) },
      ]}
    />
  );
}

export default function OrgDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const orgId = Number(id);
  const valid = Number.isInteger(orgId) && orgId > 0;
  const { data, error, loading, reload } = useApi<{ org: OrgDetail }>(valid ? `/orgs/${orgId}` : null);
  const [editing, setEditing] = useState(false);

  const back = (
    <Link to="/orgs">
      <ArrowLeftOutlined /> {t('orgs.backToList')}
    </Link>
  );
  if (!valid) return <ErrorState error={new ApiError(404, 'not_found', t('orgs.badId'))} />;
  if (loading && !data) return <PageLoading />;
  if (error) {
    return (
      <>
        {back}
        <ErrorState error={error} onRetry={reload} />
      </>
    );
  }
  if (!data) return <PageLoading />;
  const { org } = data;

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={org.name}
        extra={
          <>
            {org.kind === 'enterprise' && canSeeEnterpriseIndex(me, org.id) ? (
              <Link to={`/innovation-index/enterprise/${org.id}`} data-testid="org-index-link">
                <Button icon={<LineChartOutlined />}>{t('orgs.indexLink')}</Button>
              </Link>
            ) : null}
            {canEditOrg(me, org) ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card title={t('orgs.basicInfo')} size="small" style={{ marginBottom: 24 }}>
        <OrgInfo org={org} />
      </Card>
      <QualificationsCard org={org} onChanged={reload} />
      {org.kind === 'enterprise' ? <FiguresCard org={org} /> : null}
      {editing ? (
        <OrgEditModal
          org={org}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
