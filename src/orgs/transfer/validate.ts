/**
 * Turning one data row into an ImportRow, or into every error it has (naming the
 * row and the column). Pure: the reference tables come in through RowContext.
 */
import { figuresYearProblem, YearlyFiguresBody } from '../../shared/api.js';
import { ORG_KIND_LABELS, ORG_KINDS, SIZE_BAND_LABELS, SIZE_BANDS, type OrgKind, type SizeBand } from '../../shared/enums.js';
import { unescapeText } from '../../platform/http/xlsx.js';
import { validateUscc } from '../../shared/uscc.js';
import { cellText, isBlank, pad2, parseCount, parseDate, type RawCell, type RawRecord } from './cells.js';
import { column, COLUMN_BY_FIGURE, FIGURE_COLUMNS_LIST, type ColumnSpec, type FigureKey, type Header, type TransferRow } from './columns.js';
import { parseMoney } from './money.js';

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportRow extends TransferRow {
  row: number;
  /** The organisation this row updates; null when it inserts. */
  targetId?: number | null;
}

/** Accepted spellings (code, name, short name) → code. */
export interface Refs {
  districts: Map<string, string>;
  industries: Map<string, string>; // code → level
  departments: Map<string, string>;
}

/** Builds the look-up maps from the reference tables (repository listTransferReferences). */
export function buildRefs(tables: {
  districts: { code: string; name: string }[];
  industries: { code: string; level: string }[];
  departments: { code: string; name: string }[];
}): Refs {
  const districts = new Map<string, string>();
  for (const d of tables.districts) {
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
  const industries = new Map(tables.industries.map((i) => [i.code, i.level]));
  const departments = new Map<string, string>();
  for (const d of tables.departments) {
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

/** What identifies a row, for finding duplicates inside the file (known even when other cells have errors). */
export interface RowKeys {
  kind: OrgKind | null;
  name: string | null;
  uscc: string | null;
  departmentCode: string | null;
}

export interface RowContext {
  refs: Refs;
  /** Today in Asia/Shanghai ('YYYY-MM-DD'): founding dates up to today, figures only for years before this one. */
  today: string;
}

/** Parses one data row; returns the row or its errors (all of them, not only the first). */
export function parseRow(rec: RawRecord, header: Header, ctx: RowContext): { row?: ImportRow; keys: RowKeys; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (col: ColumnSpec, reason: string) => errors.push({ row: rec.row, field: col.key, message: `第 ${rec.row} 行 ${col.zh}：${reason}` });
  const values = new Map<string, RawCell>();
  header.columns.forEach((col, i) => {
    if (!col) return;
    const v = rec.cells[i] ?? null;
    if (isBlank(v)) return;
    values.set(col.key, v);
  });
  const text = (key: string) => (values.has(key) ? cellText(values.get(key)!) : null);

  // kind
  let kind: OrgKind | null = null;
  const kindText = text('kind');
  if (kindText === null) fail(column('kind'), '不能为空');
  else {
    kind = KIND_BY_TEXT.get(kindText) ?? KIND_BY_TEXT.get(kindText.toLowerCase()) ?? null;
    if (!kind) fail(column('kind'), `“${kindText}”不是有效的组织类型，应为 ${ORG_KINDS.map((k) => `${k}（${ORG_KIND_LABELS[k].zh}）`).join('、')}`);
  }

  // name
  // The export writes a name that begins like a formula with an apostrophe in front (platform/http/xlsx.ts): read it back as it was.
  const nameText = text('name');
  const name = nameText === null ? null : unescapeText(nameText);
  if (name === null) fail(column('name'), '不能为空');
  else if ([...name].length < 2) fail(column('name'), `“${name}”太短，至少 2 个字`);
  else if ([...name].length > 120) fail(column('name'), '超过 120 个字');

  // uscc
  let uscc: string | null = null;
  const usccRaw = values.get('uscc');
  if (usccRaw === undefined) {
    if (kind === 'enterprise') fail(column('uscc'), '企业必须填写统一社会信用代码');
  } else if (typeof usccRaw === 'number') {
    fail(column('uscc'), `被 Excel 存成了数字（${usccRaw}），后几位已丢失；请把该列设为文本格式后重新填写`);
  } else {
    const r = validateUscc(cellText(usccRaw));
    if (r.ok) uscc = r.code;
    else fail(column('uscc'), r.reason);
  }

  // district
  let districtCode: string | null = null;
  const d = text('district');
  if (d !== null) {
    districtCode = ctx.refs.districts.get(d) ?? null;
    if (!districtCode) fail(column('district'), `“${d}”不是苏州的区县（市），应填写代码（如 320571）或名称（如 苏州工业园区）`);
  }

  // industry
  let industryCode: string | null = null;
  const indRaw = values.get('industry');
  if (indRaw !== undefined) {
    const s = typeof indRaw === 'number' && Number.isInteger(indRaw) && indRaw >= 1 && indRaw <= 9 ? pad2(indRaw) : cellText(indRaw).toUpperCase();
    const level = ctx.refs.industries.get(s);
    if (!level) fail(column('industry'), `“${s}”不在 GB/T 4754-2017 中，应填写两位数字的大类代码（如 39）`);
    else if (level !== 'division') fail(column('industry'), `应填写到大类（两位数字），“${s}”是门类`);
    else industryCode = s;
  }

  // size band
  let sizeBand: SizeBand | null = null;
  const sz = text('size_band');
  if (sz !== null) {
    sizeBand = SIZE_BY_TEXT.get(sz) ?? SIZE_BY_TEXT.get(sz.toLowerCase()) ?? null;
    if (!sizeBand) fail(column('size_band'), `“${sz}”不是有效的企业规模，应为 ${SIZE_BANDS.map((s) => `${s}（${SIZE_BAND_LABELS[s].zh}）`).join('、')}`);
  }

  // founded on
  let foundedOn: string | null = null;
  const fo = values.get('founded_on');
  if (fo !== undefined) {
    const r = parseDate(fo, ctx.today);
    if (r.ok) foundedOn = r.value;
    else fail(column('founded_on'), r.reason);
  }

  // department
  let departmentCode: string | null = null;
  const dep = text('department');
  if (dep !== null) {
    if (kind && kind !== 'government') fail(column('department'), '只有政府部门（government）可以填写对应部门');
    else {
      departmentCode = ctx.refs.departments.get(dep) ?? ctx.refs.departments.get(dep.toLowerCase()) ?? null;
      if (!departmentCode) fail(column('department'), `“${dep}”不是已登记的部门，应填写部门代码（如 kjj）或名称（如 市科技局）`);
    }
  } else if (kind === 'government') {
    fail(column('department'), '政府部门必须填写对应部门（部门代码或名称）');
  }

  // year and figures: both or neither
  let year: number | null = null;
  let figures: YearlyFiguresBody | null = null;
  const yearRaw = values.get('year');
  const givenFigures = FIGURE_COLUMNS_LIST.filter((c) => values.has(c.key));
  if (yearRaw !== undefined || givenFigures.length > 0) {
    if (kind && kind !== 'enterprise') {
      fail(column(yearRaw !== undefined ? 'year' : givenFigures[0]!.key), '只有企业（enterprise）可以填写年度经营数据');
    } else if (yearRaw === undefined) {
      fail(column('year'), `填写了年度经营数据（${givenFigures.map((c) => c.zh).join('、')}），但没有填写数据年度`);
    } else {
      const yText = cellText(yearRaw);
      const y = typeof yearRaw === 'number' ? yearRaw : /^\d{4}$/.test(yText) ? Number(yText) : NaN;
      const problem = Number.isInteger(y) ? figuresYearProblem(y, Number(ctx.today.slice(0, 4))) : `“${yText}”不是有效的年度，应为四位年份`;
      if (problem) fail(column('year'), problem);
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
        else for (const issue of parsed.error.issues) fail(COLUMN_BY_FIGURE.get(issue.path[0] as FigureKey) ?? column('year'), issue.message);
      }
    }
  }

  const keys: RowKeys = { kind, name, uscc, departmentCode };
  if (errors.length > 0 || !kind || name === null) return { keys, errors };
  return { row: { row: rec.row, kind, name, uscc, districtCode, industryCode, sizeBand, foundedOn, departmentCode, year, figures }, keys, errors };
}
