/**
 * CSV in and out. A small parser of our own (RFC 4180 quoting, embedded commas and
 * newlines, UTF-8 with or without BOM; GB18030 detected and decoded), so reading
 * streams; writing is UTF-8 with a BOM.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { invalid } from '../../platform/errors.js';
import type { RawRecord } from './cells.js';
import { COLUMNS, headerText, rowCells, type TransferRow } from './columns.js';
import { formatYuan } from './money.js';

/**
 * A streaming CSV parser (RFC 4180): fields separated by commas, records by CRLF,
 * LF or CR; fields in double quotes may hold commas, quotes (doubled) and line
 * breaks. A leading BOM is dropped. Each record is numbered from 1 as a
 * spreadsheet would show it (a quoted line break does not start a new row).
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  /** 0 start of field, 1 unquoted field, 2 quoted field, 3 a quote inside a quoted field (closing or the first of "") */
  private state: 0 | 1 | 2 | 3 = 0;
  private started = false; // the current record has content (even an empty quoted field)
  private pendingCR = false;
  private recordNo = 0;
  private atStart = true;

  /** Feeds text; returns the records completed by it. */
  push(text: string): { row: number; cells: string[] }[] {
    const out: { row: number; cells: string[] }[] = [];
    let i = 0;
    if (this.atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) i = 1;
      this.atStart = false;
    }
    const n = text.length;
    while (i < n) {
      const ch = text[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === '\n') {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case 2: {
          const q = text.indexOf('"', i);
          if (q === -1) {
            this.field += text.slice(i);
            i = n;
          } else {
            this.field += text.slice(i, q);
            this.state = 3;
            i = q + 1;
          }
          continue;
        }
        case 3:
          if (ch === '"') {
            this.field += '"';
            this.state = 2;
            i++;
            continue;
          }
          if (ch !== ',' && ch !== '\n' && ch !== '\r') {
            throw invalid('file', `CSV 第 ${this.recordNo + 1} 行：引号外还有字符“${ch}”（字段中的引号应写成两个引号 ""）`);
          }
          break;
        case 0:
          if (ch === '"') {
            this.state = 2;
            this.started = true;
            i++;
            continue;
          }
          break;
        case 1:
          break;
      }
      if (ch === ',') {
        this.record.push(this.field);
        this.field = '';
        this.state = 0;
        this.started = true;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        this.endRecord(out);
        this.pendingCR = ch === '\r';
        i++;
      } else {
        // a run of plain characters (a stray quote inside an unquoted field is kept as is)
        let j = i + 1;
        while (j < n) {
          const c = text[j]!;
          if (c === ',' || c === '\n' || c === '\r') break;
          j++;
        }
        this.field += text.slice(i, j);
        this.state = 1;
        this.started = true;
        i = j;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record if it had no line break after it. */
  end(): { row: number; cells: string[] }[] {
    if (this.state === 2) throw invalid('file', `CSV 第 ${this.recordNo + 1} 行：引号没有闭合`);
    const out: { row: number; cells: string[] }[] = [];
    if (this.started) this.endRecord(out);
    return out;
  }

  private endRecord(out: { row: number; cells: string[] }[]) {
    this.record.push(this.field);
    this.recordNo++;
    out.push({ row: this.recordNo, cells: this.record });
    this.record = [];
    this.field = '';
    this.state = 0;
    this.started = false;
  }
}

/** Parses a whole CSV text (tests, small inputs). */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()].map((r) => r.cells);
}

/** UTF-8 unless the first bytes are not valid UTF-8, then GB18030 (what Excel saves as "CSV" on Chinese Windows). */
function detectEncoding(head: Buffer): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export async function* readCsv(filePath: string): AsyncGenerator<RawRecord> {
  const parser = new CsvParser();
  let decoder: TextDecoder | null = null;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    const buf = chunk as Buffer;
    decoder ??= new TextDecoder(detectEncoding(buf));
    for (const r of parser.push(decoder.decode(buf, { stream: true }))) yield r;
  }
  if (decoder) for (const r of parser.push(decoder.decode())) yield r;
  for (const r of parser.end()) yield r;
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
