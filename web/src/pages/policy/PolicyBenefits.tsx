/**
 * 免申即享 (GET /api/policy/benefits/:orgId): one enterprise's results in the latest finished
 * run. An enterprise user sees its own; administrators and officials pick one (?tab=benefits&org=ID).
 * Summary (items receivable directly, exact total, "最高" ceilings total decided by review, run
 * and data day), 「无需申请即可享受」, 「补充信息后可能享受」 with the missing facts named and a way
 * to supply them (the calculator, pre-set; or the organisation page for facts from the records),
 * and the 不符合 items collapsed, set-aside ones with their reason.
 */
import { Alert, Button, Card, Col, Collapse, Empty, Flex, List, Result, Row, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { PageLoading } from '../../components/PageLoading.js';
import { PolicyTag } from '../../components/PolicyTag.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import { formatFenExact } from '../../lib/money.js';
import { useItemPolicy } from '../../lib/policies.js';
import { useMe } from '../../lib/session.js';
import type { Benefits, EnterpriseBenefit } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { factLabel, isDeclared, useFactCatalogue } from './facts.js';
import { ChannelTag } from './PolicyItemCard.js';
import { relevanceOf } from './CalcResults.js';
import { useDepartmentName } from './useDepartmentName.js';

/** The amount of an eligible item: exact, a range, or 「最高 X 万元（经评审确定）」 — never a ceiling as an entitlement. */
export function useBenefitAmount() {
  const { t } = useI18n();
  return (b: Pick<EnterpriseBenefit, 'kind' | 'amount'>): string | null => {
    if (!b.amount) return null;
    const max = formatFenExact(b.amount.max);
    if (b.kind === 'ceiling') return t('policy.amount.ceiling', { amount: max });
    if (b.amount.min === b.amount.max) return t('policy.amount.exact', { amount: max });
    return t('policy.amount.range', { min: formatFenExact(b.amount.min), max });
  };
}

function parseOrg(raw: string | null): number | undefined {
  const n = Number(raw);
  return raw && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function BenefitRow({ b, orgId, mayPick }: { b: EnterpriseBenefit; orgId: number; mayPick: boolean }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const deptName = useDepartmentName();
  const policyOf = useItemPolicy();
  const amountText = useBenefitAmount()(b);
  useFactCatalogue();
  const missing = b.relevanceMissing ?? b.missing;
  const declared = missing.filter((m) => isDeclared(m.fact)).map((m) => m.fact);
  const fromRecords = missing.some((m) => !isDeclared(m.fact));
  const relevance = relevanceOf(b);

  function toCalculator() {
    const q = new URLSearchParams({ tab: 'calculator', item: b.itemId, fill: declared.join(',') });
    if (mayPick) q.set('org', String(orgId));
    void navigate(`/policy?${q.toString()}`);
  }

  const actions =
    relevance === 'might'
      ? [
          ...(declared.length > 0
            ? [
                <Button key="calc" size="small" onClick={toCalculator} data-testid={`benefit-calc-${b.itemId}`}>
                  {t('policy.benefits.toCalculator')}
                </Button>,
              ]
            : []),
          ...(fromRecords
            ? [
                <Link key="records" to={`/orgs/${orgId}`}>
                  {t('policy.benefits.toRecords')}
                </Link>,
              ]
            : []),
        ]
      : [];

  return (
    <List.Item data-testid={`benefit-${b.itemId}`} data-status={b.status} data-relevance={relevance} actions={actions}>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        <Flex gap={8} wrap align="center">
          <Tag style={{ marginInlineEnd: 0 }}>{t('policy.measureNo', { n: b.measure })}</Tag>
          <Typography.Text strong>{b.title}</Typography.Text>
          <PolicyTag code={policyOf(b.itemId)} />
          <ChannelTag channel={b.channel} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('policy.benefits.departments', { list: b.departments.map(deptName).join(t('common.listSep')) })}
        </Typography.Text>
        {b.status === 'eligible' ? (
          <Typography.Text strong style={{ color: b.kind === 'ceiling' ? undefined : '#389e0d' }} data-testid="benefit-amount">
            {amountText ?? t('policy.amount.none')}
          </Typography.Text>
        ) : null}
        {relevance === 'might' ? (
          <Typography.Text data-testid="benefit-missing">
            {missing.length > 0 ? (
              <>
                <Typography.Text type="secondary">{t('policy.benefits.missing')}</Typography.Text>
                {missing.map((m, i) => (
                  <span key={m.fact}>
                    {i > 0 ? t('common.listSep') : null}
                    <Typography.Text mark={isDeclared(m.fact)}>{lang === 'en' ? (factLabel(m.fact)?.en ?? m.label) : m.label}</Typography.Text>
                  </span>
                ))}
              </>
            ) : (
              <Typography.Text type="secondary">{t('policy.benefits.missingUnknown')}</Typography.Text>
            )}
          </Typography.Text>
        ) : null}
        {relevance === 'cannot' && b.relevanceReason && !b.setAside ? (
          <Typography.Text type="secondary" data-testid="benefit-reason">
            {b.relevanceReason}
          </Typography.Text>
        ) : null}
        {b.setAside ? <Typography.Text type="warning">{t('policy.benefits.setAside', { reason: b.setAside })}</Typography.Text> : null}
      </Flex>
    </List.Item>
  );
}

function BenefitList({ list, empty, orgId, mayPick, testId }: { list: EnterpriseBenefit[]; empty: string; orgId: number; mayPick: boolean; testId?: string }) {
  return (
    <div data-testid={testId}>
      <List
        size="small"
        dataSource={list}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        renderItem={(b) => <BenefitRow key={b.itemId} b={b} orgId={orgId} mayPick={mayPick} />}
      />
    </div>
  );
}

function BenefitsView({ data, orgId, orgName, mayPick }: { data: Benefits; orgId: number; orgName: string | null; mayPick: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const run = data.run;
  if (!run) {
    return (
      <Result
        status="info"
        title={t('policy.benefits.noRun')}
        subTitle={mayPick ? t('policy.benefits.noRunOffice') : undefined}
        extra={mayPick ? <Button onClick={() => void navigate('/policy?tab=batch')}>{t('policy.benefits.goBatch')}</Button> : null}
        data-testid="benefits-no-run"
      />
    );
  }
  if (data.benefits.length === 0) {
    return <Alert type="warning" showIcon title={t('policy.benefits.notInRun', { day: run.dataDay })} data-testid="benefits-not-in-run" />;
  }
  // Applies first, then what might with more information; what cannot apply (适用对象 excludes this enterprise,
  // or it fails the conditions, or it was set aside) stays folded under 显示全部.
  const eligible = data.benefits.filter((b) => relevanceOf(b) === 'applies');
  const needsInput = data.benefits.filter((b) => relevanceOf(b) === 'might');
  const notEligible = data.benefits.filter((b) => relevanceOf(b) === 'cannot');
  const setAside = notEligible.filter((b) => b.setAside);
  const entitlement = formatFenExact(data.entitlementFen);
  const ceiling = formatFenExact(data.ceilingFen);

  return (
    <Flex vertical gap={16} data-testid="benefits">
      <Card size="small" title={orgName ? t('policy.benefits.title', { name: orgName }) : undefined}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('policy.benefits.eligibleCount')} value={eligible.length} suffix={t('policy.benefits.itemsUnit')} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('policy.benefits.entitlement')} value={entitlement} suffix={t('money.wan')} styles={data.entitlementFen > 0 ? { content: { color: '#389e0d' } } : undefined} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('policy.benefits.ceiling')} value={ceiling} suffix={t('money.wan')} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('policy.benefits.needsInputCount')} value={needsInput.length} suffix={t('policy.benefits.itemsUnit')} />
          </Col>
        </Row>
        <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 4 }} data-testid="benefits-summary">
          {t('policy.benefits.summary', { n: eligible.length, entitlement, ceiling })}
        </Typography.Paragraph>
        <Typography.Text type="secondary" data-testid="benefits-basis">
          {t('policy.benefits.basis', { time: formatDateTime(run.finishedAt), id: run.id, day: run.dataDay })}
        </Typography.Text>
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('policy.benefits.note')} />
      </Card>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {eligible.length}
            </Tag>
            {t('policy.benefits.eligibleTitle')}
          </Flex>
        }
      >
        <BenefitList list={eligible} empty={t('policy.benefits.emptyEligible')} orgId={orgId} mayPick={mayPick} testId="benefits-eligible" />
      </Card>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {needsInput.length}
            </Tag>
            {t('policy.benefits.needsInputTitle')}
          </Flex>
        }
      >
        <BenefitList list={needsInput} empty={t('policy.benefits.emptyNeedsInput')} orgId={orgId} mayPick={mayPick} testId="benefits-needs-input" />
      </Card>
      <Collapse
        items={[
          {
            key: 'not',
            label: (
              <span>
                {t('policy.rel.showAll', { n: notEligible.length })}
                {setAside.length > 0 ? (
                  <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
                    {t('policy.benefits.setAsideCount', { n: setAside.length })}
                  </Typography.Text>
                ) : null}
              </span>
            ),
            children: <BenefitList list={notEligible} empty={t('policy.benefits.emptyNotEligible')} orgId={orgId} mayPick={mayPick} testId="benefits-not-eligible" />,
          },
        ]}
      />
    </Flex>
  );
}

