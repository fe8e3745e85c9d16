/**
 * 排名 (officials, administrators): GET /api/index/scores of the latest run, filtered by grade,
 * district, industry section, size, stage, name and 待人工复核, server-paged; every filter and the
 * page live in the URL. Excluded enterprises show their reason in place of a score.
 */
import { Button, Checkbox, Flex, Select, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { SIZE_BAND_LABELS, SIZE_BANDS } from '../../../../src/shared/enums.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { SearchInput } from '../../components/SearchInput.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { formatPercentile, formatRankRange, formatScore, formatShare } from './format.js';
import { GradeTag, useIndexNames, useMethodInfo } from './parts.js';
import { enterprisePath } from './paths.js';
import { STAGES, type GradeDef, type RankingRow } from './types.js';

export const RANKING_FILTER_KEYS = ['grade', 'district', 'section', 'sizeBand', 'stage', 'q', 'flagged', 'review'] as const;

/** The tag of an enterprise whose 90% rank interval straddles a cut-off. */
/** A grade flagged for human review: 待复核 until an official decides, then 已确认 / 已调整为 X. */
export function ReviewTag({ flag, cutoffs, review }: { flag: string | null; cutoffs?: readonly { code: string; label: string }[]; review?: { status: string; grade: string | null } | null }) {
  const { t } = useI18n();
  if (!flag) return null;
  const names = flag.split(',').map((c) => cutoffs?.find((x) => x.code === c)?.label ?? c);
  const status = review?.status ?? 'pending';
  const text = status === 'confirmed' ? t('index.review.confirmed') : status === 'adjusted' ? t('index.review.adjusted', { grade: review?.grade ?? '' }) : t('index.review.tag');
  return (
    <Tooltip title={t('index.review.hint', { cutoffs: names.join(t('common.listSep')) })}>
      <Tag color={status === 'pending' ? 'orange' : status === 'adjusted' ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }} data-testid="index-review-tag" data-status={status}>
        {text}
      </Tag>
    </Tooltip>
  );
}

