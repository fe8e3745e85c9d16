/** Dates: the API speaks ISO strings; antd pickers speak dayjs. */
import dayjs, { type Dayjs } from 'dayjs';

export function toIsoDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

export function fromIsoDate(value: string | null | undefined): Dayjs | undefined {
  if (!value) return undefined;
  const d = dayjs(value);
  return d.isValid() ? d : undefined;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000; // UTC+8 all year, no daylight saving

/** An instant as Beijing wall-clock digits ("YYYY-MM-DDTHH:mm:ss"), whatever the browser's own zone; null if unreadable. */
function beijing(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19);
}

/** A plain calendar date ("2026-11-30") has no time zone: shown as it is. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-11-30T04:41:00.000Z" → "2026-11-30 12:41:00", Beijing time (the platform's users are in Suzhou, wherever the browser is set). */
export function formatDateTime(value: string | null | undefined, options: { seconds?: boolean } = {}): string {
  if (!value) return '—';
  if (PLAIN_DATE.test(value)) return value;
  const b = beijing(value);
  if (!b) return value;
  return b.slice(0, options.seconds === false ? 16 : 19).replace('T', ' ');
}

/** The Beijing calendar day of an instant ("2026-11-30T20:00:00Z" → "2026-12-01"); a plain date as it is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (PLAIN_DATE.test(value)) return value;
  return beijing(value)?.slice(0, 10) ?? value;
}