export function PolicyBenefits() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const mayPick = me.role === 'admin' || me.role === 'official';
  const orgId = me.role === 'enterprise' ? (me.orgId ?? undefined) : mayPick ? parseOrg(params.get('org')) : undefined;
  const state = useApi<Benefits>(orgId !== undefined ? `/policy/benefits/${orgId}` : null);
  const orgName = me.role === 'enterprise' ? me.orgName : null;

  function pick(id: number | undefined) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', 'benefits');
        if (id === undefined) next.delete('org');
        else next.set('org', String(id));
        return next;
      },
      { replace: true },
    );
  }

  let body;
  if (me.role === 'enterprise' && orgId === undefined) body = <Alert type="warning" showIcon title={t('policy.benefits.noOwnOrg')} />;
  else if (orgId === undefined) body = <Empty description={t('policy.benefits.noOrg')} />;
  else if (state.error) body = <ErrorState error={state.error} onRetry={state.reload} />;
  else if (!state.data || state.loading) body = <PageLoading />;
  else body = <BenefitsView data={state.data} orgId={orgId} orgName={orgName} mayPick={mayPick} />;

  return (
    <Flex vertical gap={16}>
      {mayPick ? (
        <Card size="small">
          <Flex gap={12} wrap align="center">
            <Typography.Text>{t('policy.benefits.org')}</Typography.Text>
            <div style={{ flex: '1 1 360px', minWidth: 260, maxWidth: 640 }} data-testid="benefits-org">
              <OrgSelect kinds={['enterprise']} value={orgId} onChange={pick} />
            </div>
            <Typography.Text type="secondary">{t('policy.benefits.pickOrg')}</Typography.Text>
          </Flex>
        </Card>
      ) : null}
      {body}
    </Flex>
  );
}
