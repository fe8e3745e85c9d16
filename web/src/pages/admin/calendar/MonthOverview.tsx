/**
 * A read-only glance at the saved year: twelve small months (weeks from Monday), days
 * off in red, 调休 working days in blue, other weekends greyed; a day's name on hover.
 * Drawn from the server's answer, not from unsaved edits.
 */
import { Collapse, Flex, Tag, Typography, theme } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../../../lib/i18n.js';
import type { CalendarYear } from '../../../lib/types.js';
import { isWeekend, monthCells } from './calendarForm.js';

export function MonthOverview({ data }: { data: CalendarYear }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const byDate = new Map(data.days.map((d) => [d.date, d]));
  const heads = t('calendar.weekdayShort').split(',');

  const cellStyle = (date: string): CSSProperties => {
    const day = byDate.get(date);
    const base: CSSProperties = { textAlign: 'center', fontSize: 12, lineHeight: '22px', borderRadius: 4 };
    if (day?.kind === 'holiday') return { ...base, background: token.colorErrorBg, color: token.colorError, fontWeight: 600 };
    if (day?.kind === 'workday') return { ...base, background: token.colorPrimaryBg, color: token.colorPrimary, fontWeight: 600 };
    return isWeekend(date) ? { ...base, color: token.colorTextQuaternary } : base;
  };

  const months = Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
    <div key={m} style={{ width: 196 }} data-testid={`calendar-month-${m}`}>
      <Typography.Text strong>{t('calendar.month', { m })}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}>
        {heads.map((h) => (
          <div key={h} style={{ textAlign: 'center', fontSize: 11, color: token.colorTextSecondary }}>
            {h}
          </div>
        ))}
        {monthCells(data.year, m).map((date, i) =>
          date ? (
            <div key={date} style={cellStyle(date)} title={byDate.get(date) ? `${date} ${byDate.get(date)!.name}` : date} data-kind={byDate.get(date)?.kind}>
              {Number(date.slice(8))}
            </div>
          ) : (
            <div key={`blank-${i}`} />
          ),
        )}
      </div>
    </div>
  ));

  return (
    <Collapse
      style={{ marginTop: 24 }}
      items={[
        {
          key: 'overview',
          label: (
            <Flex gap={8} align="center" wrap>
              <span>{t('calendar.overview')}</span>
              <Typography.Text type="secondary">{t('calendar.overviewHint')}</Typography.Text>
              <Tag color="red">{t('calendar.kind.holiday')}</Tag>
              <Tag color="blue">{t('calendar.kind.workday')}</Tag>
            </Flex>
          ),
          children: (
            <Flex gap={24} wrap data-testid="calendar-overview">
              {months}
            </Flex>
          ),
        },
      ]}
    />
  );
}