function RankingFilters({ grades }: { grades: readonly GradeDef[] }) {
  const { t, pick } = useI18n();
  const names = useIndexNames();
  const qp = useQueryParams();
  const districts = useReference('districts');
  const industries = useReference('industries');
  const any = RANKING_FILTER_KEYS.some((k) => qp.get(k) !== undefined);
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
      <SearchInput value={qp.get('q')} onSearch={(v) => qp.update({ q: v })} placeholder={t('index.filter.q')} width={260} testId="index-filter-q" />
      <Select
        allowClear
        placeholder={t('index.filter.grade')}
        value={qp.get('grade')}
        onChange={(v: string | undefined) => qp.update({ grade: v })}
        options={grades.map((g) => ({ value: g.grade, label: `${g.grade} ${g.label}` }))}
        style={{ width: 120 }}
        data-testid="index-filter-grade"
        aria-label={t('index.filter.grade')}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('index.filter.district')}
        value={qp.get('district')}
        loading={districts.loading}
        onChange={(v: string | undefined) => qp.update({ district: v })}
        options={districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
        style={{ width: 150 }}
        aria-label={t('index.filter.district')}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('index.filter.section')}
        value={qp.get('section')}
        loading={industries.loading}
        onChange={(v: string | undefined) => qp.update({ section: v })}
        options={industries.items.filter((i) => i.level === 'section').map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
        style={{ width: 220 }}
        popupMatchSelectWidth={false}
        aria-label={t('index.filter.section')}
      />
      <Select
        allowClear
        placeholder={t('index.filter.sizeBand')}
        value={qp.get('sizeBand')}
        onChange={(v: string | undefined) => qp.update({ sizeBand: v })}
        options={SIZE_BANDS.map((s) => ({ value: s, label: pick(SIZE_BAND_LABELS[s]) }))}
        style={{ width: 100 }}
        aria-label={t('index.filter.sizeBand')}
      />
      <Select
        allowClear
        placeholder={t('index.filter.stage')}
        value={qp.get('stage')}
        onChange={(v: string | undefined) => qp.update({ stage: v })}
        options={STAGES.map((s) => ({ value: s, label: names.stage(s) }))}
        style={{ width: 100 }}
        aria-label={t('index.filter.stage')}
      />
      <Checkbox checked={qp.get('flagged') === 'true'} onChange={(e) => qp.update({ flagged: e.target.checked ? 'true' : undefined })} data-testid="index-filter-flagged">
        {t('index.filter.flagged')}
      </Checkbox>
      <Select
        allowClear
        placeholder={t('index.filter.review')}
        value={qp.get('review')}
        onChange={(v: string | undefined) => qp.update({ review: v })}
        options={[
          { value: 'pending', label: t('index.filter.reviewPending') },
          { value: 'done', label: t('index.filter.reviewDone') },
        ]}
        style={{ width: 120 }}
        aria-label={t('index.filter.review')}
        data-testid="index-filter-review"
      />
      {any ? (
        <Button onClick={() => qp.clear(RANKING_FILTER_KEYS)} data-testid="index-clear-filters">
          {t('orgs.clearFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}

const rowAttrs = (r: RankingRow) => ({ 'data-testid': `index-row-${r.orgId}`, 'data-grade': r.grade ?? '' }) as HTMLAttributes<HTMLElement>;

export function Ranking() {
  const { t, pick } = useI18n();
  const names = useIndexNames();
  const qp = useQueryParams();
  const { grades, cutoffs } = useMethodInfo(true);
  const filters = {
    grade: qp.get('grade'),
    district: qp.get('district'),
    section: qp.get('section'),
    sizeBand: oneOf(SIZE_BANDS, qp.get('sizeBand')),
    stage: oneOf(STAGES, qp.get('stage')),
    q: qp.get('q'),
    flagged: qp.get('flagged') === 'true' ? 'true' : undefined,
    review: oneOf(['pending', 'done'] as const, qp.get('review')),
  };
  const list = usePagedList<RankingRow>(qp, '/index/scores', filters, 20);
  // The cohort's industry by name ("科学研究和技术服务业"), not its GB/T 4754 letter.
  const industries = useReference('industries');
  const sectionName = (code: string | null) => (code ? (industries.items.find((i) => i.code === code)?.name ?? code) : '—');

  const columns: TableProps<RankingRow>['columns'] = [
    { key: 'position', title: t('index.col.position'), dataIndex: 'position', width: 70, align: 'right' },
    {
      key: 'name',
      title: t('index.col.name'),
      render: (_, r) => (
        <Link to={enterprisePath(r.orgId)} data-testid="index-row-link">
          {r.name}
        </Link>
      ),
    },
    { key: 'district', title: t('index.col.district'), dataIndex: 'district', width: 120, render: (v: string | null) => v ?? '—' },
    {
      key: 'cohort',
      title: t('index.col.cohort'),
      width: 200,
      render: (_, r) => (
        <Typography.Text type="secondary">
          {sectionName(r.section)} · {r.sizeBand && (SIZE_BANDS as readonly string[]).includes(r.sizeBand) ? pick(SIZE_BAND_LABELS[r.sizeBand as (typeof SIZE_BANDS)[number]]) : '—'} · {names.stage(r.stage)}
        </Typography.Text>
      ),
    },
    {
      key: 'score',
      title: t('index.col.score'),
      align: 'right',
      width: 110,
      onCell: (r) => (r.excluded ? { colSpan: 5, style: { textAlign: 'start' } } : {}),
      render: (_, r) =>
        r.excluded ? (
          <Typography.Text type="secondary" data-testid="index-excluded">
            {r.excluded}
          </Typography.Text>
        ) : (
          <Typography.Text strong data-testid="index-row-score">
            {formatScore(r.score)}
          </Typography.Text>
        ),
    },
    { key: 'grade', title: t('index.col.grade'), width: 100, onCell: (r) => (r.excluded ? { colSpan: 0 } : {}), render: (_, r) => <GradeTag grade={r.grade} grades={grades} /> },
    {
      key: 'percentile',
      title: <Tooltip title={t('index.col.percentileHint')}>{t('index.col.percentile')}</Tooltip>,
      width: 100,
      align: 'right',
      onCell: (r) => (r.excluded ? { colSpan: 0 } : {}),
      render: (_, r) => formatPercentile(r.percentile),
    },
    {
      key: 'coverage',
      title: <Tooltip title={t('index.col.coverageHint')}>{t('index.col.coverage')}</Tooltip>,
      width: 90,
      align: 'right',
      onCell: (r) => (r.excluded ? { colSpan: 0 } : {}),
      render: (_, r) => <Typography.Text type={r.coverage < 0.8 ? 'warning' : undefined}>{formatShare(r.coverage)}</Typography.Text>,
    },
    {
      key: 'robust',
      title: <Tooltip title={t('index.col.robustHint')}>{t('index.col.robust')}</Tooltip>,
      width: 140,
      align: 'right',
      onCell: (r) => (r.excluded ? { colSpan: 0 } : {}),
      render: (_, r) => (r.robustRank ? formatRankRange(r.robustRank) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'review', title: t('index.col.review'), width: 100, render: (_, r) => <ReviewTag flag={r.reviewFlag} cutoffs={cutoffs} review={r.review} /> },
  ];

  return (
    <>
      <RankingFilters grades={grades} />
      <LoadErrorAlert error={list.error} onRetry={list.reload} testId="index-ranking-error" />
      <div data-testid="index-ranking" data-total={list.data?.total ?? ''}>
        <PagedTable<RankingRow>
          list={list}
          rowKey="orgId"
          columns={columns}
          onRow={rowAttrs}
          size="middle"
          empty={list.error ? t('error.loadFailed') : <FilteredEmpty qp={qp} filterKeys={RANKING_FILTER_KEYS} all={t('index.ranking.empty')} filtered={t('index.ranking.emptyFiltered')} />}
          scroll={{ x: 1100 }}
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('index.ranking.note')}
      </Typography.Paragraph>
    </>
  );
}
