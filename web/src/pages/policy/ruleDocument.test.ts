import { describe, expect, it } from 'vitest';
import { loadItem } from '../../../../src/policy/engine/check.js';
import type { Measure } from '../../lib/types.js';
import { builtinFactViews } from '../../../../src/policy/fact-views.js';
import { setFactCatalogue } from './facts.js';
import { formatDocument, orderDocument, templateFor, trialFacts } from './ruleDocument.js';

// The web fetches the catalogue (GET /api/policy/facts); here it is the built-in one.
const FACTS = builtinFactViews();
setFactCatalogue(FACTS);

const M7: Measure = {
  no: 7,
  sectionNo: 2,
  sectionTitle: '强化企业科技创新主体地位',
  title: '支持企业开展产学研合作',
  clauseText:
    '持续推进“科创指数惠”，综合考量企业科创能力、认定资质等，给予最高3000万元政策性奖补。支持优质企业牵头组建实体化、任务型创新联合体，联合上下游企业、高校院所联合攻克一批行业共性技术，对创新联合体给予最高200万元运营经费支持。（责任单位：市科技局、市教育局）',
  departments: [
    { code: 'kjj', name: '市科技局' },
    { code: 'jyj', name: '市教育局' },
  ],
};

describe('orderDocument', () => {
  it('puts the keys in reading order and leaves values alone', () => {
    const stored = {
      amount: { of: 'x', rate: '$rate' },
      eligibility: { all: [{ is: true, label: 'L', fact: 'f' }] },
      id: 'm8.a',
      parameters: { rate: { value: '5%', clause: 'c', kind: 'rate', label: 'l' } },
      title: 't',
      measure: 8,
    };
    const doc = orderDocument(stored) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['id', 'measure', 'title', 'parameters', 'eligibility', 'amount']);
    expect(Object.keys((doc.parameters as Record<string, object>).rate!)).toEqual(['kind', 'value', 'label', 'clause']);
    expect(formatDocument(stored)).toMatch(/"fact": "f",\n\s+"is": true,\n\s+"label": "L"/);
    expect(Object.keys(doc.amount as object)).toEqual(['rate', 'of']);
    expect(doc).toEqual(stored);
  });
});

describe('templateFor', () => {
  it('is a valid 最高X item quoting its measure', () => {
    const doc = templateFor(M7, new Set(['m7.new_item']), FACTS);
    const item = loadItem(doc);
    expect(item.id).toBe('m7.new_item_2');
    expect(M7.clauseText).toContain(item.clause);
    expect(item.clause).toContain('最高3000万元');
    expect(item.parameters.max).toMatchObject({ kind: 'money', value: '3000万', clause: '最高3000万元' });
    expect(M7.clauseText).toContain(item.parameters.max!.clause);
    expect(item.departments).toEqual(['kjj', 'jyj']);
    expect(item.form).toBe('奖补');
    expect(item.amount).toEqual({ ceiling: '$max' });
  });

  it('falls back to a placeholder when the measure names no amount', () => {
    const m: Measure = { ...M7, no: 2, clauseText: '聚焦一板块一科创平台，建设一批重大特色科创平台。（责任单位:市科技局）', departments: [{ code: 'kjj', name: '市科技局' }] };
    const item = loadItem(templateFor(m, new Set(), FACTS));
    expect(item.clause).toBe('聚焦一板块一科创平台，建设一批重大特色科创平台。');
    expect(item.parameters.max).toMatchObject({ value: '100万', clause: item.clause });
  });
});

describe('trialFacts', () => {
  it('turns money written as in rule documents into 分, exactly', () => {
    const r = trialFacts({ equipmentInvestment: '6000万', isManufacturing: true, insurancePremium: '123.45元', platformInvestment: '1.5亿' });
    expect(r).toEqual({ ok: true, facts: { equipmentInvestment: 6_000_000_000, isManufacturing: true, insurancePremium: 12_345, platformInvestment: 15_000_000_000 } });
    expect(trialFacts({ equipmentInvestment: 600000000 })).toEqual({ ok: true, facts: { equipmentInvestment: 600000000 } });
    expect(trialFacts({ equipmentInvestment: '0.001元' })).toEqual({ ok: false, fact: 'equipmentInvestment', reason: 'money' });
    // Not a money fact, or not money text: passed on for the server to judge.
    expect(trialFacts({ staff: '5万', equipmentInvestment: 'lots' })).toEqual({ ok: true, facts: { staff: '5万', equipmentInvestment: 'lots' } });
    expect(trialFacts([1])).toEqual({ ok: false, fact: '', reason: 'notObject' });
  });
});
