/** Cells as read from a file, and the pure parsers that turn one cell into a value or a reason. */

export type RawCell = string | number | boolean | Date | null;

export interface RawRecord {
  /** The row number a spreadsheet would show. */
  row: number;
  cells: RawCell[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

export const isBlank = (v: RawCell | undefined): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export function cellText(v: RawCell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function isoDateOk(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A date cell (a Date, an Excel serial or text like 2020-01-31 / 2020年1月31日) → YYYY-MM-DD, not after `today`. */
export function parseDate(v: RawCell, today: string): Parsed<string> {
  let iso: string;
  if (v instanceof Date) {
    iso = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  } else if (typeof v === 'number') {
    // An Excel date serial (1900 date system).
    if (!Number.isFinite(v) || v < 1 || v > 2958465) return bad(`“${v}”不是有效的日期，应为 YYYY-MM-DD`);
    const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
    iso = t.toISOString().slice(0, 10);
  } else {
    const s = cellText(v);
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
    if (!m) return bad(`“${s}”不是有效的日期，应为 YYYY-MM-DD`);
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (!isoDateOk(y, mo, d)) return bad(`“${s}”不是存在的日期`);
    iso = `${y}-${pad2(mo)}-${pad2(d)}`;
  }
  if (iso < '1800-01-01') return bad(`“${iso}”早于 1800 年`);
  if (iso > today) return bad(`“${iso}”晚于今天`);
  return ok(iso);
}

const MAX_INT4 = 2_147_483_647;

/** A non-negative integer that fits the database's int4. */
export function parseCount(v: RawCell): Parsed<number> {
  const s = cellText(v);
  if (typeof v === 'number' ? !Number.isInteger(v) || v < 0 : !/^\d+$/.test(s)) return bad(`“${s}”应为非负整数`);
  const n = Number(s);
  if (n > MAX_INT4) return bad(`“${s}”超出允许范围`);
  return ok(n);
}
