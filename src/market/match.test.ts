import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districtKm, Matcher, NEIGHBOUR_FIELDS, SAME_TOP_FIELD_SCORE, weightsFromList, weightsToList, type AchievementDoc, type DemandDoc, type Match } from './match.js';

const A = (id: number, over: Partial<AchievementDoc>): AchievementDoc => ({
  id, title: '', abstract: '', keywords: [], fields: [], trl: 5, valuationFen: null, modes: [], district: '320571', status: 'unconverted', confidential: false, ...over,
});
const demand: DemandDoc = {
  id: 1, title: '高速光模块封装良率提升', problem: '我司 800G 光模块封装良率偏低，耦合对准耗时长，希望引进硅光子集成或自动耦合技术。',
  fields: ['ic.photonics'], requiredTrl: { min: 5, max: 7 }, budgetFen: { min: 0, max: 500 * 1_000_000 }, modes: ['license_exclusive', 'joint_dev'], district: '320571',
};

describe('matching', () => {
  const m = new Matcher();
  m.addAchievement(A(1, { title: '硅光子光模块自动耦合封装技术', keywords: ['硅光子', '光模块', '耦合'], abstract: '提出一种光模块自动耦合对准方法，提高封装良率。', fields: ['ic.photonics'], trl: 6, valuationFen: 300 * 1_000_000, modes: ['license_exclusive'] }));
  m.addAchievement(A(2, { title: '硅光子光模块封装', keywords: ['硅光子', '光模块'], abstract: '光模块封装。', fields: ['ic.photonics'], trl: 2, valuationFen: 3000 * 1_000_000, modes: ['transfer'], district: '320582' }));
  m.addAchievement(A(3, { title: '锂电池隔膜涂覆', keywords: ['锂电池'], abstract: '涂覆工艺。', fields: ['energy.battery'] }));
  m.addAchievement(A(4, { title: '硅光子光模块自动耦合封装技术（保密）', keywords: ['硅光子'], abstract: '光模块。', fields: ['ic.photonics'], confidential: true }));
  m.addAchievement(A(5, { title: '硅光子光模块自动耦合', keywords: ['硅光子'], abstract: '光模块。', fields: ['ic.photonics'], status: 'converted' }));

  const ranked = m.achievementsFor(demand);
  it('ranks the achievement that fits on every count first, and explains why', () => {
    expect(ranked[0]!.id).toBe(1);
    const kinds = ranked[0]!.reasons.map((r) => r.kind);
    expect(kinds).toEqual(['terms', 'field', 'trl', 'budget', 'modes', 'district']);
    expect(ranked[0]!.sharedTerms).toEqual(expect.arrayContaining(['硅光子', '光模块']));
    const texts = ranked[0]!.reasons.map((r) => r.text).join('；');
    expect(texts).toContain('TRL 6，在需求要求的 5–7 之内');
    expect(texts).toContain('双方都接受：独占许可');
    expect(texts).toContain('同一区县');
  });
  it('a too-early TRL, a valuation over budget, no common mode and distance lower a textually similar achievement', () => {
    const second = ranked.find((x) => x.id === 2)!;
    expect(second.score).toBeLessThan(ranked[0]!.score);
    const t = second.reasons.map((r) => r.text).join('；');
    expect(t).toContain('低于要求的 5');
    expect(t).toContain('超出预算上限');
    expect(t).toContain('没有双方都接受的转化方式');
  });
  it('never recommends confidential or converted achievements', () => {
    expect(ranked.map((x) => x.id)).not.toContain(4);
    expect(ranked.map((x) => x.id)).not.toContain(5);
  });
  it('matches the other way: demands for an achievement', () => {
    m.addDemand(demand);
    m.addDemand({ ...demand, id: 2, title: '污水处理膜', problem: '膜污染严重。', fields: ['env.water'] });
    expect(m.demandsFor(A(9, { title: '光模块自动耦合', keywords: ['光模块'], abstract: '耦合对准。', fields: ['ic.photonics'] }))[0]!.id).toBe(1);
  });
  it('a converted or confidential achievement is not pushed to demands either', () => {
    const fits = A(10, { title: '光模块自动耦合', keywords: ['光模块'], abstract: '耦合对准。', fields: ['ic.photonics'] });
    expect(m.demandsFor(fits).map((x) => x.id)).toContain(1);
    expect(m.demandsFor({ ...fits, status: 'converted' })).toEqual([]);
    expect(m.demandsFor({ ...fits, confidential: true })).toEqual([]);
    expect(m.demandsFor({ ...fits, status: 'negotiating' }).map((x) => x.id)).toContain(1);
  });
  it('district distances are symmetric and zero within a district', () => {
    expect(districtKm('320571', '320571')).toBe(0);
    expect(districtKm('320583', '320505')).toBe(districtKm('320505', '320583'));
    expect(districtKm('320583', '320505')).toBeGreaterThan(30);
  });
});

