// Checks the reference-data migration against the policy text, without a database:
// the SQL file is tokenised and its INSERT ... VALUES rows are read back, then compared
// with what is parsed independently from the policy text shipped in the repository:
// policies/suzhou-2026/text.txt (a verbatim copy of the seed document).
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDUSTRY_SECTIONS, industrySectionName } from './industry-sections.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POLICY_PATH = path.join(repoRoot, 'policies/suzhou-2026/text.txt');
const MIGRATION_PATH = path.join(repoRoot, 'src/platform/db/migrations/20261130000200_reference.sql');
const SOURCE_DOCUMENT = '苏州市推动科技创新和产业创新融合发展若干政策措施（征求意见稿）';

// ---------------------------------------------------------------- policy text

interface PolicyMeasure {
  no: number;
  sectionNo: number;
  title: string;
  clause: string;
  departments: string[];
}
interface Policy {
  text: string;
  sections: { no: number; title: string }[];
  measures: PolicyMeasure[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const stripBookmarks = (s: string): string => s.replace(/\[bookmark:[^\]]*\]/g, '');

/** The 责任单位 list at the end of a measure paragraph, in the order given. */
function responsibleUnits(clause: string): string[] {
  const m = /（责任单位[：:]([^）]*)）\s*$/.exec(clause);
  if (!m || m[1] === undefined) throw new Error(`no （责任单位：…） at the end of: ${clause.slice(-40)}`);
  return m[1]
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

let policyCache: Policy | undefined;
function policy(): Policy {
  if (policyCache) return policyCache;
  if (!fs.existsSync(POLICY_PATH)) {
    throw new Error(
      `Policy text not found at ${POLICY_PATH}. The reference tests compare the migration with ` +
        `policies/suzhou-2026/text.txt in the repository (${repoRoot}).`,
    );
  }
  const text = stripBookmarks(fs.readFileSync(POLICY_PATH, 'utf8')).replace(/\r\n?/g, '\n');
  const sections: Policy['sections'] = [];
  const measures: PolicyMeasure[] = [];
  for (const line of text.split('\n')) {
    const s = /^([一二三四五六七八九十]+)、(.+?)\s*$/.exec(line);
    if (s && s[1] !== undefined && s[2] !== undefined) {
      sections.push({ no: NUMERALS.indexOf(s[1]) + 1, title: s[2] });
      continue;
    }
    const m = /^(\d+)\.([^。]+)。(.*)$/.exec(line);
    if (m && m[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
      measures.push({
        no: Number(m[1]),
        sectionNo: sections.length,
        title: m[2],
        clause: m[3],
        departments: responsibleUnits(m[3]),
      });
    }
  }
  policyCache = { text, sections, measures };
  return policyCache;
}

// ---------------------------------------------------------------- SQL text

type Value = string | number | null | boolean;
type Row = Record<string, Value>;
type Tok =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'word'; v: string }
  | { t: 'punct'; v: string };

function tokenize(sql: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const j = sql.indexOf('\n', i);
      i = j < 0 ? sql.length : j + 1;
    } else if (sql.startsWith('/*', i)) {
      const j = sql.indexOf('*/', i + 2);
      if (j < 0) throw new Error('unterminated /* comment');
      i = j + 2;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new Error('unterminated string literal');
        const ch = sql.charAt(i);
        if (ch === "'") {
          if (sql.charAt(i + 1) === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += ch;
        i++;
      }
      toks.push({ t: 'str', v });
    } else if (c === '$' && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i, i + 66))) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))![0];
      const end = sql.indexOf(tag, i + tag.length);
      if (end < 0) throw new Error(`unterminated ${tag} string`);
      toks.push({ t: 'str', v: sql.slice(i + tag.length, end) });
      i = end + tag.length;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(sql.charAt(i + 1)))) {
      const m = /^-?\d+(?:\.\d+)?/.exec(sql.slice(i))!;
      toks.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!;
      toks.push({ t: 'word', v: m[0] });
      i += m[0].length;
    } else {
      toks.push({ t: 'punct', v: c });
      i++;
    }
  }
  return toks;
}

interface ParsedSql {
  createdTables: string[];
  rows: Map<string, Row[]>;
}

