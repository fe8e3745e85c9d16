/**
 * The working-day calendar (工作日历): public holidays and 调休 weekends that are working days.
 * For each year, in order: the administrator's entries (they override), else the State Council's
 * arrangements from the maintained package (src/reference/state-council.ts), else the year is unknown —
 * counted Monday to Friday, and the pages and the administrators' to-do say so (`entered: false`), never
 * silently treated as complete. Funding counts 公示 on it (src/funding/applications.ts).
 */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import { addWorkingDays } from '../funding/engine/lifecycle.js';
import { stateCouncilCalendar } from './state-council.js';

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
const realDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * Why a year's entries cannot be saved, one message per bad field (`days[i].date`, …),
 * or an empty list. Pure: the same rules for the API and its tests.
 */
export function calendarProblems(year: number, days: readonly CalendarDay[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    const at = `days[${i}]`;
    if (!realDate(d.date)) return problems.push({ field: `${at}.date`, message: `第 ${i + 1} 行：“${d.date}”不是有效日期（YYYY-MM-DD）` });
    if (Number(d.date.slice(0, 4)) !== year) return problems.push({ field: `${at}.date`, message: `第 ${i + 1} 行：${d.date} 不在 ${year} 年` });
    const first = seen.get(d.date);
    if (first !== undefined) return problems.push({ field: `${at}.date`, message: `第 ${i + 1} 行：${d.date} 与第 ${first + 1} 行重复` });
    seen.set(d.date, i);
    if (d.kind === 'workday' && !isWeekend(d.date)) problems.push({ field: `${at}.kind`, message: `第 ${i + 1} 行：${d.date} 是星期${WEEKDAY[weekdayOf(d.date)]}，本就是工作日，调休上班只能设在周末` });
    if (!d.name.trim()) problems.push({ field: `${at}.name`, message: `第 ${i + 1} 行：请填写节日名称` });
    return undefined;
  });
  return problems;
}

export type CalendarSource = 'admin' | 'state_council' | 'none';

/**
 * A year as the platform counts it: its days, where they come from, and whether the year is known at all
 * (`entered`: false when neither an administrator nor the State Council's data has it).
 */
export async function calendarYear(db: Kysely<DB>, year: number) {
  const rows = await db
    .selectFrom('work_calendar as c')
    .leftJoin('users as u', 'u.id', 'c.updated_by')
    .select(['c.day', 'c.kind', 'c.name', 'c.updated_at', 'u.display_name'])
    .where('c.day', '>=', `${year}-01-01`)
    .where('c.day', '<=', `${year}-12-31`)
    .orderBy('c.day')
    .execute();
  const pkg = stateCouncilCalendar();
  const source: CalendarSource = rows.length ? 'admin' : pkg.years.has(year) ? 'state_council' : 'none';
  const latest = rows.reduce<(typeof rows)[number] | null>((a, r) => (!a || new Date(r.updated_at) > new Date(a.updated_at) ? r : a), null);
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const days =
    source === 'admin'
      ? rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name }))
      : source === 'state_council'
        ? [
            ...[...pkg.holidays].filter(([d]) => inYear(d)).map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
            ...[...pkg.workdays].filter(([d]) => inYear(d)).map(([date, name]) => ({ date, kind: 'workday' as const, name })),
          ].sort((a, b) => a.date.localeCompare(b.date))
        : [];
  return {
    year,
    entered: source !== 'none',
    source,
    sourceLabel: source === 'admin' ? '管理员录入（优先于国务院办公厅安排）' : source === 'state_council' ? `国务院办公厅公布的放假安排（chinese-days ${pkg.version}）` : '尚未公布或录入：公示期只跳过周末',
    days: days.map((d) => ({ ...d, weekday: `星期${WEEKDAY[weekdayOf(d.date)]}` })),
    holidays: days.filter((d) => d.kind === 'holiday').length,
    workdays: days.filter((d) => d.kind === 'workday').length,
    updatedAt: latest ? new Date(latest.updated_at).toISOString() : null,
    updatedBy: latest?.display_name ?? null,
  };
}

/** Years among `years` that neither an administrator nor the State Council's data has (for the administrators' to-do). */
export async function unknownYears(db: Pick<Kysely<DB>, 'selectFrom'>, years: readonly number[]): Promise<number[]> {
  const cal = await workingCalendar(db);
  return years.filter((y) => !cal.years.has(y));
}

/** Replaces a year's entries in one transaction (all or nothing), audited. */
export async function saveCalendarYear(db: Kysely<DB>, actor: Actor, userId: number, year: number, days: readonly CalendarDay[]) {
  const problems = calendarProblems(year, days);
  if (problems.length) throw new AppError('VALIDATION', 400, problems[0]!.message, problems[0]!.field, problems);
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  await audited(db, actor, { action: 'reference.calendar.save', objectType: 'work_calendar', objectId: String(year), detail: { year, holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length } }, async (trx) => {
    await trx.deleteFrom('work_calendar').where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
    if (sorted.length) await trx.insertInto('work_calendar').values(sorted.map((d) => ({ day: d.date, kind: d.kind, name: d.name.trim(), updated_by: userId }))).execute();
  });
  return calendarYear(db, year);
}

/** The whole calendar as the working-day arithmetic needs it: per year, the administrator's entries, else the State Council's. */
export async function workingCalendar(db: Pick<Kysely<DB>, 'selectFrom'>) {
  const rows = await db.selectFrom('work_calendar').select(['day', 'kind']).execute();
  const adminYears = new Set(rows.map((r) => Number(r.day.slice(0, 4))));
  const pkg = stateCouncilCalendar();
  const fromPackage = (m: Map<string, string>) => [...m.keys()].filter((d) => !adminYears.has(Number(d.slice(0, 4))));
  return {
    holidays: new Set([...rows.filter((r) => r.kind === 'holiday').map((r) => r.day), ...fromPackage(pkg.holidays)]),
    workdays: new Set([...rows.filter((r) => r.kind === 'workday').map((r) => r.day), ...fromPackage(pkg.workdays)]),
    years: new Set([...adminYears, ...pkg.years]),
  };
}

/**
 * 公示期 for an approval on `today`: from the next working day through the n-th, on the
 * calendar; `calendarEntered` is false when a year it spans has no entries (then only
 * weekends were skipped there).
 */
export async function publicityWindow(db: Pick<Kysely<DB>, 'selectFrom'>, today: string, n: number) {
  const cal = await workingCalendar(db);
  const from = addWorkingDays(today, 1, cal.holidays, cal.workdays);
  const to = addWorkingDays(today, n, cal.holidays, cal.workdays);
  const spanned = new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))]);
  return { from, to, calendarEntered: [...spanned].every((y) => cal.years.has(y)) };
}
