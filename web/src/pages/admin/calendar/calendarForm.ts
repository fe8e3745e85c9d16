/**
 * The 工作日历 page's pure parts: which year to show (the URL's, else the current
 * year in Suzhou), weekdays of ISO dates, the PUT body from the form's rows, a
 * server error's details (`days[3].kind`, `days.3.name`) placed on their rows, and
 * the month grids of the read-only overview.
 */
import { normaliseField } from '../../../lib/forms.js';
import type { SaveCalendarBody } from '../../../lib/types.js';

export type DayKind = 'holiday' | 'workday';
export const DAY_FIELDS = ['date', 'kind', 'name'] as const;
export type DayField = (typeof DAY_FIELDS)[number];

/** The years the API accepts (src/reference/routes.ts). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The current year in Suzhou (Asia/Shanghai), whatever the browser's zone. */
export function suzhouYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

/** `?year=` when it is a whole year the API accepts, else the fallback. */
export function yearFromParam(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d{4}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= MIN_YEAR && n <= MAX_YEAR ? n : fallback;
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date (no time zone involved). */
export function weekdayIndex(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = weekdayIndex(date);
  return d === 0 || d === 6;
}

/** One row of the form, with its date already written YYYY-MM-DD (or missing). */
export interface DayRow {
  date: string | undefined;
  kind: DayKind;
  name: string;
}

/**
 * The whole year's body, the rows in the form's order (so the server's `days[i]`
 * is the form's row i). Names are trimmed; a missing date is sent empty and the
 * server names the row (the form requires a date first).
 */
export function toBody(rows: readonly DayRow[]): SaveCalendarBody {
  return { days: rows.map((r) => ({ date: r.date ?? '', kind: r.kind, name: r.name.trim() })) };
}

/** Server messages per row (by the form's row index) and field. */
export type RowErrors = Record<number, Partial<Record<DayField, string[]>>>;

/** "第 4 行：2031-05-06 是星期二…" → "2031-05-06 是星期二…" (the message sits on that row already). */
export function withoutRowPrefix(message: string): string {
  return message.replace(/^第\s*\d+\s*行[：:]\s*/, '');
}

/**
 * A 400's field errors placed on rows: `days[i].date|kind|name` (the calendar's
 * rules) and `days.i.field` (the body's schema) under row i and that field; an
 * error on a whole row (`days[i]`) or an unknown part of it under the row's date.
 * Anything else (the year, the list as a whole, a row the form does not have)
 * comes back in `other`, to be said above the table.
 */
export function placeRowErrors(
  err: { field?: string | undefined; message: string; details?: readonly { field: string; message: string }[] | undefined },
  rowCount: number,
): { rows: RowErrors; other: string[] } {
  const list = [...(err.details ?? [])];
  if (err.field && !list.some((d) => normaliseField(d.field) === normaliseField(err.field!))) list.unshift({ field: err.field, message: err.message });
  if (list.length === 0) list.push({ field: '', message: err.message });

  const rows: RowErrors = {};
  const other: string[] = [];
  for (const d of list) {
    const m = /^days\.(\d+)(?:\.(\w+))?/.exec(normaliseField(d.field));
    const row = m ? Number(m[1]) : -1;
    if (!m || row >= rowCount) {
      if (!other.includes(d.message)) other.push(d.message);
      continue;
    }
    const field: DayField = (DAY_FIELDS as readonly string[]).includes(m[2] ?? '') ? (m[2] as DayField) : 'date';
    const at = (rows[row] ??= {});
    const messages = (at[field] ??= []);
    const message = withoutRowPrefix(d.message);
    if (!messages.includes(message)) messages.push(message);
  }
  return { rows, other };
}

/** The errors once row `index` is edited (its own are dropped: the server will judge it again). */
export function clearRow(errors: RowErrors, index: number): RowErrors {
  if (!(index in errors)) return errors;
  const next = { ...errors };
  delete next[index];
  return next;
}

/** The errors once row `index` is removed: later rows move up by one, as the form's rows do. */
export function removeRow(errors: RowErrors, index: number): RowErrors {
  const next: RowErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    const i = Number(key);
    if (i < index) next[i] = value;
    else if (i > index) next[i - 1] = value;
  }
  return next;
}

/**
 * A month as the overview draws it, weeks starting on Monday: blanks before the 1st,
 * then every date (YYYY-MM-DD). `month` is 1–12.
 */
export function monthCells(year: number, month: number): (string | null)[] {
  const mm = String(month).padStart(2, '0');
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (weekdayIndex(`${year}-${mm}-01`) + 6) % 7;
  return [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => `${year}-${mm}-${String(i + 1).padStart(2, '0')}`)];
}
