import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { Bm25Index } from './bm25.js';

const FIELDS = [
  { name: 'title', weight: 3, b: 0.75 },
  { name: 'keywords', weight: 2, b: 0.5 },
  { name: 'abstract', weight: 1, b: 0.75 },
];
const doc = (title: string, keywords: string, abstract: string) => [tokenize(title), tokenize(keywords), tokenize(abstract)];

describe('BM25F index', () => {
  const idx = new Bm25Index(FIELDS);
  idx.add(1, doc('硅光子芯片高速光模块', '硅光子 光模块 封装', '面向数据中心的 800G 硅光子光模块，提高良率。'));
  idx.add(2, doc('锂电池热管理系统', '储能 热管理', '文中提及硅光子一次，用于对比。'));
  idx.add(3, doc('光模块封装自动化产线', '光模块 自动化', '用于光模块封装的机器视觉对位系统。'));
  idx.add(4, doc('量子点显示材料', '新型显示 量子点', '量子点发光材料的合成与稳定性。'));

  it('ranks a title hit above an abstract hit (title > keywords > abstract)', () => {
    const hits = idx.search(tokenize('硅光子'), 10);
    expect(hits.map((h) => h.id)).toEqual([1, 2]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });
  it('returns the matched terms for highlighting, best first', () => {
    const [top] = idx.search(tokenize('硅光子光模块良率'), 10);
    expect(top!.id).toBe(1);
    expect(top!.terms).toEqual(expect.arrayContaining(['硅光子', '光模块', '良率']));
  });
  it('filters, replaces and removes documents', () => {
    expect(idx.search(tokenize('光模块'), 10, (id) => id !== 1).map((h) => h.id)).toEqual([3]);
    idx.add(3, doc('电池回收', '回收', '湿法冶金。'));
    expect(idx.search(tokenize('光模块'), 10).map((h) => h.id)).toEqual([1]);
    idx.remove(1);
    expect(idx.search(tokenize('光模块'), 10)).toEqual([]);
    expect(idx.size).toBe(3);
  });
  it('a query with no known term finds nothing', () => {
    expect(idx.search(tokenize('的 了 和'), 10)).toEqual([]);
  });
});