function parseSql(sql: string): ParsedSql {
  const statements: Tok[][] = [[]];
  for (const tok of tokenize(sql)) {
    if (tok.t === 'punct' && tok.v === ';') statements.push([]);
    else statements[statements.length - 1]!.push(tok);
  }
  const createdTables: string[] = [];
  const rows = new Map<string, Row[]>();
  const isWord = (tok: Tok | undefined, w: string) => tok?.t === 'word' && tok.v.toUpperCase() === w;
  const isPunct = (tok: Tok | undefined, p: string) => tok?.t === 'punct' && tok.v === p;

  for (const st of statements) {
    if (isWord(st[0], 'CREATE') && isWord(st[1], 'TABLE') && st[2]?.t === 'word') {
      createdTables.push(st[2].v);
      continue;
    }
    if (!(isWord(st[0], 'INSERT') && isWord(st[1], 'INTO'))) continue;
    const table = st[2];
    if (table?.t !== 'word') throw new Error('INSERT INTO without a table name');
    let k = 3;
    const expect = (p: string) => {
      if (!isPunct(st[k], p)) throw new Error(`INSERT INTO ${table.v}: expected '${p}' at token ${k}`);
      k++;
    };
    expect('(');
    const cols: string[] = [];
    for (;;) {
      const col = st[k++];
      if (col?.t !== 'word') throw new Error(`INSERT INTO ${table.v}: bad column list`);
      cols.push(col.v);
      if (isPunct(st[k], ',')) k++;
      else break;
    }
    expect(')');
    if (!isWord(st[k++], 'VALUES')) throw new Error(`INSERT INTO ${table.v}: expected VALUES`);
    const list = rows.get(table.v) ?? [];
    for (;;) {
      expect('(');
      const values: Value[] = [];
      for (;;) {
        const v = st[k++];
        if (v?.t === 'str' || v?.t === 'num') values.push(v.v);
        else if (isWord(v, 'NULL')) values.push(null);
        else if (isWord(v, 'TRUE') || isWord(v, 'FALSE')) values.push(isWord(v, 'TRUE'));
        else throw new Error(`INSERT INTO ${table.v}: unsupported value token ${JSON.stringify(v)}`);
        if (isPunct(st[k], ',')) k++;
        else break;
      }
      expect(')');
      if (values.length !== cols.length) {
        throw new Error(`INSERT INTO ${table.v}: ${values.length} values for ${cols.length} columns`);
      }
      list.push(Object.fromEntries(cols.map((c, j) => [c, values[j] as Value])));
      if (isPunct(st[k], ',')) k++;
      else break;
    }
    if (k !== st.length) throw new Error(`INSERT INTO ${table.v}: trailing tokens (ON CONFLICT etc. not expected)`);
    rows.set(table.v, list);
  }
  return { createdTables, rows };
}

const parsed = parseSql(fs.readFileSync(MIGRATION_PATH, 'utf8'));
const rowsOf = (table: string): Row[] => parsed.rows.get(table) ?? [];
const bySort = (a: Row, b: Row) => Number(a.sort) - Number(b.sort);

// ---------------------------------------------------------------- expectations

const DISTRICTS: [string, string, string][] = [
  ['320508', '姑苏区', 'district'],
  ['320505', '虎丘区', 'district'],
  ['320506', '吴中区', 'district'],
  ['320507', '相城区', 'district'],
  ['320509', '吴江区', 'district'],
  ['320571', '苏州工业园区', 'district'],
  ['320581', '常熟市', 'county_city'],
  ['320582', '张家港市', 'county_city'],
  ['320583', '昆山市', 'county_city'],
  ['320585', '太仓市', 'county_city'],
];

/** GB/T 4754-2017: each section (门类) and the range of its divisions (大类). */
const SECTION_RANGES: [string, string, number, number][] = [
  ['A', '农、林、牧、渔业', 1, 5],
  ['B', '采矿业', 6, 12],
  ['C', '制造业', 13, 43],
  ['D', '电力、热力、燃气及水生产和供应业', 44, 46],
  ['E', '建筑业', 47, 50],
  ['F', '批发和零售业', 51, 52],
  ['G', '交通运输、仓储和邮政业', 53, 60],
  ['H', '住宿和餐饮业', 61, 62],
  ['I', '信息传输、软件和信息技术服务业', 63, 65],
  ['J', '金融业', 66, 69],
  ['K', '房地产业', 70, 70],
  ['L', '租赁和商务服务业', 71, 72],
  ['M', '科学研究和技术服务业', 73, 75],
  ['N', '水利、环境和公共设施管理业', 76, 79],
  ['O', '居民服务、修理和其他服务业', 80, 82],
  ['P', '教育', 83, 83],
  ['Q', '卫生和社会工作', 84, 85],
  ['R', '文化、体育和娱乐业', 86, 90],
  ['S', '公共管理、社会保障和社会组织', 91, 96],
  ['T', '国际组织', 97, 97],
];