describe('text similarity on one scale across queries', () => {
  it('a demand that shares one word with every achievement gets a low text score, not a perfect one', () => {
    const m = new Matcher();
    m.addAchievement(A(1, { title: '锂电池隔膜涂覆', keywords: ['锂电池', '隔膜'], abstract: '隔膜涂覆工艺提高良率。', fields: ['energy.battery'] }));
    m.addAchievement(A(2, { title: '光伏组件封装', keywords: ['光伏'], abstract: '组件封装良率。', fields: ['energy.pv'] }));
    const weak = m.achievementsFor({ ...demand, title: '注塑件外观缺陷检测', problem: '注塑件外观缺陷人工目检漏检率高，良率波动，需要在线视觉检测方案。', fields: ['equip.inspection'] });
    expect(weak[0]!.reasons[0]!.score).toBeLessThan(0.3);
    const strong = new Matcher();
    strong.addAchievement(A(1, { title: '硅光子光模块自动耦合封装技术', keywords: ['硅光子', '光模块', '耦合'], abstract: '光模块自动耦合对准方法，提高封装良率。', fields: ['ic.photonics'] }));
    expect(strong.achievementsFor(demand)[0]!.reasons[0]!.score).toBeGreaterThan(0.6);
  });
  it('names fields in the reasons when given the taxonomy', () => {
    const m = new Matcher(undefined, undefined, (c) => ({ 'ic.photonics': '光电芯片' })[c] ?? c);
    m.addAchievement(A(1, { title: '硅光子光模块', keywords: ['光模块'], abstract: '光模块封装。', fields: ['ic.photonics'] }));
    expect(m.achievementsFor(demand)[0]!.reasons[1]!.text).toBe('同属细分领域：光电芯片');
  });
  it('an identical top-level field is called a shared field, not a shared subfield (and scores as identical codes do)', () => {
    const name = (c: string) => ({ ai: '人工智能', 'ai.cv': '计算机视觉', ic: '集成电路' })[c] ?? c;
    const m = new Matcher(undefined, undefined, name);
    m.addAchievement(A(1, { title: '硅光子光模块', keywords: ['光模块'], abstract: '光模块封装。', fields: ['ai'] }));
    const field = (fields: string[]) => m.achievementsFor({ ...demand, fields })[0]!.reasons.find((r) => r.kind === 'field')!;
    expect(field(['ai'])).toEqual({ kind: 'field', text: '同属领域：人工智能', score: 1 });
    // a subfield under the achievement's top field: the top field is shared (scored lower, as before)
    expect(field(['ai.cv'])).toEqual({ kind: 'field', text: '同属领域：人工智能', score: 0.6 });
    expect(field(['ic'])).toEqual({ kind: 'field', text: '领域不同', score: 0 });
    const both = new Matcher(undefined, undefined, name);
    both.addAchievement(A(1, { title: '硅光子光模块', keywords: ['光模块'], abstract: '光模块封装。', fields: ['ai', 'ai.cv'] }));
    expect(both.achievementsFor({ ...demand, fields: ['ai.cv', 'ai'] })[0]!.reasons[1]).toEqual({ kind: 'field', text: '同属细分领域：计算机视觉；同属领域：人工智能', score: 1 });
  });
});

