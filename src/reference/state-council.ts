/**
 * The State Council General Office's holiday arrangements (法定节假日 and 调休上班日), as the maintained
 * package chinese-days publishes them (MIT, offline, updated each year when the notice appears; pinned in
 * package.json — upgrade it when a new year is announced). It is the calendar's default; an
 * administrator's entries for a year replace it for that year. A year the package does not have is
 * unknown — never silently "weekends only" (the package itself would answer that; see
 * docs/research/job-queue-and-calendar.md).
 */
import { createRequire } from 'node:module';

export interface PackageCalendar {
  /** Days off, with their Chinese names. */
  holidays: Map<string, string>;
  /** Weekend days that are working days (调休上班), with their names. */
  workdays: Map<string, string>;
  years: Set<number>;
  version: string;
}

let cached: PackageCalendar | null = null;

/** Chinese name from the package's "English,中文,n" value. */
const chineseName = (v: string) => v.split(',')[1]?.trim() || v;

export function stateCouncilCalendar(): PackageCalendar {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const holidays = new Map(Object.entries(data.holidays).map(([d, v]) => [d, chineseName(v)]));
  const workdays = new Map(Object.entries(data.workdays).map(([d, v]) => [d, `${chineseName(v)}调休`]));
  const years = new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))));
  cached = { holidays, workdays, years, version };
  return cached;
}
