/** Sends rows as an .xlsx download (government work lives in spreadsheets). */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface XlsxColumn {
  header: string;
  key: string;
  width?: number;
  /** Excel number format, e.g. '#,##0.00' for 元. */
  numFmt?: string;
}

export async function xlsxBuffer(sheet: string, columns: XlsxColumn[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.addRows(rows);
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
