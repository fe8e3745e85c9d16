/**
 * The file format's columns (docs/import-format.md): their keys, Chinese headers
 * and types, the row they carry, and reading a header row back into columns.
 */
import { sheetCell } from '../../platform/http/xlsx.js';
import type { OrgFields } from '../types.js';
import type { YearlyFiguresBody } from '../../shared/api.js';
import type { FIGURE_COLUMNS } from '../repository.js';
import type { RawRecord } from './cells.js';

export type FigureKey = keyof typeof FIGURE_COLUMNS;

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
export const SHEET_ALIASES = new Set(['organisations', 'organizations', '组织机构', '组织']);
export const FIGURE_COLUMNS_LIST = COLUMNS.filter((c) => c.figure);
export const COLUMN_BY_FIGURE = new Map(FIGURE_COLUMNS_LIST.map((c) => [c.figure!, c]));

export const headerText = (c: ColumnSpec) => `${c.zh} ${c.key}`;

/** The column with this key (one of COLUMNS' keys). */
export const column = (key: string): ColumnSpec => COLUMNS.find((c) => c.key === key)!;

/** What each column holds, for the "说明" sheet of an .xlsx. */
export const COLUMN_NOTES: Record<string, string> = {
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

/** One organisation as it travels through a file. Money in 分. */
export interface TransferRow extends OrgFields {
  /** The year of `figures` (the latest on record on export). */
  year: number | null;
  figures: YearlyFiguresBody | null;
}

/**
 * A row's cells in column order, for the .xlsx and the .csv export alike; `money` writes an amount in 分 as the
 * file wants it. Text goes through the platform's one cell rule (sheetCell: never a formula).
 */
export function rowCells(r: TransferRow, money: (fen: number) => string | number): (string | number | null)[] {
  const text = [r.kind, r.name, r.uscc, r.districtCode, r.industryCode, r.sizeBand, r.foundedOn, r.departmentCode].map((v) => sheetCell(v) as string | null);
  const out: (string | number | null)[] = [...text, r.year];
  for (const c of FIGURE_COLUMNS_LIST) {
    const v = r.figures ? r.figures[c.figure!] : null;
    if (v === null || r.year === null) out.push(null);
    else if (c.type === 'count') out.push(v);
    else out.push(money(v));
  }
  return out;
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

export interface Header {
  columns: (ColumnSpec | null)[];
  has: Set<string>;
}

export function parseHeader(rec: RawRecord): { header: Header; errors: string[] } {
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
    if (!has.has(req)) errors.push(`第 ${rec.row} 行（表头）：缺少必需的列“${headerText(column(req))}”`);
  }
  return { header: { columns, has }, errors };
}
