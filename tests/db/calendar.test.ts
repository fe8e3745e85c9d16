import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarYear, publicityWindow, unknownYears } from '../../src/reference/calendar.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

describe('工作日历: the working-day calendar 公示 is counted on', () => {
  let t: TestApp;
  let admin: Session;
  let official: Session;

  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
    official = await signIn(t.app, 'official', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('ships 2026 (open to everyone); a year not entered says so', async () => {
    const y2026 = (await t.app.inject({ method: 'GET', url: '/api/reference/calendar/2026' })).json();
    expect(y2026).toMatchObject({ year: 2026, entered: true, holidays: 33, workdays: 6 });
    expect(y2026.days[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦', weekday: '星期四' });
    expect((await t.app.inject({ method: 'GET', url: '/api/reference/calendar/2031' })).json()).toMatchObject({ entered: false, days: [] });
    const bad = await t.app.inject({ method: 'GET', url: '/api/reference/calendar/19' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('year');
  });

  it('a year nobody entered comes from the State Council’s arrangements (the package); a year nobody has is unknown', async () => {
    const y2025 = await calendarYear(t.database.db, 2025);
    expect(y2025).toMatchObject({ year: 2025, entered: true, source: 'state_council' });
    expect(y2025.sourceLabel).toMatch(/^国务院办公厅公布的放假安排（chinese-days \d+\.\d+\.\d+）$/);
    // 2025 国庆 and 中秋: 10-01 … 10-08 off, Saturday 10-11 a 调休 working day (国办发明电〔2024〕12号).
    expect(y2025.days.filter((d) => d.date >= '2025-10-01' && d.date <= '2025-10-11').map((d) => `${d.date} ${d.kind}`)).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d} holiday`),
      '2025-10-11 workday',
    ]);
    // 公示 approved on 30 September 2025 starts on 9 October and counts the 调休 Saturday.
    expect(await publicityWindow(t.database.db, '2025-09-30', 5)).toEqual({ from: '2025-10-09', to: '2025-10-14', calendarEntered: true });
    expect(await unknownYears(t.database.db, [2025, 2026, 2031])).toEqual([2031]);
  });

  it('the 2026 entries shipped as data agree day for day with the State Council’s data in the package', async () => {
    const admin2026 = await calendarYear(t.database.db, 2026);
    expect(admin2026.source).toBe('admin');
    const { stateCouncilCalendar } = await import('../../src/reference/state-council.js');
    const pkg = stateCouncilCalendar();
    const fromPkg = [...pkg.holidays.keys()].filter((d) => d.startsWith('2026-')).map((d) => `${d} holiday`).concat([...pkg.workdays.keys()].filter((d) => d.startsWith('2026-')).map((d) => `${d} workday`)).sort();
    expect(admin2026.days.map((d) => `${d.date} ${d.kind}`)).toEqual(fromPkg);
  });

  it('公示 over 国庆 2026 ends after the holiday week, on the database’s calendar', async () => {
    expect(await publicityWindow(t.database.db, '2026-09-29', 5)).toEqual({ from: '2026-09-30', to: '2026-10-12', calendarEntered: true });
    expect((await publicityWindow(t.database.db, '2031-04-30', 5)).calendarEntered).toBe(false);
  });

  it('an administrator enters a year as a whole; a bad row names itself and nothing is written', async () => {
    const days = [
      { date: '2031-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2031-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2031-04-27', kind: 'workday', name: '劳动节调休' },
    ];
    const bad = await call(t.app, admin, 'PUT', '/api/reference/calendar/2031', { days: [...days, { date: '2031-05-06', kind: 'workday', name: '调休' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'days[3].kind' });
    expect(bad.json().error.message).toContain('星期二');
    expect((await t.app.inject({ method: 'GET', url: '/api/reference/calendar/2031' })).json().entered).toBe(false);
    expect((await call(t.app, official, 'PUT', '/api/reference/calendar/2031', { days })).statusCode).toBe(403);

    const saved = await call(t.app, admin, 'PUT', '/api/reference/calendar/2031', { days });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ entered: true, holidays: 2, workdays: 1, updatedBy: expect.any(String) });
    expect(saved.json().days.map((d: { date: string }) => d.date)).toEqual(['2031-04-27', '2031-05-01', '2031-05-02']);
    // Wednesday 30 April 2031: 1 May and 2 May are off, so the five working days are 5–9 May.
    expect(await publicityWindow(t.database.db, '2031-04-30', 5)).toEqual({ from: '2031-05-05', to: '2031-05-09', calendarEntered: true });
    // Saving again replaces the year; other years are untouched.
    await call(t.app, admin, 'PUT', '/api/reference/calendar/2031', { days: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/reference/calendar/2031' })).json().entered).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/reference/calendar/2026' })).json().holidays).toBe(33);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'reference.calendar.save').execute();
    expect(audit.map((a) => a.object_id)).toEqual(['2031', '2031']);
  });
});
