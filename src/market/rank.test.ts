import { describe, expect, it } from 'vitest';
import { ExpertIndex, rankEnterprises, rankInstitutions } from './rank.js';
import { tokenize } from './text/tokenize.js';

const match = (id: number, score: number, title = `成果${id}`) => ({ id, score, title, reasons: [], sharedTerms: [] });

describe('ranking parties', () => {
  it('an institution ranks by its best achievement, then by how many more fit, then nearness', () => {
    const owner = (id: number) => ({ 1: { id: 10, name: '甲大学', district: '320571' }, 2: { id: 10, name: '甲大学', district: '320571' }, 3: { id: 20, name: '乙研究院', district: '320582' }, 4: { id: 30, name: '丙大学', district: '320571' } })[id];
    const r = rankInstitutions([match(3, 0.8), match(1, 0.7), match(2, 0.6), match(4, 0.7)], owner, '320571');
    // 乙 has the best single achievement but is far; 甲 ties 丙 on its best and has a second one worth recommending
    expect(r.map((x) => x.name)).toEqual(['甲大学', '乙研究院', '丙大学']);
    const jia = r.find((x) => x.name === '甲大学')!;
    const bing = r.find((x) => x.name === '丙大学')!;
    expect(jia.score).toBeGreaterThan(bing.score);
    expect(jia.reasons[1]!.text).toBe('另有 1 项成果匹配度在 0.45 以上');
    expect(bing.reasons[1]!.text).toBe('没有其他高匹配度的成果');
    expect(r.find((x) => x.name === '乙研究院')!.reasons[2]!.text).toMatch(/相距约 \d+ 公里/);
  });

  it('experts rank by shared expertise and field; the demand’s own organisation is excluded; a field alone is enough to be listed', () => {
    const ix = new ExpertIndex((c) => ({ photonics: '光子与硅光子', 'photonics.silicon': '硅光子' })[c] ?? c);
    const e = (id: number, orgId: number, fields: string[], text: string) => ({ id, name: `专家${id}`, title: '教授', orgId, orgName: `单位${orgId}`, fields, tokens: tokenize(text) });
    ix.add(e(1, 1, ['photonics.silicon'], '硅光子集成与光模块封装'));
    ix.add(e(2, 2, ['photonics.laser'], '激光器'));
    ix.add(e(3, 3, ['energy.battery'], '锂电池隔膜'));
    ix.add(e(4, 9, ['photonics.silicon'], '硅光子光模块封装良率'));
    const r = ix.rankFor(tokenize('光模块封装良率提升 硅光子'), ['photonics.silicon'], 9);
    expect(r.map((x) => x.id)).toEqual([1, 2]);
    expect(r[0]!.reasons[1]!.text).toBe('专长细分领域：硅光子');
    expect(r[1]!.reasons[0]!.text).toBe('专长描述与需求没有共同的词');
    expect(r[1]!.reasons[1]!.text).toBe('专长领域：光子与硅光子');
  });

  it('enterprises: a matching demand outweighs an industry that merely uses the field; unrelated enterprises are not listed', () => {
    const ent = (id: number, industryCode: string, percentile: number | null) => ({ id, name: `企业${id}`, district: '320571', industryCode, industryName: `行业${industryCode}`, percentile });
    const r = rankEnterprises(
      { fields: ['ic.design'], district: '320571' },
      [{ ...match(100, 0.8, '芯片设计需求'), orgId: 2 }],
      [ent(1, '39', 90), ent(2, '34', null), ent(3, '27', 99)],
      (c) => ({ ic: '集成电路' })[c] ?? c,
    );
    expect(r.map((x) => x.id)).toEqual([2, 1]);
    expect(r[0]!.reasons[0]!.text).toContain('芯片设计需求');
    expect(r[0]!.reasons[2]!.text).toBe('暂无科创指数');
    expect(r[1]!.reasons[1]!.text).toBe('所属行业“行业39”是集成电路技术的应用行业');
    expect(r[1]!.reasons[2]!.text).toBe('科创指数高于同组 90% 的企业（承接能力）');
  });
});
