/**
 * Import and export of organisations as .xlsx or .csv (chosen by the file's
 * extension). The format is documented in docs/import-format.md.
 *
 * Import validates every row before anything is written and collects per-row
 * errors naming the row and the column; with errors nothing is applied unless
 * `partial` is set, in which case only the valid rows are. Applying happens in one
 * transaction, in batches: enterprises are matched by 统一社会信用代码, other
 * organisations by (kind, name); the row's year of figures is upserted.
 *
 * Both directions stream: exceljs' WorkbookReader / WorkbookWriter for .xlsx and
 * a small CSV parser of our own (RFC 4180 quoting, embedded commas and newlines,
 * UTF-8 with or without BOM; GB18030 detected and decoded), so 100,000 rows fit.
 *
 * Money is read as text in 元 with at most two decimals and converted to 分 by
 * string arithmetic, never by multiplying floats.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { invalid } from '../platform/errors.js';
import { Fen, YearlyFiguresBody } from '../shared/api.js';
import { ORG_KIND_LABELS, ORG_KINDS, SIZE_BAND_LABELS, SIZE_BANDS, type OrgKind, type SizeBand } from '../shared/enums.js';
import { validateUscc } from '../shared/uscc.js';
import { FIGURE_COLUMNS, figuresToRow, type FigureRow } from './repository.js';

type Conn = Kysely<DB> | Transaction<DB>;
type FigureKey = keyof typeof FIGURE_COLUMNS;

// ------------------------------------------------------------------ the format

type ColumnType = 'kind' | 'name' | 'uscc' | 'district' | 'industry' | 'size' | 'date' | 'department' | 'year' | 'money' | 'signed_money' | 'count';

export interface ColumnSpec {
  /** The English key (also the database column for figures). */
  key: string;
  /** The Chinese header, with the unit in full-width brackets. */
  zh: string;
  type: ColumnType;
  /** For figure columns: the YearlyFiguresBody field. */
  figure?: FigureKey;
}

const fig = (key: string, zh: string, type: ColumnType, figure: FigureKey): ColumnSpec => ({ key, zh, type, figure });

/** The columns, in file order. Header cells are written "中文 key"; either part alone is accepted on import. */
export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'kind', zh: '组织类型', type: 'kind' },
  { key: 'name', zh: '名称', type: 'name' },
  { key: 'uscc', zh: '统一社会信用代码', type: 'uscc' },
  { key: 'district', zh: '所在区县', type: 'district' },
  { key: 'industry', zh: '行业代码', type: 'industry' },
  { key: 'size_band', zh: '企业规模', type: 'size' },
  { key: 'founded_on', zh: '成立日期', type: 'date' },
  { key: 'department', zh: '对应部门', type: 'department' },
  { key: 'year', zh: '数据年度', type: 'year' },
  fig('revenue', '营业收入（元）', 'money', 'revenue'),
  fig('rd_expense', '研发费用（元）', 'money', 'rdExpense'),
  fig('rd_expense_domestic', '境内研发费用（元）', 'money', 'rdExpenseDomestic'),
  fig('staff', '职工总数（人）', 'count', 'staff'),
  fig('rd_staff', '研发人员数（人）', 'count', 'rdStaff'),
  fig('hightech_revenue', '高新技术产品收入（元）', 'money', 'hightechRevenue'),
  fig('net_assets', '净资产（元）', 'signed_money', 'netAssets'),
  fig('patents_invention', '发明专利（件）', 'count', 'patentsInvention'),
  fig('patents_utility', '实用新型专利（件）', 'count', 'patentsUtility'),
  fig('patents_design', '外观设计专利（件）', 'count', 'patentsDesign'),
  fig('software_copyrights', '软件著作权（件）', 'count', 'softwareCopyrights'),
  fig('patents_high_value', '高价值发明专利（件）', 'count', 'patentsHighValue'),
  fig('tech_contract_income', '技术合同成交收入（元）', 'money', 'techContractIncome'),
  fig('equity_financing', '股权融资额（元）', 'money', 'equityFinancing'),
];

export const SHEET_NAME = 'organisations';
const SHEET_ALIASES = new Set(['organisations', 'organizations', '组织机构', '组织']);
const FIGURE_COLUMNS_LIST = COLUMNS.filter((c) => c.figure);
const COLUMN_BY_FIGURE = new Map(FIGURE_COLUMNS_LIST.map((c) => [c.figure!, c]));

export const headerText = (c: ColumnSpec) => `${c.zh} ${c.key}`;

/** One organisation as it travels through a file. Money in 分. */
export interface TransferRow {
  kind: OrgKind;
  name: string;
  uscc: string | null;
  districtCode: string | null;
  industryCode: string | null;
  sizeBand: SizeBand | null;
  foundedOn: string | null;
  departmentCode: string | null;
  /** The year of `figures` (the latest on record on export). */
  year: number | null;
  figures: YearlyFiguresBody | null;
}

export type TransferFormat = 'xlsx' | 'csv';

export function formatOf(filePath: string): TransferFormat {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw invalid('file', `只支持 .xlsx 和 .csv 文件，“${path.basename(filePath)}”的扩展名是“${ext || '（无）'}”`);
}

// ------------------------------------------------------------------ money