describe('neighbouring fields, learned from the fields documents carry together', () => {
  const name = (c: string) => ({ newmat: '新材料', aerospace: '航空航天', energy: '新能源与储能', ic: '集成电路' })[c] ?? c;
  /** Three achievements in both 新材料 and 航空航天, four elsewhere: the two fields meet more often than chance. */
  const background = (m: Matcher) => {
    for (let i = 0; i < 3; i++) m.addAchievement(A(100 + i, { title: `钛合金构件 ${i}`, abstract: '构件制造。', fields: ['newmat.metal', 'aerospace.material'] }));
    for (let i = 0; i < 4; i++) m.addAchievement(A(110 + i, { title: `电池管理 ${i}`, abstract: '电池。', fields: [i % 2 ? 'energy.battery' : 'ic.process'] }));
  };
  const coating = { title: '高温合金热障涂层', keywords: ['热障涂层'], abstract: '涡轮叶片热障涂层的制备。' };
  const d: DemandDoc = { ...demand, id: 7, title: '涡轮叶片热障涂层', problem: '发动机涡轮叶片热障涂层易剥落。', fields: ['aerospace.aircraft'] };
  const field = (m: Matcher, id: number, dd = d) => m.achievementsFor(dd).find((x) => x.id === id)!.reasons.find((r) => r.kind === 'field')!;

  it('a pair with no common top-level field scores factor × the strongest link, named in the reason, from both sides', () => {
    const m = new Matcher(undefined, undefined, name, undefined, undefined, undefined, { ...NEIGHBOUR_FIELDS, factor: 0.5 });
    background(m);
    m.addAchievement(A(1, { ...coating, fields: ['newmat.metal'] }));
    m.addDemand(d);
    const link = m.fieldLinkList().find((l) => l.a === 'aerospace' && l.b === 'newmat')!;
    expect(link.support).toBe(3);
    expect(link.strength).toBeGreaterThan(0);
    const expected = { kind: 'field', text: '相邻领域：航空航天—新材料', score: Math.round(Math.min(SAME_TOP_FIELD_SCORE, 0.5 * link.strength) * 100) / 100 };
    expect(expected.score).toBeGreaterThan(0);
    expect(field(m, 1)).toEqual(expected);
    expect(m.demandsFor(A(1, { ...coating, fields: ['newmat.metal'] })).find((x) => x.id === 7)!.reasons.find((r) => r.kind === 'field')).toEqual(expected);
    // no link between 航空航天 and 新能源与储能: still a different field
    m.addAchievement(A(2, { ...coating, fields: ['energy.battery'] }));
    expect(field(m, 2)).toEqual({ kind: 'field', text: '领域不同', score: 0 });
    // identical codes and a shared top-level field score as before, links or not
    expect(field(m, 1, { ...d, fields: ['newmat.metal'] }).score).toBe(1);
    expect(field(m, 1, { ...d, fields: ['newmat.ceramic'] })).toEqual({ kind: 'field', text: '同属领域：新材料', score: SAME_TOP_FIELD_SCORE });
  });

  it('ranks the achievement in a neighbouring field above the same text in an unrelated one', () => {
    const m = new Matcher(undefined, undefined, name);
    background(m);
    m.addAchievement(A(1, { ...coating, fields: ['energy.battery'] }));
    m.addAchievement(A(2, { ...coating, fields: ['newmat.metal'] }));
    const ranked = m.achievementsFor(d);
    expect(ranked.slice(0, 2).map((x) => x.id)).toEqual([2, 1]);
    expect(ranked[0]!.reasons.find((r) => r.kind === 'field')!.text).toBe('相邻领域：航空航天—新材料');
    // off (factor 0): the two tie on everything, and the lower id comes first
    const off = new Matcher(undefined, undefined, name, undefined, undefined, undefined, { ...NEIGHBOUR_FIELDS, factor: 0 });
    background(off);
    off.addAchievement(A(1, { ...coating, fields: ['energy.battery'] }));
    off.addAchievement(A(2, { ...coating, fields: ['newmat.metal'] }));
    expect(off.achievementsFor(d).slice(0, 2).map((x) => x.id)).toEqual([1, 2]);
    expect(field(off, 2)).toEqual({ kind: 'field', text: '领域不同', score: 0 });
  });

  it('links follow the documents: below the minimum support once the documents carrying both fields go', () => {
    const m = new Matcher(undefined, undefined, name);
    background(m);
    m.addAchievement(A(1, { ...coating, fields: ['newmat.metal'] }));
    expect(field(m, 1).text).toBe('相邻领域：航空航天—新材料');
    m.removeAchievement(100);
    expect(field(m, 1)).toEqual({ kind: 'field', text: '领域不同', score: 0 });
    // evidence from a signed pair (a demand in 航空航天 with an achievement in 新材料) brings the link back
    m.addMatchedPairEvidence('signed 1', ['aerospace.aircraft'], ['newmat.metal']);
    expect(field(m, 1).text).toBe('相邻领域：航空航天—新材料');
    m.removeFieldEvidence('signed 1');
    expect(field(m, 1).score).toBe(0);
  });
});

