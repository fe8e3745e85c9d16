/** Choosing .xlsx or .csv by the file's extension, and reading or writing either. */
import path from 'node:path';
import { invalid } from '../../platform/errors.js';
import type { RawRecord } from './cells.js';
import type { TransferRow } from './columns.js';
import { readCsv, writeCsv } from './csv.js';
import { readXlsx, writeXlsx } from './xlsx.js';

export type TransferFormat = 'xlsx' | 'csv';

export function formatOf(filePath: string): TransferFormat {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw invalid('file', `只支持 .xlsx 和 .csv 文件，“${path.basename(filePath)}”的扩展名是“${ext || '（无）'}”`);
}

/** The records of the file (of the organisations sheet, for .xlsx), header row included. */
export function readTable(filePath: string, format: TransferFormat): AsyncGenerator<RawRecord> {
  return format === 'xlsx' ? readXlsx(filePath) : readCsv(filePath);
}

export interface WriteOptions {
  onProgress?: (done: number) => void;
}

/**
 * Writes rows in the import format to an .xlsx (streaming WorkbookWriter; a second
 * sheet "说明" describes the columns) or a UTF-8 .csv with BOM. Returns the row count.
 */
export async function writeOrgsFile(filePath: string, rows: Iterable<TransferRow> | AsyncIterable<TransferRow>, opts: WriteOptions = {}): Promise<number> {
  const format = formatOf(filePath);
  const n = format === 'xlsx' ? await writeXlsx(filePath, rows, opts.onProgress) : await writeCsv(filePath, rows, opts.onProgress);
  opts.onProgress?.(n);
  return n;
}

/** Reads a file's data rows back as cell text (tests, round-trip checks). */
export async function readOrgsFileCells(filePath: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const rec of readTable(filePath, formatOf(filePath))) out.push(rec.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c))));
  return out;
}
