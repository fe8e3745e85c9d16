/**
 * Sends rows as an .xlsx download (government work lives in spreadsheets), and the one cell rule every
 * spreadsheet or CSV the platform writes follows (the index lists, the funding documents, the organisation
 * export in .xlsx and .csv):
 *
 * - text is never a formula: a text cell that begins with = + - @, a tab or a carriage return gets an apostrophe
 *   in front (OWASP, "CSV Injection"), so it stays text in any spreadsheet, also after the file is saved again as
 *   CSV; exceljs is never handed a formula object;
 * - money is a number: 元 = 分 / 100 as a numeric cell shown with two decimals ('#,##0.00'), so finance can sum
 *   it. For |分| < 2^53 the division gives the double nearest the exact two-decimal amount, which prints back
 *   as that amount (up to 15 significant digits, i.e. below 10^13 元); the exact 分 column stays beside it.
 */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface XlsxColumn {
  header: string;
  key: string;
  width?: number;
  /** Excel number format, e.g. '0.0' for a score. */
  numFmt?: string;
  /** The row's value is an integer amount in 分: written as 元 (a number, '#,##0.00'). */
  fen?: boolean;
}

/** The first characters that make a spreadsheet read a cell as a formula (OWASP: = + - @, tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text safe for any spreadsheet cell: an apostrophe before a leading = + - @ tab or CR. */
export function safeText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The inverse, for reading back a file the platform wrote (the organisation import reads its own export). */
export function unescapeText(s: string): string {
  return s.length > 1 && s[0] === "'" && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

/** 分 → 元 as a number (see the file comment); refuses what is not a safe integer number of 分. */
export function fenToYuan(fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount ${fen} is not an integer number of 分`);
  return fen / 100;
}

export type SheetValue = string | number | boolean | Date | null;

/** THE cell writer: every value bound for a spreadsheet or CSV cell passes here. Text made safe, numbers as numbers. */
export function sheetCell(v: unknown): SheetValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cell value ${v} is not a finite number`);
    return v;
  }
  if (typeof v === 'boolean' || v instanceof Date) return v;
  return safeText(typeof v === 'string' ? v : String(v));
}

export const YUAN_FORMAT = '#,##0.00';

export async function xlsxBuffer(sheet: string, columns: XlsxColumn[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => {
    const numFmt = c.fen ? YUAN_FORMAT : c.numFmt;
    return { header: safeText(c.header), key: c.key, width: c.width ?? 16, style: numFmt ? { numFmt } : {} };
  });
  for (const r of rows) {
    const out: Record<string, SheetValue> = {};
    for (const c of columns) {
      const v = r[c.key];
      out[c.key] = c.fen && v !== null && v !== undefined && v !== '' ? fenToYuan(v as number) : sheetCell(v);
    }
    ws.addRow(out);
  }
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function sendXlsx(reply: FastifyReply, name: string, columns: XlsxColumn[], rows: Record<string, unknown>[]) {
  const buf = await xlsxBuffer(name.slice(0, 31), columns, rows);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
    .send(buf);
}
