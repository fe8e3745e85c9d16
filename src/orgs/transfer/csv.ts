/**
 * CSV in and out. Reading goes through csv-parse (maintained; RFC 4180 quoting,
 * embedded commas and line breaks, a BOM, CRLF / LF / CR line ends mixed in one
 * file), streaming: records are yielded as the file is read, never the whole file
 * at once. UTF-8, or GB18030 when the bytes are not UTF-8 (what Excel saves as
 * "CSV" on Chinese Windows). Malformed quoting is refused in Chinese naming the
 * row. Writing is UTF-8 with a BOM.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AppError, invalid } from '../../platform/errors.js';
import type { RawRecord } from './cells.js';
import { COLUMNS, headerText, rowCells, type TransferRow } from './columns.js';
import { formatYuan } from './money.js';

/** One record longer than this (characters) is refused: in practice a quote that never closes. */
export const MAX_RECORD_CHARS = 1_000_000;

const OPTIONS = {
  bom: true,
  record_delimiter: ['\r\n', '\n', '\r'], // every one of them, mixed (csv-parse would otherwise keep the first it meets)
  relax_column_count: true, // short and long rows are the per-row checks' business (validate.ts)
  relax_quotes: false, // a quote inside an unquoted field is refused, not guessed at
  skip_empty_lines: false, // a blank line is a row, so row numbers match what a spreadsheet shows
  max_record_size: MAX_RECORD_CHARS,
  info: true,
} satisfies Options;

interface InfoRecord {
  record: string[];
  info: { records: number; lines: number };
}

/**
 * csv-parse's error → a Chinese one naming the row as a spreadsheet shows it (the
 * records before it + 1), and the file line when a quoted line break makes them differ.
 */
function csvProblem(e: unknown): unknown {
  if (!(e instanceof CsvError)) return e;
  const ctx = e as CsvError & { records?: number; lines?: number; index?: number };
  const row = (ctx.records ?? 0) + 1;
  const where = `CSV 第 ${row} 行${ctx.lines !== undefined && ctx.lines !== row ? `（文件第 ${ctx.lines} 行）` : ''}`;
  const col = ctx.index !== undefined ? `第 ${ctx.index + 1} 列` : '';
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return invalid('file', `CSV 第 ${row} 行：引号没有闭合（直到文件末尾）`); // where it opened; the file ended inside it
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE') {
    const ch = /got "(.*?)"/.exec(e.message)?.[1] ?? '';
    return invalid('file', `${where}${col}：引号外还有字符“${ch}”（字段中的引号应写成两个引号 ""）`);
  }
  if (e.code === 'INVALID_OPENING_QUOTE') return invalid('file', `${where}${col}：不带引号的字段中出现引号（这样的字段应整个放在引号里，其中的引号写成两个引号 ""）`);
  if (e.code === 'CSV_MAX_RECORD_SIZE') return invalid('file', `${where}：一行超过 ${MAX_RECORD_CHARS.toLocaleString('en-US')} 个字符（多半是某个引号没有闭合）`);
  return invalid('file', `${where}：CSV 格式错误（${e.code}）`);
}

/** Parses a whole CSV text (tests, small inputs). */
export function parseCsv(text: string): string[][] {
  try {
    return (parseSync(text, OPTIONS) as unknown as InfoRecord[]).map((r) => r.record);
  } catch (e) {
    throw csvProblem(e);
  }
}

/** UTF-8 unless the bytes are not valid UTF-8, then GB18030. */
function detectEncoding(head: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

const isAscii = (b: Uint8Array) => b.every((x) => x < 0x80);

/**
 * Bytes → text. The encoding is decided on the first chunk holding a byte above
 * 0x7F (ASCII reads the same in both), so a GB18030 file whose first chunk is all
 * ASCII is still recognised.
 */
async function* decode(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!decoder && isAscii(bytes)) {
      if (bytes.length) yield Buffer.from(bytes).toString('latin1');
      continue;
    }
    decoder ??= new TextDecoder(detectEncoding(bytes));
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  const tail = decoder?.decode() ?? '';
  if (tail) yield tail;
}

/**
 * The records of CSV bytes, streaming (a file's read stream, or chunks in tests).
 * Each record is numbered as a spreadsheet would show it: a quoted line break
 * does not start a new row, a blank line does.
 */
export async function* readCsvStream(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<RawRecord> {
  const parser = parse(OPTIONS);
  const done = pipeline(Readable.from(source), decode, parser).then(
    () => null,
    (e: unknown) => e,
  );
  try {
    for await (const r of parser as AsyncIterable<InfoRecord>) yield { row: r.info.records, cells: r.record };
    const e = await done;
    if (e) throw e;
  } catch (e) {
    throw e instanceof AppError ? e : csvProblem(e);
  } finally {
    parser.destroy(); // stops reading when the caller stops early
  }
}

export function readCsv(filePath: string): AsyncGenerator<RawRecord> {
  return readCsvStream(fs.createReadStream(filePath, { highWaterMark: 256 * 1024 }));
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as a UTF-8 .csv with BOM and CRLF line ends; returns the row count. */
export async function writeCsv(filePath: string, rows: Iterable<TransferRow> | AsyncIterable<TransferRow>, onProgress?: (done: number) => void): Promise<number> {
  let n = 0;
  const out = fs.createWriteStream(filePath, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    await write('\uFEFF' + COLUMNS.map((c) => csvField(headerText(c))).join(',') + '\r\n');
    let buf = '';
    for await (const r of rows) {
      buf += rowCells(r, formatYuan).map(csvField).join(',') + '\r\n';
      if (++n % 500 === 0) {
        await write(buf);
        buf = '';
        if (n % 1000 === 0) onProgress?.(n);
      }
    }
    if (buf) await write(buf);
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return n;
}