/** Largest amount the API accepts (shared/api.ts Fen; 9×10^12 分 = 900 亿元 at the time of writing). */
const MAX_FEN = BigInt(Fen.maxValue ?? Number.MAX_SAFE_INTEGER);

export type YuanResult = { ok: true; fen: number } | { ok: false; reason: string };

/**
 * Converts an amount in 元 written as text ("1234567.89", "1,234,567.89", "-5") to
 * integer 分 exactly, by string arithmetic. At most two decimals; no exponent.
 */
export function parseYuan(input: string, allowNegative = false): YuanResult {
  const s = input.trim();
  const m = /^([-+])?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/.exec(s);
  if (!m) {
    if (/^[-+]?[\d.]+e[-+]?\d+$/i.test(s)) return { ok: false, reason: `“${s}”是科学计数法，请填写完整的数字（单位：元）` };
    return { ok: false, reason: `“${s}”不是有效的金额，应为以元为单位、最多两位小数的数字` };
  }
  const [, sign, intPart = '', frac] = m;
  if (frac !== undefined && frac.length === 0) return { ok: false, reason: `“${s}”小数点后没有数字` };
  if (frac !== undefined && frac.length > 2) return { ok: false, reason: `“${s}”超过两位小数（金额以元为单位，精确到分）` };
  const negative = sign === '-';
  let value = BigInt(intPart.replace(/,/g, '')) * 100n + BigInt((frac ?? '').padEnd(2, '0') || '0');
  if (value > MAX_FEN) return { ok: false, reason: `“${s}”超出允许范围（最大 ${formatYuan(Number(MAX_FEN))} 元）` };
  if (negative && value !== 0n) {
    if (!allowNegative) return { ok: false, reason: `“${s}”不能为负数` };
    value = -value;
  }
  return { ok: true, fen: Number(value) };
}

/** 分 → 元 as text with exactly two decimals ("1234567.89", "-0.05"). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount ${fen} is not an integer number of 分`);
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** 分 → 元 as a spreadsheet number when that number prints back to the same text (up to 15 digits), else text. */
function yuanCell(fen: number): number | string {
  if (Math.abs(fen) < 1e15) {
    const n = fen / 100; // the double nearest the exact quotient: prints as the same ≤15-digit decimal
    if (formatYuan(fen) === n.toFixed(2)) return n;
  }
  return formatYuan(fen);
}

// ------------------------------------------------------------------ reading files

type RawCell = string | number | boolean | Date | null;
interface RawRecord {
  row: number;
  cells: RawCell[];
}

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

async function* readXlsx(filePath: string): AsyncGenerator<RawRecord> {
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
    if (!take) continue;
    chosen = true;
    for await (const row of ws) {
      const values = row.values as unknown[];
      const cells: RawCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(normCell(values[i]));
      yield { row: row.number, cells };
    }
  }
}

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

