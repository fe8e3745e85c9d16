import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumber, ClauseParseError, clauseProblems, parseClauses, stripBookmarks } from './library.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const SUZHOU_TEXT = fs.readFileSync(path.join(repoRoot, 'policies/suzhou-2026/text.txt'), 'utf8');
const SUZHOU_META = JSON.parse(fs.readFileSync(path.join(repoRoot, 'policies/suzhou-2026/policy.json'), 'utf8')) as Record<string, unknown>;
const migration = (name: string) => fs.readFileSync(path.join(repoRoot, 'src/platform/db/migrations', name), 'utf8');

describe('chineseNumber', () => {
  it('reads the numerals articles are numbered with', () => {
    expect(['一', '九', '十', '十一', '十九', '二十', '二十三', '九十九', '一百', '一百零五', '一百一十', '二百三十四', '九百九十九'].map(chineseNumber)).toEqual([
      1, 9, 10, 11, 19, 20, 23, 99, 100, 105, 110, 234, 999,
    ]);
    expect(chineseNumber('第一')).toBeNull();
    expect(chineseNumber('12')).toBeNull();
  });
});

describe('parseClauses', () => {
  it('reads the 19 measures of the Suzhou policy, with titles, sections and verbatim texts', () => {
    const clauses = parseClauses(SUZHOU_TEXT);
    expect(clauses.map((c) => c.no)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(clauses[0]).toMatchObject({ title: '建设高能级平台', section: '提升科技创新供给能力' });
    expect(clauses[0]!.text.startsWith('举全市之力服务保障苏州实验室建设')).toBe(true);
    expect(clauses[4]).toMatchObject({ no: 5, title: '加快市场主体培育', section: '强化企业创新主体地位' });
    expect(clauses[18]).toMatchObject({ no: 19, title: '打造科技合作新通道', section: '优化融合创新发展生态' });
    const plain = stripBookmarks(SUZHOU_TEXT);
    for (const c of clauses) {
      expect(plain.includes(`${c.no}.${c.title}。${c.text}`), `measure ${c.no}`).toBe(true);
      expect(c.text).not.toContain('[bookmark');
    }
  });

  it('reads 第…条 articles, with chapters, multi-line articles and numbered sub-items kept inside', () => {
    const text = [
      '示例区科技创新补充政策（测试样例）',
      '第一章 总则',
      '第一条 为支持示例区企业研发，制定本政策。',
      '第二条 适用范围。本政策适用于注册在示例区的企业。',
      '第二章 支持措施',
      '第三条 对研发投入增长的企业，给予以下支持：',
      '1.研发投入增量的10%，最高100万元；',
      '2.首次认定的，另给予10万元。',
      '第十条 本政策自2027年1月1日起施行。',
    ].join('\n');
    expect(() => parseClauses(text)).toThrow(/第 3 条之后是第 10 条/);
    const ok = parseClauses(text.replace('第十条', '第四条'));
    expect(ok).toEqual([
      { no: 1, title: '', text: '为支持示例区企业研发，制定本政策。', section: '总则' },
      { no: 2, title: '适用范围', text: '本政策适用于注册在示例区的企业。', section: '总则' },
      { no: 3, title: '', text: '对研发投入增长的企业，给予以下支持：\n1.研发投入增量的10%，最高100万元；\n2.首次认定的，另给予10万元。', section: '支持措施' },
      { no: 4, title: '', text: '本政策自2027年1月1日起施行。', section: '支持措施' },
    ]);
  });

  it('reads "1." / "1．" / "1、" articles and ignores the preamble', () => {
    const clauses = parseClauses('前言，不是条款。\r\n1．加大研发投入。对研发投入给予支持。\r\n2、对新认定的企业给予奖励。\r\n3.5亿元以上的项目另议。');
    expect(clauses.map((c) => [c.no, c.title, c.text])).toEqual([
      [1, '加大研发投入', '对研发投入给予支持。'],
      [2, '', '对新认定的企业给予奖励。\n3.5亿元以上的项目另议。'],
    ]);
  });

  it('refuses a text with no articles, or numbering that does not start at 1', () => {
    expect(() => parseClauses('只有一段话，没有编号。')).toThrow(ClauseParseError);
    expect(() => parseClauses('只有一段话，没有编号。')).toThrow(/未能从全文中识别出条款/);
    expect(() => parseClauses('2.第二条。\n3.第三条。')).toThrow(/第一个条款的编号应为 1/);
    expect(() => parseClauses('1.甲。\n1.乙。')).toThrow(/第 1 条之后是第 1 条/);
  });
});

describe('clauseProblems', () => {
  it('names the clause whose number repeats or whose text is not in the full text', () => {
    const full = '第一条 甲乙丙丁。\n第二条 戊己庚辛。';
    expect(clauseProblems(full, [{ no: 1, text: '甲乙丙丁。' }, { no: 2, text: '戊己庚辛。' }])).toEqual([]);
    expect(clauseProblems(full, [{ no: 1, text: '甲乙丙丁。' }, { no: 1, text: '戊己庚辛！' }])).toEqual([
      ['clauses[1].no', '条款编号 1 重复'],
      ['clauses[1].text', '第 1 条的条文应逐字出现在政策全文中，未在全文中找到'],
    ]);
  });
});

describe('the Suzhou policy shipped in the repository and its migration', () => {
  it('policy.json names the document the migration inserts', () => {
    const sql = migration('20261208000110_policies.sql');
    expect(SUZHOU_META).toMatchObject({ code: 'suzhou-2026', level: 'city', status: 'draft', text: 'text.txt' });
    expect(sql).toContain(`('suzhou-2026', '${String(SUZHOU_META.title)}', 'city', NULL, '${String(SUZHOU_META.issuer)}', NULL, '${String(SUZHOU_META.effectiveFrom)}', NULL, 'draft',`);
  });

  it("the migration's full text is text.txt without the Word bookmarks", () => {
    const sql = migration('20261208000110_policies.sql');
    const m = /\$pt\$([\s\S]*)\$pt\$/.exec(sql);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(stripBookmarks(SUZHOU_TEXT));
  });

  it('the clauses it copies from the measures table are the articles parsed from text.txt', () => {
    const ref = migration('20261130000200_reference.sql');
    const measures = [...ref.matchAll(/\((\d+), (\d), '([^']+)',\s*\$\$([^$]*)\$\$/g)].map((m) => ({ no: Number(m[1]), title: m[3], text: m[4] }));
    const sections = [...ref.matchAll(/\((\d), '([^']+)'\)/g)].map((m) => m[2]);
    expect(measures).toHaveLength(19);
    const parsed = parseClauses(SUZHOU_TEXT);
    expect(parsed.map((c) => ({ no: c.no, title: c.title, text: c.text }))).toEqual(measures);
    expect(sections).toEqual([...new Set(parsed.map((c) => c.section))]);
  });
});
