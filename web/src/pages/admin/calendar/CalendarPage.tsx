/**
 * 工作日历 (admin, /admin/calendar?year=): the year's 法定节假日 and 调休上班日 that 公示 is
 * counted on (GET /api/reference/calendar/:year). A year picker (default: this year in
 * Suzhou, kept in the URL), a warning when the year has not been entered (公示 then
 * skips weekends only), the totals with who saved last and when, and the editable
 * table (CalendarEditor) that replaces the year as a whole, and a read-only month
 * overview of what is saved (MonthOverview). Leaving a year with unsaved edits asks first.
 */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../components/ErrorState.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PageLoading } from '../../../components/PageLoading.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { moduleByKey } from '../../../lib/modules.js';
import type { CalendarYear } from '../../../lib/types.js';
import { useApi } from '../../../lib/useApi.js';
import { useQueryParams } from '../../../lib/useQueryParams.js';
import { CalendarEditor } from './CalendarEditor.js';
import { MAX_YEAR, MIN_YEAR, suzhouYear, yearFromParam } from './calendarForm.js';
import { MonthOverview } from './MonthOverview.js';

export default function CalendarPage() {
  const { t, pick } = useI18n();
  const { modal } = App.useApp();
  const mod = moduleByKey('calendar');
  const qp = useQueryParams();
  const year = yearFromParam(qp.get('year'), suzhouYear());
  const loaded = useApi<CalendarYear>(`/reference/calendar/${year}`);
  // What the table starts from: the last load, or the answer of the last save; a new one remounts the editor.
  const [shown, setShown] = useState<{ data: CalendarYear; version: number } | null>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (loaded.data) setShown((s) => ({ data: loaded.data!, version: (s?.version ?? 0) + 1 }));
  }, [loaded.data]);

  const goTo = (next: number) => {
    if (next === year || next < MIN_YEAR || next > MAX_YEAR) return;
    const go = () => {
      setDirty(false);
      qp.update({ year: next });
    };
    if (!dirty) return go();
    modal.confirm({
      title: t('calendar.unsavedTitle'),
      content: t('calendar.unsavedHint', { year: next }),
      okText: t('calendar.discard'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: go,
    });
  };

  const data = shown && shown.data.year === year ? shown.data : undefined;

  return (
    <>
      <PageHeader
        title={pick(mod.label)}
        subtitle={pick(mod.description)}
        extra={
          <Flex gap={4} align="center">
            <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} title={t('calendar.prevYear')} onClick={() => goTo(year - 1)} data-testid="calendar-prev" />
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              minDate={dayjs(`${MIN_YEAR}-01-01`)}
              maxDate={dayjs(`${MAX_YEAR}-12-31`)}
              onChange={(v) => v && goTo(v.year())}
              aria-label={t('calendar.year')}
              style={{ width: 120 }}
              data-testid="calendar-year"
            />
            <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} title={t('calendar.nextYear')} onClick={() => goTo(year + 1)} data-testid="calendar-next" />
          </Flex>
        }
      />
      {loaded.error ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div data-testid="calendar-page" data-year={data.year} data-entered={String(data.entered)}>
          {data.entered ? null : (
            <Alert type="warning" showIcon title={t('calendar.notEntered')} description={t('calendar.notEnteredHint')} style={{ marginBottom: 16 }} data-testid="calendar-not-entered" />
          )}
          <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }} data-testid="calendar-totals">
            <Tag color={data.entered ? 'blue' : 'default'} style={{ fontSize: 14, padding: '2px 10px' }}>
              {t('calendar.totals', { holidays: data.holidays, workdays: data.workdays })}
            </Tag>
            <Typography.Text data-testid="calendar-source" data-source={data.source}>
              {t('calendar.source')}
              {data.sourceLabel}
            </Typography.Text>
            {data.updatedAt ? (
              <Typography.Text type="secondary" data-testid="calendar-updated">
                {data.updatedBy
                  ? t('calendar.updated', { by: data.updatedBy, at: formatDateTime(data.updatedAt) })
                  : t('calendar.updatedShipped', { at: formatDateTime(data.updatedAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {t('calendar.rules')}
          </Typography.Paragraph>
          <CalendarEditor
            key={`${data.year}:${shown!.version}`}
            data={data}
            onDirty={setDirty}
            onSaved={(saved) => {
              setDirty(false);
              setShown((s) => ({ data: saved, version: (s?.version ?? 0) + 1 }));
            }}
          />
          <MonthOverview data={data} />
        </div>
      )}
    </>
  );
}