async function* readCsv(filePath: string): AsyncGenerator<RawRecord> {
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

function readTable(filePath: string, format: TransferFormat): AsyncGenerator<RawRecord> {
  return format === 'xlsx' ? readXlsx(filePath) : readCsv(filePath);
}

// ------------------------------------------------------------------ header

const normKey = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');
const normZh = (s: string) => s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
const stripUnit = (s: string) => s.replace(/（[^）]*）$/, '');

const BY_KEY = new Map(COLUMNS.map((c) => [normKey(c.key), c]));
const BY_ZH = new Map<string, ColumnSpec>();
for (const c of COLUMNS) {
  BY_ZH.set(normZh(c.zh), c);
  BY_ZH.set(stripUnit(normZh(c.zh)), c);
}

function columnForHeader(text: string): ColumnSpec | undefined {
  const t = text.trim();
  const lastSpace = t.search(/\s\S+$/);
  if (lastSpace > 0) {
    const byKey = BY_KEY.get(normKey(t.slice(lastSpace + 1)));
    if (byKey) return byKey;
  }
  return BY_KEY.get(normKey(t)) ?? BY_ZH.get(normZh(t)) ?? BY_ZH.get(stripUnit(normZh(t)));
}

interface Header {
  columns: (ColumnSpec | null)[];
  has: Set<string>;
}

function parseHeader(rec: RawRecord): { header: Header; errors: string[] } {
  const columns: (ColumnSpec | null)[] = [];
  const has = new Set<string>();
  const errors: string[] = [];
  rec.cells.forEach((cell, i) => {
    const text = cell === null ? '' : String(cell).trim();
    if (text === '') {
      columns.push(null);
      return;
    }
    const col = columnForHeader(text);
    if (!col) {
      errors.push(`第 ${rec.row} 行（表头）第 ${i + 1} 列：不认识的列“${text}”。可用的列见 docs/import-format.md，例如“${headerText(COLUMNS[0]!)}”`);
      columns.push(null);
      return;
    }
    if (has.has(col.key)) errors.push(`第 ${rec.row} 行（表头）第 ${i + 1} 列：列“${col.zh}”重复`);
    has.add(col.key);
    columns.push(col);
  });
  for (const req of ['kind', 'name']) {
    if (!has.has(req)) errors.push(`第 ${rec.row} 行（表头）：缺少必需的列“${headerText(COLUMNS.find((c) => c.key === req)!)}”`);
  }
  return { header: { columns, has }, errors };
}

// ------------------------------------------------------------------ rows

export interface RowError {
  row: number;
  field: string;
  message: string;
}

interface ImportRow extends TransferRow {
  row: number;
  /** The organisation this row updates; null when it inserts. */
  targetId?: number | null;
}

interface Refs {
  districts: Map<string, string>;
  industries: Map<string, string>; // code → level
  departments: Map<string, string>;
}

async function loadRefs(db: Conn): Promise<Refs> {
  const districts = new Map<string, string>();
  for (const d of await db.selectFrom('districts').select(['code', 'name']).execute()) {
    districts.set(d.code, d.code);
    districts.set(d.name, d.code);
    districts.set(d.name.replace(/[区市]$/, ''), d.code);
  }
  const alias = (name: string, code: string) => {
    if (districts.has(code)) districts.set(name, code);
  };
  alias('苏州高新区', '320505');
  alias('高新区', '320505');
  alias('虎丘区（苏州高新区）', '320505');
  alias('园区', '320571');
  alias('工业园区', '320571');
  const industries = new Map((await db.selectFrom('industries').select(['code', 'level']).execute()).map((i) => [i.code, i.level]));
  const departments = new Map<string, string>();
  for (const d of await db.selectFrom('departments').select(['code', 'name']).execute()) {
    departments.set(d.code, d.code);
    departments.set(d.name, d.code);
  }
  return { districts, industries, departments };
}

const KIND_BY_TEXT = new Map<string, OrgKind>();
for (const k of ORG_KINDS) {
  KIND_BY_TEXT.set(k, k);
  KIND_BY_TEXT.set(ORG_KIND_LABELS[k].zh, k);
}
const SIZE_BY_TEXT = new Map<string, SizeBand>();
for (const s of SIZE_BANDS) {
  SIZE_BY_TEXT.set(s, s);
  SIZE_BY_TEXT.set(SIZE_BAND_LABELS[s].zh, s);
  SIZE_BY_TEXT.set(SIZE_BAND_LABELS[s].zh + '企业', s);
}

const MAX_INT4 = 2_147_483_647;
const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

function isoDateOk(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

function cellText(v: RawCell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function parseDate(v: RawCell, today: string): Parsed<string> {
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

function parseMoney(v: RawCell, allowNegative: boolean): Parsed<number> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad('不是有效的金额');
    // The number's shortest decimal form, parsed as text: exact for what a person typed.
    const text = String(v);
    const r = parseYuan(text, allowNegative);
    if (!r.ok && /\.\d{3,}/.test(text)) return bad(`单元格中的数值是 ${text}，超过两位小数；请四舍五入到分（如 =ROUND(…,2)）或把单元格设为文本`);
    return r.ok ? ok(r.fen) : bad(r.reason);
  }
  if (typeof v === 'boolean' || v instanceof Date) return bad(`“${cellText(v)}”不是金额`);
  const r = parseYuan(String(v), allowNegative);
  return r.ok ? ok(r.fen) : bad(r.reason);
}

function parseCount(v: RawCell): Parsed<number> {
  const s = cellText(v);
  if (typeof v === 'number' ? !Number.isInteger(v) || v < 0 : !/^\d+$/.test(s)) return bad(`“${s}”应为非负整数`);
  const n = Number(s);
  if (n > MAX_INT4) return bad(`“${s}”超出允许范围`);
  return ok(n);
}

/** What identifies a row, for finding duplicates inside the file (known even when other cells have errors). */
interface RowKeys {
  kind: OrgKind | null;
  name: string | null;
  uscc: string | null;
  departmentCode: string | null;
}

interface RowContext {
  refs: Refs;
  today: string;
}

/** Parses one data row; returns the row or its errors (all of them, not only the first). */
function parseRow(rec: RawRecord, header: Header, ctx: RowContext): { row?: ImportRow; keys: RowKeys; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (col: ColumnSpec, reason: string) => errors.push({ row: rec.row, field: col.key, message: `第 ${rec.row} 行 ${col.zh}：${reason}` });
  const values = new Map<string, RawCell>();
  header.columns.forEach((col, i) => {
    if (!col) return;
    const v = rec.cells[i] ?? null;
    if (v === null || (typeof v === 'string' && v.trim() === '')) return;
    values.set(col.key, v);
  });
  const col = (key: string) => COLUMNS.find((c) => c.key === key)!;
  const text = (key: string) => (values.has(key) ? cellText(values.get(key)!) : null);

  // kind
  let kind: OrgKind | null = null;
  const kindText = text('kind');
  if (kindText === null) fail(col('kind'), '不能为空');
  else {
    kind = KIND_BY_TEXT.get(kindText) ?? KIND_BY_TEXT.get(kindText.toLowerCase()) ?? null;
    if (!kind) fail(col('kind'), `“${kindText}”不是有效的组织类型，应为 ${ORG_KINDS.map((k) => `${k}（${ORG_KIND_LABELS[k].zh}）`).join('、')}`);
  }

  // name
  const name = text('name');
  if (name === null) fail(col('name'), '不能为空');
  else if ([...name].length < 2) fail(col('name'), `“${name}”太短，至少 2 个字`);
  else if ([...name].length > 120) fail(col('name'), '超过 120 个字');

  // uscc
  let uscc: string | null = null;
  const usccRaw = values.get('uscc');
  if (usccRaw === undefined) {
    if (kind === 'enterprise') fail(col('uscc'), '企业必须填写统一社会信用代码');
  } else if (typeof usccRaw === 'number') {
    fail(col('uscc'), `被 Excel 存成了数字（${usccRaw}），后几位已丢失；请把该列设为文本格式后重新填写`);
  } else {
    const r = validateUscc(cellText(usccRaw));
    if (r.ok) uscc = r.code;
    else fail(col('uscc'), r.reason);
  }

  // district
  let districtCode: string | null = null;
  const d = text('district');
  if (d !== null) {
    districtCode = ctx.refs.districts.get(d) ?? null;
    if (!districtCode) fail(col('district'), `“${d}”不是苏州的区县（市），应填写代码（如 320571）或名称（如 苏州工业园区）`);
  }

  // industry
  let industryCode: string | null = null;
  const indRaw = values.get('industry');
  if (indRaw !== undefined) {
    const s = typeof indRaw === 'number' && Number.isInteger(indRaw) && indRaw >= 1 && indRaw <= 9 ? pad2(indRaw) : cellText(indRaw).toUpperCase();
    const level = ctx.refs.industries.get(s);
    if (!level) fail(col('industry'), `“${s}”不在 GB/T 4754-2017 中，应填写两位数字的大类代码（如 39）`);
    else if (level !== 'division') fail(col('industry'), `应填写到大类（两位数字），“${s}”是门类`);
    else industryCode = s;
  }

  // size band
  let sizeBand: SizeBand | null = null;
  const sz = text('size_band');
  if (sz !== null) {
    sizeBand = SIZE_BY_TEXT.get(sz) ?? SIZE_BY_TEXT.get(sz.toLowerCase()) ?? null;
    if (!sizeBand) fail(col('size_band'), `“${sz}”不是有效的企业规模，应为 ${SIZE_BANDS.map((s) => `${s}（${SIZE_BAND_LABELS[s].zh}）`).join('、')}`);
  }

  // founded on
  let foundedOn: string | null = null;
  const fo = values.get('founded_on');
  if (fo !== undefined) {
    const r = parseDate(fo, ctx.today);
    if (r.ok) foundedOn = r.value;
    else fail(col('founded_on'), r.reason);
  }

  // department
  let departmentCode: string | null = null;
  const dep = text('department');
  if (dep !== null) {
    if (kind && kind !== 'government') fail(col('department'), '只有政府部门（government）可以填写对应部门');
    else {
      departmentCode = ctx.refs.departments.get(dep) ?? ctx.refs.departments.get(dep.toLowerCase()) ?? null;
      if (!departmentCode) fail(col('department'), `“${dep}”不是已登记的部门，应填写部门代码（如 kjj）或名称（如 市科技局）`);
    }
  } else if (kind === 'government') {
    fail(col('department'), '政府部门必须填写对应部门（部门代码或名称）');
  }

  // year and figures: both or neither
  let year: number | null = null;
  let figures: YearlyFiguresBody | null = null;
  const yearRaw = values.get('year');
  const givenFigures = FIGURE_COLUMNS_LIST.filter((c) => values.has(c.key));
  if (yearRaw !== undefined || givenFigures.length > 0) {
    if (kind && kind !== 'enterprise') {
      fail(col(yearRaw !== undefined ? 'year' : givenFigures[0]!.key), '只有企业（enterprise）可以填写年度经营数据');
    } else if (yearRaw === undefined) {
      fail(col('year'), `填写了年度经营数据（${givenFigures.map((c) => c.zh).join('、')}），但没有填写数据年度`);
    } else {
      const yText = cellText(yearRaw);
      const y = typeof yearRaw === 'number' ? yearRaw : /^\d{4}$/.test(yText) ? Number(yText) : NaN;
      if (!Number.isInteger(y) || y < 1990 || y > 2100) fail(col('year'), `“${yText}”不是有效的年度，应为 1990–2100 之间的四位年份`);
      else year = y;
      const f: Record<string, number> = {};
      let complete = true;
      for (const c of FIGURE_COLUMNS_LIST) {
        const v = values.get(c.key);
        if (v === undefined) {
          fail(c, header.has.has(c.key) ? '已填写数据年度，此项不能为空（没有请填 0）' : '已填写数据年度，但文件中没有这一列');
          complete = false;
          continue;
        }
        const r = c.type === 'count' ? parseCount(v) : parseMoney(v, c.type === 'signed_money');
        if (r.ok) f[c.figure!] = r.value;
        else {
          fail(c, r.reason);
          complete = false;
        }
      }
      if (complete) {
        // The same cross-field checks as the API (YearlyFiguresBody).
        const parsed = YearlyFiguresBody.safeParse(f);
        if (parsed.success) figures = parsed.data;
        else for (const issue of parsed.error.issues) fail(COLUMN_BY_FIGURE.get(issue.path[0] as FigureKey) ?? col('year'), issue.message);
      }
    }
  }

  const keys: RowKeys = { kind, name, uscc, departmentCode };
  if (errors.length > 0 || !kind || name === null) return { keys, errors };
  return { row: { row: rec.row, kind, name, uscc, districtCode, industryCode, sizeBand, foundedOn, departmentCode, year, figures }, keys, errors };
}

// ------------------------------------------------------------------ bulk writes

type PgArrayType = 'int' | 'bigint' | 'text' | 'date';

/**
 * INSERT … SELECT * FROM unnest($1::type[], $2::type[], …): one array parameter per
 * column instead of one parameter per value. About twice as fast as a multi-row
 * VALUES list on PGlite for wide rows, and never near the 65,535-parameter limit.
 */
function unnestInsert(table: string, columns: readonly (readonly [string, PgArrayType])[], rows: readonly Record<string, unknown>[]) {
  const arrays = columns.map(([c, t]) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(t + '[]')}`);
  return sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))}) SELECT * FROM unnest(${sql.join(arrays)})`;
}

const ORG_INSERT_COLUMNS = [
  ['kind', 'text'],
  ['name', 'text'],
  ['uscc', 'text'],
  ['district_code', 'text'],
  ['industry_code', 'text'],
  ['size_band', 'text'],
  ['founded_on', 'date'],
  ['department_code', 'text'],
] as const;

export interface OrgInsertRow {
  kind: string;
  name: string;
  uscc: string | null;
  district_code: string | null;
  industry_code: string | null;
  size_band: string | null;
  founded_on: string | null;
  department_code: string | null;
}

/** Inserts organisations in one statement; returns their ids with the identifying columns. */
export async function insertOrganisationsBulk(conn: Conn, rows: readonly OrgInsertRow[]): Promise<{ id: number; kind: string; name: string; uscc: string | null }[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: number; kind: string; name: string; uscc: string | null }>`${unnestInsert('organisations', ORG_INSERT_COLUMNS, rows as unknown as Record<string, unknown>[])} RETURNING id, kind, name, uscc`.execute(conn);
  return r.rows;
}

const INT_FIGURES = new Set(['staff', 'rd_staff', 'patents_invention', 'patents_utility', 'patents_design', 'software_copyrights', 'patents_high_value']);
const FIGURE_INSERT_COLUMNS: readonly (readonly [string, PgArrayType])[] = [
  ['org_id', 'int'],
  ['year', 'int'],
  ['source', 'text'],
  ...Object.values(FIGURE_COLUMNS).map((c) => [c, INT_FIGURES.has(c) ? 'int' : 'bigint'] as const),
];

/** Inserts or replaces yearly figures (by org and year) in one statement. Each (org, year) at most once per call. */
export async function upsertFiguresBulk(conn: Conn, rows: readonly FigureRow[]): Promise<void> {
  if (rows.length === 0) return;
  const set = sql.join([...Object.values(FIGURE_COLUMNS), 'source'].map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  await sql`${unnestInsert('enterprise_yearly_figures', FIGURE_INSERT_COLUMNS, rows as unknown as Record<string, unknown>[])}
    ON CONFLICT (org_id, year) DO UPDATE SET ${set}, updated_at = now()`.execute(conn);
}

// ------------------------------------------------------------------ import

export interface ImportOptions {
  partial?: boolean;
  /** Reading: (rows read). Applying: (rows written, rows to write). */
  onProgress?: (done: number, total?: number) => void;
}

export interface ImportResult {
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  errors: RowError[];
  applied: boolean;
}

const LOOKUP_CHUNK = 5000;
const WRITE_CHUNK = 2000;

interface Existing {
  id: number;
  kind: string;
  name: string;
  uscc: string | null;
  department_code: string | null;
}

const kindNameKey = (kind: string, name: string) => `${kind}\u0000${name}`;

async function lookupExisting(trx: Transaction<DB>, rows: ImportRow[]) {
  const byUscc = new Map<string, Existing>();
  const byKindName = new Map<string, Existing[]>();
  const byDept = new Map<string, Existing>();
  const cols = ['id', 'kind', 'name', 'uscc', 'department_code'] as const;
  const usccs = [...new Set(rows.flatMap((r) => (r.uscc ? [r.uscc] : [])))];
  for (let i = 0; i < usccs.length; i += LOOKUP_CHUNK) {
    for (const e of await trx.selectFrom('organisations').select(cols).where('uscc', 'in', usccs.slice(i, i + LOOKUP_CHUNK)).execute()) byUscc.set(e.uscc!, e);
  }
  const others = rows.filter((r) => r.kind !== 'enterprise');
  const names = [...new Set(others.map((r) => r.name))];
  const kinds = [...new Set(others.map((r) => r.kind))];
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    const found = await trx.selectFrom('organisations').select(cols).where('kind', 'in', kinds).where('name', 'in', names.slice(i, i + LOOKUP_CHUNK)).orderBy('id').execute();
    for (const e of found) {
      const k = kindNameKey(e.kind, e.name);
      const list = byKindName.get(k);
      if (list) list.push(e);
      else byKindName.set(k, [e]);
    }
  }
  const depts = [...new Set(rows.flatMap((r) => (r.departmentCode ? [r.departmentCode] : [])))];
  if (depts.length > 0) {
    for (const e of await trx.selectFrom('organisations').select(cols).where('department_code', 'in', depts).execute()) byDept.set(e.department_code!, e);
  }
  return { byUscc, byKindName, byDept };
}

/** Matches rows to existing organisations; adds an error for each conflict with the database. */
function resolveTargets(rows: ImportRow[], found: Awaited<ReturnType<typeof lookupExisting>>, fail: (r: ImportRow, key: string, message: string) => void) {
  const label = (e: Existing) => `“${e.name}”（#${e.id}，${ORG_KIND_LABELS[e.kind as OrgKind]?.zh ?? e.kind}）`;
  for (const r of rows) {
    let target: number | null = null;
    if (r.kind === 'enterprise') {
      const e = found.byUscc.get(r.uscc!);
      if (e && e.kind !== 'enterprise') {
        fail(r, 'uscc', `该代码已属于非企业组织${label(e)}`);
        continue;
      }
      target = e?.id ?? null;
    } else {
      const matches = found.byKindName.get(kindNameKey(r.kind, r.name)) ?? [];
      if (matches.length > 1) {
        fail(r, 'name', `数据库中有 ${matches.length} 个同名的${ORG_KIND_LABELS[r.kind].zh}（#${matches.map((m) => m.id).join('、#')}），无法确定更新哪一个`);
        continue;
      }
      target = matches[0]?.id ?? null;
      if (r.uscc) {
        const owner = found.byUscc.get(r.uscc);
        if (owner && owner.id !== target) {
          fail(r, 'uscc', `该代码已被${label(owner)}使用`);
          continue;
        }
      }
    }
    if (r.kind === 'government' && r.departmentCode) {
      const owner = found.byDept.get(r.departmentCode);
      if (owner && owner.id !== target) {
        fail(r, 'department', `该部门已对应组织${label(owner)}`);
        continue;
      }
    }
    r.targetId = target;
  }
}

async function applyRows(trx: Transaction<DB>, rows: ImportRow[], onProgress?: (done: number, total: number) => void) {
  let done = 0;
  const orgIds = new Map<ImportRow, number>();
  const inserts = rows.filter((r) => r.targetId === null);
  const updates = rows.filter((r) => r.targetId !== null);
  const writeFigures = async (chunk: ImportRow[]) => {
    const figs: FigureRow[] = [];
    for (const r of chunk) if (r.figures && r.year !== null) figs.push(figuresToRow(orgIds.get(r) ?? r.targetId!, r.year, r.figures, 'import'));
    await upsertFiguresBulk(trx, figs);
  };
  // New organisations in file order, so ids follow the file.
  for (let i = 0; i < inserts.length; i += WRITE_CHUNK) {
    const chunk = inserts.slice(i, i + WRITE_CHUNK);
    const ret = await insertOrganisationsBulk(
      trx,
      chunk.map((r) => ({
        kind: r.kind,
        name: r.name,
        uscc: r.uscc,
        district_code: r.districtCode,
        industry_code: r.industryCode,
        size_band: r.sizeBand,
        founded_on: r.foundedOn,
        department_code: r.kind === 'government' ? r.departmentCode : null,
      })),
    );
    const byKey = new Map(ret.map((x) => [x.kind === 'enterprise' ? x.uscc! : kindNameKey(x.kind, x.name), x.id]));
    for (const r of chunk) orgIds.set(r, byKey.get(r.kind === 'enterprise' ? r.uscc! : kindNameKey(r.kind, r.name))!);
    await writeFigures(chunk);
    done += chunk.length;
    onProgress?.(done, rows.length);
  }
  // Existing ones: blank cells keep what is stored.
  for (let i = 0; i < updates.length; i += WRITE_CHUNK) {
    const chunk = updates.slice(i, i + WRITE_CHUNK);
    const values = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.targetId}::int, ${r.name}::text, ${r.uscc}::text, ${r.districtCode}::text, ${r.industryCode}::text, ${r.sizeBand}::text, ${r.foundedOn}::date, ${r.kind === 'government' ? r.departmentCode : null}::text)`,
      ),
    );
    await sql`UPDATE organisations AS o SET
        name = v.name,
        uscc = COALESCE(v.uscc, o.uscc),
        district_code = COALESCE(v.district_code, o.district_code),
        industry_code = COALESCE(v.industry_code, o.industry_code),
        size_band = COALESCE(v.size_band, o.size_band),
        founded_on = COALESCE(v.founded_on, o.founded_on),
        department_code = COALESCE(v.department_code, o.department_code),
        updated_at = now()
      FROM (VALUES ${values}) AS v(id, name, uscc, district_code, industry_code, size_band, founded_on, department_code)
      WHERE o.id = v.id`.execute(trx);
    await writeFigures(chunk);
    done += chunk.length;
    onProgress?.(done, rows.length);
  }
  return { inserted: inserts.length, updated: updates.length };
}

/**
 * Imports organisations from an .xlsx or .csv file. Every row is validated first;
 * with any error nothing is written (applied = false) unless `partial`, which
 * writes the valid rows only. Writing is one transaction with one audit record.
 */
export async function importOrgs(db: Kysely<DB>, actor: Actor, filePath: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const format = formatOf(filePath);
  if (!fs.existsSync(filePath)) throw invalid('file', `文件“${filePath}”不存在`);
  const file = path.basename(filePath);
  const partial = opts.partial ?? false;
  const ctx: RowContext = { refs: await loadRefs(db), today: new Date().toISOString().slice(0, 10) };

  const errors: RowError[] = [];
  const rows: ImportRow[] = [];
  const badRows = new Set<number>();
  const firstUscc = new Map<string, number>();
  const firstKindName = new Map<string, number>();
  const firstDept = new Map<string, number>();
  let header: Header | null = null;
  let total = 0;

  const refused = async (headerErrors: string[], row: number): Promise<ImportResult> => {
    const errs = headerErrors.map((message) => ({ row, field: 'header', message }));
    await appendAudit(db, actor, { action: 'orgs.import', objectType: 'organisation', result: 'error', detail: { file, format, partial, total: 0, errors: errs.length } });
    return { total: 0, inserted: 0, updated: 0, skipped: 0, errors: errs, applied: false };
  };

  for await (const rec of readTable(filePath, format)) {
    if (rec.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    if (!header) {
      const h = parseHeader(rec);
      if (h.errors.length > 0) return refused(h.errors, rec.row);
      header = h.header;
      continue;
    }
    total++;
    const r = parseRow(rec, header, ctx);
    errors.push(...r.errors);
    if (r.errors.length > 0 || !r.row) badRows.add(rec.row);
    // Duplicates inside the file: the later row is the one in error.
    const k = r.keys;
    const dup = (key: string, map: Map<string, number>, field: string, what: string) => {
      const first = map.get(key);
      if (first === undefined) {
        map.set(key, rec.row);
        return;
      }
      const c = COLUMNS.find((x) => x.key === field)!;
      errors.push({ row: rec.row, field, message: `第 ${rec.row} 行 ${c.zh}：与第 ${first} 行的${what}重复` });
      badRows.add(rec.row);
    };
    if (k.uscc) dup(k.uscc, firstUscc, 'uscc', '统一社会信用代码');
    if (k.kind && k.kind !== 'enterprise' && k.name !== null) dup(kindNameKey(k.kind, k.name), firstKindName, 'name', `${ORG_KIND_LABELS[k.kind].zh}名称`);
    if (k.kind === 'government' && k.departmentCode) dup(k.departmentCode, firstDept, 'department', '对应部门');
    if (r.row && !badRows.has(rec.row)) rows.push(r.row);
    if (total % 1000 === 0) opts.onProgress?.(total);
  }
  if (!header) return refused(['文件是空的：第 1 行应为表头'], 1);
  opts.onProgress?.(total);

  const outcome = await db.transaction().execute(async (trx) => {
    const found = await lookupExisting(trx, rows);
    resolveTargets(rows, found, (r, key, message) => {
      const c = COLUMNS.find((x) => x.key === key)!;
      errors.push({ row: r.row, field: key, message: `第 ${r.row} 行 ${c.zh}：${message}` });
      badRows.add(r.row);
    });
    const good = rows.filter((r) => !badRows.has(r.row));
    if (errors.length > 0 && !partial) return null;
    const counts = await applyRows(trx, good, opts.onProgress);
    const skipped = total - good.length;
    await appendAudit(trx, actor, {
      action: 'orgs.import',
      objectType: 'organisation',
      detail: { file, format, partial, total, ...counts, skipped, errors: errors.length },
    });
    return { ...counts, skipped };
  }).catch(async (e: unknown) => {
    // Rolled back (e.g. a concurrent write took a 统一社会信用代码): record the failed attempt, then report it.
    await appendAudit(db, actor, { action: 'orgs.import', objectType: 'organisation', result: 'error', detail: { file, format, partial, total, message: String((e as Error)?.message ?? e).slice(0, 300) } });
    throw e;
  });

  errors.sort((a, b) => a.row - b.row);
  if (!outcome) {
    await appendAudit(db, actor, { action: 'orgs.import', objectType: 'organisation', result: 'error', detail: { file, format, partial, total, errors: errors.length } });
    return { total, inserted: 0, updated: 0, skipped: total, errors, applied: false };
  }
  return { total, ...outcome, errors, applied: true };
}

// ------------------------------------------------------------------ writing files

function rowCells(r: TransferRow, format: TransferFormat): (string | number | null)[] {
  const out: (string | number | null)[] = [r.kind, r.name, r.uscc, r.districtCode, r.industryCode, r.sizeBand, r.foundedOn, r.departmentCode, r.year];
  for (const c of FIGURE_COLUMNS_LIST) {
    const v = r.figures ? r.figures[c.figure!] : null;
    if (v === null || r.year === null) out.push(null);
    else if (c.type === 'count') out.push(v);
    else out.push(format === 'xlsx' ? yuanCell(v) : formatYuan(v));
  }
  return out;
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
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
  let n = 0;
  if (format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ width: c.key === 'name' ? 36 : c.key === 'uscc' ? 22 : Math.max(12, c.zh.length * 2 + 2) }));
    ws.addRow(COLUMNS.map(headerText)).commit();
    for await (const r of rows) {
      ws.addRow(rowCells(r, 'xlsx')).commit();
      if (++n % 1000 === 0) opts.onProgress?.(n);
    }
    ws.commit();
    const help = wb.addWorksheet('说明');
    help.addRow(['列（表头）', '键', '说明']).commit();
    for (const c of COLUMNS) help.addRow([headerText(c), c.key, COLUMN_NOTES[c.key] ?? '']).commit();
    help.addRow([]).commit();
    help.addRow(['导入时读取名为 organisations 的工作表；金额单位为元，最多两位小数。格式说明见 docs/import-format.md。']).commit();
    help.commit();
    await wb.commit();
  } else {
    const out = fs.createWriteStream(filePath, { encoding: 'utf8' });
    const write = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    try {
      await write('\uFEFF' + COLUMNS.map((c) => csvField(headerText(c))).join(',') + '\r\n');
      let buf = '';
      for await (const r of rows) {
        buf += rowCells(r, 'csv').map(csvField).join(',') + '\r\n';
        if (++n % 500 === 0) {
          await write(buf);
          buf = '';
          if (n % 1000 === 0) opts.onProgress?.(n);
        }
      }
      if (buf) await write(buf);
    } finally {
      out.end();
      await once(out, 'finish');
    }
  }
  opts.onProgress?.(n);
  return n;
}

const COLUMN_NOTES: Record<string, string> = {
  kind: '必填：enterprise 企业 / university 高校 / institute 科研院所 / government 政府部门 / financial 金融机构 / service_agency 服务机构',
  name: '必填，2–120 字；非企业组织按（类型, 名称）匹配已有记录',
  uscc: '企业必填，18 位，校验码按 GB 32100-2015；企业按此匹配已有记录',
  district: '区县代码（如 320571）或名称（如 苏州工业园区）',
  industry: 'GB/T 4754-2017 大类代码，两位数字（如 39）',
  size_band: 'micro 微型 / small 小型 / medium 中型 / large 大型',
  founded_on: 'YYYY-MM-DD',
  department: '仅政府部门，必填：部门代码（如 kjj）或名称（如 市科技局）',
  year: '仅企业；填写年度则下列各项都必须填写，反之亦然',
};

// ------------------------------------------------------------------ export

const EXPORT_PAGE = 2000;

async function* orgsFromDb(db: Kysely<DB>, kind?: OrgKind): AsyncGenerator<TransferRow> {
  let last = 0;
  for (;;) {
    let q = db
      .selectFrom('organisations')
      .select(['id', 'kind', 'name', 'uscc', 'district_code', 'industry_code', 'size_band', 'founded_on', 'department_code'])
      .where('id', '>', last)
      .orderBy('id')
      .limit(EXPORT_PAGE);
    if (kind) q = q.where('kind', '=', kind);
    const orgs = await q.execute();
    if (orgs.length === 0) return;
    last = orgs[orgs.length - 1]!.id;
    const ids = orgs.filter((o) => o.kind === 'enterprise').map((o) => o.id);
    const figs =
      ids.length > 0
        ? await db.selectFrom('enterprise_yearly_figures').selectAll().distinctOn('org_id').where('org_id', 'in', ids).orderBy('org_id').orderBy('year', 'desc').execute()
        : [];
    const latest = new Map(figs.map((f) => [f.org_id, f]));
    for (const o of orgs) {
      const f = latest.get(o.id);
      let figures: YearlyFiguresBody | null = null;
      if (f) {
        const body: Record<string, number> = {};
        for (const [k, c] of Object.entries(FIGURE_COLUMNS)) body[k] = f[c];
        figures = body as YearlyFiguresBody;
      }
      yield {
        kind: o.kind as OrgKind,
        name: o.name,
        uscc: o.uscc,
        districtCode: o.district_code,
        industryCode: o.industry_code,
        sizeBand: o.size_band as SizeBand | null,
        foundedOn: o.founded_on,
        departmentCode: o.department_code,
        year: f ? f.year : null,
        figures,
      };
    }
    if (orgs.length < EXPORT_PAGE) return;
  }
}

export interface ExportOptions {
  kind?: OrgKind;
  onProgress?: (done: number, total?: number) => void;
}

/**
 * Exports organisations (optionally one kind) with each enterprise's latest year
 * of figures, in the import format. Reading finances is audited ('orgs.export').
 */
export async function exportOrgs(db: Kysely<DB>, actor: Actor, filePath: string, opts: ExportOptions = {}): Promise<{ rows: number }> {
  const format = formatOf(filePath);
  let count = db.selectFrom('organisations').select(sql<number>`count(*)::int`.as('n'));
  if (opts.kind) count = count.where('kind', '=', opts.kind);
  const total = (await count.executeTakeFirstOrThrow()).n;
  opts.onProgress?.(0, total);
  const detail = { file: path.basename(filePath), format, kind: opts.kind ?? null };
  let rows: number;
  try {
    rows = await writeOrgsFile(filePath, orgsFromDb(db, opts.kind), { onProgress: (d) => opts.onProgress?.(d, total) });
  } catch (e) {
    await appendAudit(db, actor, { action: 'orgs.export', objectType: 'organisation', result: 'error', detail: { ...detail, message: String((e as Error).message ?? e).slice(0, 300) } });
    throw e;
  }
  await appendAudit(db, actor, { action: 'orgs.export', objectType: 'organisation', detail: { ...detail, rows } });
  return { rows };
}

/** Reads a file's data rows back as cell text (tests, round-trip checks). */
export async function readOrgsFileCells(filePath: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const rec of readTable(filePath, formatOf(filePath))) out.push(rec.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c))));
  return out;
}