describe('a pair scores the same from both sides', () => {
  const WORDS = ['光模块', '硅光子', '耦合', '封装', '良率', '锂电池', '隔膜', '涂覆', '视觉', '检测', '注塑', '储能', '电机', '传感器', '催化剂', '污水'];
  const text = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join('，'));
  const fields = fc.subarray(['ai', 'ai.cv', 'ic', 'ic.photonics', 'energy.battery', 'env.water'], { minLength: 1, maxLength: 2 });
  const district = fc.constantFrom('320571', '320505', '320583', null);
  const modes = fc.subarray(['transfer', 'license_exclusive', 'joint_dev']);
  const trl = fc.integer({ min: 1, max: 9 });
  const achievement = fc.record({
    title: text(1, 3),
    abstract: text(0, 6),
    keywords: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }),
    fields,
    trl,
    valuationFen: fc.option(fc.integer({ min: 0, max: 1000 }).map((x) => x * 1_000_000), { nil: null }),
    modes,
    district,
    status: fc.constantFrom('unconverted', 'unconverted', 'negotiating', 'converted'),
    confidential: fc.boolean(),
  });
  const demandArb = fc.record({
    title: text(1, 3),
    problem: text(1, 8),
    fields,
    requiredTrl: fc.tuple(trl, trl).map(([x, y]) => ({ min: Math.min(x, y), max: Math.max(x, y) })),
    budgetFen: fc.option(fc.integer({ min: 1, max: 1000 }).map((x) => ({ min: 0, max: x * 1_000_000 })), { nil: null }),
    modes,
    district,
  });

  it('every (demand, achievement) pair: the same score, reasons and shared terms from the demand and from the achievement', () => {
    let pairs = 0;
    fc.assert(
      fc.property(fc.array(achievement, { minLength: 1, maxLength: 8 }), fc.array(demandArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (as, ds, stopTerms) => {
        // (half the runs with corpus stop terms even in these small corpora: words in more than a quarter of them)
        const m = stopTerms ? new Matcher(undefined, undefined, undefined, { share: 0.25, minDocs: 4 }) : new Matcher();
        const achievements = as.map((a, i) => ({ ...a, id: i + 1 }) as AchievementDoc);
        const demands = ds.map((d, i) => ({ ...d, id: i + 1 }));
        for (const a of achievements) m.addAchievement(a);
        for (const d of demands) m.addDemand(d);
        const fromDemand = new Map<string, Omit<Match, 'id'>>();
        const fromAchievement = new Map<string, Omit<Match, 'id'>>();
        for (const d of demands) for (const { id, ...x } of m.achievementsFor(d, 1000)) fromDemand.set(`${d.id}:${id}`, x);
        for (const a of achievements) for (const { id, ...x } of m.demandsFor(a, 1000)) fromAchievement.set(`${id}:${a.id}`, x);
        // (queries here have fewer distinct terms than MAX_QUERY_TERMS, so both sides find the same pairs)
        expect([...fromAchievement.keys()].sort()).toEqual([...fromDemand.keys()].sort());
        for (const [pair, x] of fromDemand) expect(fromAchievement.get(pair), pair).toEqual(x);
        pairs += fromDemand.size;
      }),
      { numRuns: 150, seed: 20260714 },
    );
    expect(pairs).toBeGreaterThan(100);
  });

  it('a pair\'s signals (what the weights are fitted on) give its ranked score under any weights', () => {
    fc.assert(
      fc.property(fc.array(achievement, { minLength: 1, maxLength: 6 }), demandArb, fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 6, maxLength: 6 }), (as, d, raw) => {
        const total = raw.reduce((x, y) => x + y, 0) || 1;
        const w = weightsFromList(raw.map((x) => x / total));
        const m = new Matcher(w);
        const achievements = as.map((a, i) => ({ ...a, id: i + 1, status: 'unconverted', confidential: false }) as AchievementDoc);
        for (const a of achievements) m.addAchievement(a);
        const demand = { ...d, id: 1 };
        for (const hit of m.achievementsFor(demand, 100)) {
          const p = m.pairSignals([{ demand, achievement: achievements[hit.id - 1]! }])[0]!;
          expect(p.factor * p.signals.reduce((x, v, i) => x + v * weightsToList(w)[i]!, 0)).toBeCloseTo(hit.score, 3);
        }
      }),
      { numRuns: 100, seed: 20261208 },
    );
  });

  it('a converted achievement (out of the indexes) keeps its signals: signed and converted outcomes count', () => {
    const m = new Matcher();
    const fit = A(1, { title: '硅光子光模块自动耦合封装技术', keywords: ['硅光子', '光模块', '耦合'], abstract: '提出一种光模块自动耦合对准方法，提高封装良率。', fields: ['ic.photonics'], trl: 6 });
    m.addAchievement(fit);
    m.addAchievement(A(2, { title: '锂电池隔膜涂覆', keywords: ['锂电池'], abstract: '涂覆工艺。', fields: ['energy.battery'] }));
    m.addAchievement(A(3, { title: '光纤传感器', keywords: ['光纤'], abstract: '用于桥梁监测。', fields: ['photonics.sensing'] }));
    const before = m.pairSignals([{ demand, achievement: fit }])[0]!;
    const ranked = m.achievementsFor(demand);
    m.addAchievement({ ...fit, status: 'converted' });
    expect(m.achievementsFor(demand).map((x) => x.id)).not.toContain(1);
    const after = m.pairSignals([{ demand, achievement: { ...fit, status: 'converted' } }])[0]!;
    expect(before.signals[0]).toBeGreaterThan(0.3);
    expect(after).toEqual(before);
    // and it is out of the indexes again: the ranking is the one without it
    expect(m.achievementsFor(demand)).toEqual(ranked.filter((x) => x.id !== 1));
  });

  it('new weights take effect without rebuilding', () => {
    const m = new Matcher();
    m.addAchievement(A(1, { title: '硅光子光模块自动耦合封装技术', keywords: ['硅光子'], fields: ['energy.battery'], district: '320571' }));
    const before = m.achievementsFor(demand)[0]!.score;
    m.setWeights(weightsFromList([1, 0, 0, 0, 0, 0]));
    expect(m.currentWeights.text).toBe(1);
    const after = m.achievementsFor(demand)[0]!;
    expect(after.score).not.toBe(before);
    expect(after.score).toBeCloseTo(after.reasons[0]!.score, 2);
  });
});