describe('reference migration 20261130000200_reference.sql (parsed, no database)', () => {
  it('finds the policy text and parses 5 sections and 19 measures from it', () => {
    const p = policy();
    expect(p.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5]);
    expect(p.measures.map((m) => m.no)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  });

  it('creates exactly the six reference tables', () => {
    expect([...parsed.createdTables].sort()).toEqual(
      ['departments', 'districts', 'industries', 'measure_departments', 'measures', 'policy_sections'],
    );
  });

  it('has the ten Suzhou districts and county-level cities in order', () => {
    const rows = [...rowsOf('districts')].sort(bySort);
    expect(rows.map((r) => [r.code, r.name, r.kind])).toEqual(DISTRICTS);
    expect(rows.map((r) => r.sort)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    for (const r of rows) expect(String(r.name_en)).toMatch(/^[\x20-\x7e]+$/);
    expect(rows[1]?.name_en).toBe('Huqiu District (Suzhou New District)');
  });

  it('has all 20 GB/T 4754-2017 sections and 97 divisions', () => {
    const rows = rowsOf('industries');
    const sections = rows.filter((r) => r.level === 'section');
    const divisions = rows.filter((r) => r.level === 'division');
    expect(rows).toHaveLength(117);
    expect(sections).toHaveLength(20);
    expect(divisions).toHaveLength(97);
    expect(new Set(rows.map((r) => r.code)).size).toBe(117);

    expect([...sections].sort(bySort).map((r) => [r.code, r.name])).toEqual(SECTION_RANGES.map(([c, n]) => [c, n]));
    // the name table pure code uses (explanations name the section, not its letter) says the same
    expect(Object.entries(INDUSTRY_SECTIONS)).toEqual(SECTION_RANGES.map(([c, n]) => [c, n]));
    expect(industrySectionName('M')).toBe('科学研究和技术服务业');
    expect(industrySectionName('Z')).toBe('Z');
    for (const s of sections) {
      expect(s.section_code).toBe(s.code);
      expect(s.parent_code).toBeNull();
    }

    const expectedCodes = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0'));
    expect(divisions.map((r) => r.code).sort()).toEqual(expectedCodes);
    for (const d of divisions) {
      const n = Number(d.code);
      const range = SECTION_RANGES.find(([, , lo, hi]) => n >= lo && n <= hi)!;
      expect([d.code, d.section_code, d.parent_code, d.sort]).toEqual([d.code, range[0], range[0], n]);
      expect(String(d.name)).toMatch(/^\S+$/);
    }

    const name = (code: string) => rows.find((r) => r.code === code)?.name;
    expect(name('05')).toBe('农、林、牧、渔专业及辅助性活动');
    expect(name('27')).toBe('医药制造业');
    expect(name('39')).toBe('计算机、通信和其他电子设备制造业');
    expect(name('58')).toBe('多式联运和运输代理业');
    expect(name('65')).toBe('软件和信息技术服务业');
    expect(name('73')).toBe('研究和试验发展');
    expect(name('79')).toBe('土地管理业');
    expect(name('96')).toBe('基层群众自治组织及其他组织');
  });

  it('has the five policy sections as headed in the policy text', () => {
    const rows = [...rowsOf('policy_sections')].sort((a, b) => Number(a.no) - Number(b.no));
    expect(rows.map((r) => ({ no: r.no, title: r.title }))).toEqual(policy().sections);
  });

  it('has the 19 measures with titles and clause texts verbatim from the policy text', () => {
    const p = policy();
    const rows = [...rowsOf('measures')].sort((a, b) => Number(a.no) - Number(b.no));
    expect(rows.map((r) => r.no)).toEqual(p.measures.map((m) => m.no));
    for (const [i, m] of p.measures.entries()) {
      const r = rows[i]!;
      expect(r.title, `measure ${m.no} title`).toBe(m.title);
      expect(r.section_no, `measure ${m.no} section`).toBe(m.sectionNo);
      expect(r.clause_text, `measure ${m.no} clause_text`).toBe(m.clause);
      expect(p.text.includes(String(r.clause_text)), `measure ${m.no} clause_text appears in the policy`).toBe(true);
      expect(p.text.includes(`${m.no}.${String(r.title)}。${String(r.clause_text)}`)).toBe(true);
      expect(String(r.clause_text)).toMatch(/（责任单位[：:][^）]*）$/);
      expect(String(r.clause_text)).not.toContain('[bookmark');
      expect(r.source_document).toBe(SOURCE_DOCUMENT);
    }
  });

  it("lists each measure's 责任单位 in the policy's order", () => {
    const deptName = new Map(rowsOf('departments').map((d) => [d.code, d.name]));
    const links = rowsOf('measure_departments');
    expect(new Set(links.map((l) => `${l.measure_no}/${l.department_code}`)).size).toBe(links.length);
    for (const m of policy().measures) {
      const mine = links.filter((l) => l.measure_no === m.no).sort(bySort);
      expect(mine.map((l) => l.sort), `measure ${m.no} sort`).toEqual(mine.map((_, i) => i + 1));
      for (const l of mine) expect(deptName.has(l.department_code), `department ${l.department_code}`).toBe(true);
      expect(mine.map((l) => deptName.get(l.department_code)), `measure ${m.no} departments`).toEqual(m.departments);
    }
    expect(links).toHaveLength(policy().measures.reduce((n, m) => n + m.departments.length, 0));
  });

  it('has exactly the departments the policy names, with ASCII codes and English names', () => {
    const rows = [...rowsOf('departments')].sort(bySort);
    const named = new Set(policy().measures.flatMap((m) => m.departments));
    expect(new Set(rows.map((r) => r.name))).toEqual(named);
    expect(rows).toHaveLength(named.size);
    expect(rows.map((r) => r.sort)).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) {
      expect(String(r.code)).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(String(r.name_en)).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
