import { describe, expect, it } from 'vitest';
import { clearRow, isWeekend, monthCells, placeRowErrors, removeRow, suzhouYear, toBody, weekdayIndex, withoutRowPrefix, yearFromParam } from './calendarForm.js';

describe('工作日历 page helpers', () => {
  it('takes this year in Suzhou, whatever the browser’s zone', () => {
    // 31 Dec 2026 17:00 UTC is already 1 Jan 2027 in Suzhou (UTC+8).
    expect(suzhouYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(suzhouYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('keeps a whole year the API accepts from the URL, else the fallback', () => {
    expect(yearFromParam('2031', 2026)).toBe(2031);
    expect(yearFromParam(undefined, 2026)).toBe(2026);
    for (const bad of ['', '31', '2031.5', '1999', '2101', 'abcd', ' 2031']) expect(yearFromParam(bad, 2026)).toBe(2026);
  });

  it('names weekdays of plain dates', () => {
    expect(weekdayIndex('2026-01-01')).toBe(4); // 星期四, as the API says
    expect(weekdayIndex('2031-04-27')).toBe(0);
    expect(isWeekend('2031-04-27')).toBe(true);
    expect(isWeekend('2031-05-06')).toBe(false);
  });

  it('sends the rows in the table’s order, names trimmed', () => {
    expect(
      toBody([
        { date: '2031-05-01', kind: 'holiday', name: ' 劳动节 ' },
        { date: undefined, kind: 'workday', name: '调休' },
      ]),
    ).toEqual({ days: [{ date: '2031-05-01', kind: 'holiday', name: '劳动节' }, { date: '', kind: 'workday', name: '调休' }] });
  });

  it('places the calendar rules’ problems on their rows and fields, without the row number', () => {
    // As saveCalendarYear answers: the first problem as field/message, all of them in details.
    const err = {
      field: 'days[1].kind',
      message: '第 2 行：2031-05-06 是星期二，本就是工作日，调休上班只能设在周末',
      details: [
        { field: 'days[1].kind', message: '第 2 行：2031-05-06 是星期二，本就是工作日，调休上班只能设在周末' },
        { field: 'days[1].name', message: '第 2 行：请填写节日名称' },
        { field: 'days[3].date', message: '第 4 行：2031-05-01 与第 1 行重复' },
      ],
    };
    const placed = placeRowErrors(err, 4);
    expect(placed.rows).toEqual({
      1: { kind: ['2031-05-06 是星期二，本就是工作日，调休上班只能设在周末'], name: ['请填写节日名称'] },
      3: { date: ['2031-05-01 与第 1 行重复'] },
    });
    expect(placed.other).toEqual([]);
  });

  it('places the body schema’s paths too; the rest is said above the table', () => {
    // The zod validation of the body: "days.2.name" paths and a message prefixed with the path.
    const zod = {
      field: 'days.2.name',
      message: '请求体字段 days.2.name：名称不超过 20 字',
      details: [
        { field: 'days.2.name', message: '名称不超过 20 字' },
        { field: 'days.0', message: '应为对象' },
        { field: 'days', message: '一年最多 366 天' },
        { field: 'days.9.kind', message: '类型应为 holiday（放假）或 workday（调休上班）' },
      ],
    };
    const placed = placeRowErrors(zod, 3);
    expect(placed.rows).toEqual({ 2: { name: ['名称不超过 20 字'] }, 0: { date: ['应为对象'] } });
    expect(placed.other).toEqual(['一年最多 366 天', '类型应为 holiday（放假）或 workday（调休上班）']);
    // No details at all: the message alone, above the table.
    expect(placeRowErrors({ field: 'year', message: '年份不晚于 2100' }, 3)).toEqual({ rows: {}, other: ['年份不晚于 2100'] });
    expect(placeRowErrors({ message: '请求体不是合法的 JSON' }, 0).other).toEqual(['请求体不是合法的 JSON']);
    expect(withoutRowPrefix('第 12 行：x')).toBe('x');
    expect(withoutRowPrefix('不在 2031 年')).toBe('不在 2031 年');
  });

  it('drops an edited row’s messages and moves later rows up when one is removed', () => {
    const errors = { 0: { date: ['a'] }, 2: { kind: ['b'] }, 3: { name: ['c'] } };
    expect(clearRow(errors, 2)).toEqual({ 0: { date: ['a'] }, 3: { name: ['c'] } });
    expect(clearRow(errors, 1)).toBe(errors);
    expect(removeRow(errors, 1)).toEqual({ 0: { date: ['a'] }, 1: { kind: ['b'] }, 2: { name: ['c'] } });
    expect(removeRow(errors, 2)).toEqual({ 0: { date: ['a'] }, 2: { name: ['c'] } });
  });

  it('lays a month out in weeks from Monday', () => {
    const may = monthCells(2031, 5); // Thursday 1 May 2031
    expect(may.slice(0, 4)).toEqual([null, null, null, '2031-05-01']);
    expect(may).toHaveLength(3 + 31);
    expect(monthCells(2028, 2).filter(Boolean)).toHaveLength(29); // leap year
    expect(monthCells(2026, 2).indexOf('2026-02-01')).toBe(6); // Sunday 1 Feb 2026: six blanks first
    expect(monthCells(2029, 1)[0]).toBe('2029-01-01'); // a Monday
  });
});