describe('words frequent in the live corpus carry no match', () => {
  const GENERIC = '模组之间毫米长期供货';
  /** `n` achievements, each on a subject of its own (a made-up word); every sixth also uses the generic words. */
  const background = (m: Matcher, n: number) => {
    const word = (i: number) => `tx${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26) % 26)}${String.fromCharCode(97 + Math.floor(i / 676))}`;
    for (let i = 0; i < n; i++) m.addAchievement(A(100 + i, { title: `${word(i)} 装置`, keywords: [word(i)], abstract: i % 6 === 0 ? `${word(i)}，${GENERIC}。` : `${word(i)} 的工艺。`, fields: ['equip'] }));
  };
  const d: DemandDoc = { ...demand, id: 1, title: 'dqzz 模组', problem: `${GENERIC}，dqzz 方案。`, fields: ['equip'] };
  // (its own made-up word shares no character pair with the demand's: only the generic words are common)
  const generic = A(1, { title: 'kvwx 平台', keywords: ['kvwx'], abstract: GENERIC, fields: ['equip'] });
  const specific = A(2, { title: 'dqzz 器件', keywords: ['dqzz'], abstract: 'dqzz 的制备。', fields: ['equip'] });

  it('a pair whose only shared words are corpus-frequent ones is matched from neither side; a specific word still matches', () => {
    const m = new Matcher();
    background(m, 240); // 40 of 240 (17%) use the generic words
    m.addAchievement(generic);
    m.addAchievement(specific);
    m.addDemand(d);
    const ranked = m.achievementsFor(d);
    expect(ranked.map((x) => x.id)).not.toContain(1);
    expect(ranked[0]).toMatchObject({ id: 2, sharedTerms: ['dqzz'] });
    for (const x of ranked) expect(x.sharedTerms, String(x.id)).toEqual(['dqzz']);
    expect(m.demandsFor(generic)).toEqual([]);
    expect(m.demandsFor(specific).map((x) => x.id)).toEqual([1]);
    const stop = m.corpusStopTerms();
    for (const t of ['模组', '之间', '毫米', '长期', '供货', '装置']) expect(stop.has(t), t).toBe(true);
    expect(stop.has('dqzz')).toBe(false);
  });

  it('in a corpus too small to tell (under 200 documents) the generic words still count', () => {
    const m = new Matcher();
    background(m, 120);
    m.addAchievement(generic);
    m.addAchievement(specific);
    m.addDemand(d);
    expect(m.achievementsFor(d).map((x) => x.id)).toContain(1);
    expect(m.demandsFor(generic).map((x) => x.id)).toEqual([1]);
    expect(m.corpusStopTerms()).toEqual(new Set());
  });
});
