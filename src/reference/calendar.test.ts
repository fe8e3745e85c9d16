import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../funding/engine/lifecycle.js';
import { calendarProblems, type CalendarDay } from './calendar.js';

/** The 2026 entries the migration ships, read back from its SQL (so the test checks what is installed). */
function shipped2026(): CalendarDay[] {
  const sql = fs.readFileSync(new URL('../platform/db/migrations/20261130001400_work_calendar.sql', import.meta.url), 'utf8');
  return [...sql.matchAll(/\('(\d{4}-\d{2}-\d{2})', '(holiday|workday)', '([^']+)'\)/g)].map((m) => ({ date: m[1]!, kind: m[2] as CalendarDay['kind'], name: m[3]! }));
}

describe('working-day calendar', () => {
  it('the shipped 2026 calendar passes its own rules: 7 holidays, 33 days off, 6 调休 weekends', () => {
    const days = shipped2026();
    expect(calendarProblems(2026, days)).toEqual([]);
    expect(new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.name)).size).toBe(7);
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(33);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('公示 approved before 国庆 skips the holiday week and counts the 调休 Saturday', () => {
    const days = shipped2026();
    const holidays = new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date));
    const workdays = new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date));
    // Approved Tuesday 29 September: 30 Sep (1), 8 Oct (2), 9 Oct (3), Saturday 10 Oct (4, 调休), 12 Oct (5).
    expect(addWorkingDays('2026-09-29', 1, holidays, workdays)).toBe('2026-09-30');
    expect(addWorkingDays('2026-09-29', 5, holidays, workdays)).toBe('2026-10-12');
    // Without the calendar the same five days would end on 6 October, inside the holiday.
    expect(addWorkingDays('2026-09-29', 5)).toBe('2026-10-06');
    // 春节: approved Friday 13 February → Saturday 14 (调休) is the first day, then 24, 25, 26, 27 February.
    expect(addWorkingDays('2026-02-13', 1, holidays, workdays)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 5, holidays, workdays)).toBe('2026-02-27');
  });

  it('names the row and the reason for each bad entry', () => {
    const problems = calendarProblems(2027, [
      { date: '2027-02-30', kind: 'holiday', name: '春节' },
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-11', kind: 'workday', name: '调休' },
      { date: '2027-10-09', kind: 'workday', name: '  ' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['days[0].date', 'days[1].date', 'days[3].date', 'days[4].kind', 'days[5].name']);
    expect(problems[0]!.message).toContain('不是有效日期');
    expect(problems[1]!.message).toContain('不在 2027 年');
    expect(problems[2]!.message).toContain('与第 3 行重复');
    expect(problems[3]!.message).toContain('星期一');
  });
});
