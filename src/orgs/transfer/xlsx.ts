/**
 * .xlsx in and out, streaming both ways (exceljs' WorkbookReader / WorkbookWriter)
 * so that 100,000 rows fit in memory.
 */
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import type { RawCell, RawRecord } from './cells.js';
import { COLUMN_NOTES, COLUMNS, headerText, rowCells, SHEET_ALIASES, SHEET_NAME, type TransferRow } from './columns.js';
import { yuanCell } from './money.js';

function normCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return normCell(o.result);
    if ('text' in o) return normCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/**
 * exceljs 4.4.0's streaming reader decodes each compressed chunk to text on its own
 * (utils/parse-sax.js: TextDecoder without {stream: true}), so a Chinese character
 * split across two chunks turns into U+FFFD. This subclass hands it text instead
 * of bytes — decoded with a streaming decoder — for the worksheets and the shared
 * strings; parse-sax passes strings through unchanged.
 */
interface WorkbookReaderInternals {
  model?: { sheets?: { name: string }[] };
  [Symbol.asyncIterator](): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}
const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: string, options: object) => WorkbookReaderInternals;

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.decode(c as Uint8Array, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function utf8Stream(entry: NodeJS.ReadableStream): NodeJS.ReadableStream {
  const decoder = new StringDecoder('utf8');
  const out = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      const s = decoder.write(chunk);
      done(null, s.length > 0 ? s : undefined);
    },
    flush(done) {
      const s = decoder.end();
      done(null, s.length > 0 ? s : undefined);
    },
  });
  entry.on('error', (e: Error) => out.destroy(e));
  return entry.pipe(out);
}

class Utf8WorkbookReader extends WorkbookReaderBase {
  override *_parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown> {
    yield* super._parseWorksheet(decodeUtf8(iterator), sheetNo);
  }
  override async *_parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown> {
    yield* super._parseSharedStrings(utf8Stream(entry));
  }
}

export async function* readXlsx(filePath: string): AsyncGenerator<RawRecord> {
  const reader = new Utf8WorkbookReader(filePath, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  let chosen = false;
  let first = true;
  for await (const ws of reader) {
    const name = String((ws as unknown as { name?: string }).name ?? '');
    const model = reader.model;
    const named = model?.sheets?.some((s) => SHEET_ALIASES.has(s.name.trim().toLowerCase())) ?? false;
    // The sheet named "organisations" (or 组织机构); without one, the first sheet.
    const take = !chosen && (SHEET_ALIASES.has(name.trim().toLowerCase()) || (first && !named));
    first = false;
    if (!take) {
      // A sheet not taken is still read to its end: exceljs spools sheets that come before the shared
      // strings (ours have none) to temp files and removes each file as soon as the loop moves on, so a
      // sheet skipped unread had its file removed while its read stream was still opening (ENOENT).
      for await (const row of ws) void row;
      continue;
    }
    chosen = true;
    for await (const row of ws) {
      const values = row.values as unknown[];
      const cells: RawCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(normCell(values[i]));
      yield { row: row.number, cells };
    }
  }
}

/** Writes rows to an .xlsx; a second sheet "说明" describes the columns. Returns the row count. */
export async function writeXlsx(filePath: string, rows: Iterable<TransferRow> | AsyncIterable<TransferRow>, onProgress?: (done: number) => void): Promise<number> {
  let n = 0;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.key === 'name' ? 36 : c.key === 'uscc' ? 22 : Math.max(12, c.zh.length * 2 + 2) }));
  ws.addRow(COLUMNS.map(headerText)).commit();
  for await (const r of rows) {
    ws.addRow(rowCells(r, yuanCell)).commit();
    if (++n % 1000 === 0) onProgress?.(n);
  }
  ws.commit();
  const help = wb.addWorksheet('说明');
  help.addRow(['列（表头）', '键', '说明']).commit();
  for (const c of COLUMNS) help.addRow([headerText(c), c.key, COLUMN_NOTES[c.key] ?? '']).commit();
  help.addRow([]).commit();
  help.addRow(['导入时读取名为 organisations 的工作表；金额单位为元，最多两位小数。格式说明见 docs/import-format.md。']).commit();
  help.commit();
  await wb.commit();
  return n;
}
