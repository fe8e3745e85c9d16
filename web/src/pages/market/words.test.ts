import { describe, expect, it } from 'vitest';
import { messages } from '../../lib/messages.js';
import { checkPageWords } from '../../lib/wordsChecks.js';
import { changedWords, ACHIEVEMENT_FIELD_WORDS } from './AchievementFormModal.js';
import { DEMAND_FIELD_WORDS } from './DemandFormModal.js';
import { expertBody, ExpertBody } from './ExpertFormModal.js';
import { partyReasonLabel } from './labels.js';
import type { PartyReasonKind } from './types.js';
import { isMarketKey, marketWords, type AnyKey } from './words.js';

/** The market pages' sources, to find where each word is used. */
const sources = Object.values(import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>).join('\n');
const t = (key: AnyKey, vars?: Record<string, string | number>) => {
  const text = isMarketKey(key) ? marketWords.zh[key] : messages.zh[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k])) : text;
};

// A key is named whole, or built from its prefix (market.x.kind.${kind}, PARTY_WORDS).
checkPageWords("the market's own words", marketWords, sources, (k) => k.startsWith('market.x.kind.'));

describe('labels of the rankings and of saved changes', () => {
  it('every party reason kind of src/market/rank.ts has words', () => {
    const kinds: PartyReasonKind[] = ['achievements', 'demands', 'terms', 'field', 'industry', 'index', 'district', 'affiliation'];
    for (const k of kinds) expect(partyReasonLabel(t, k), k).not.toBe(k);
    expect(partyReasonLabel(t, 'industry')).toBe('行业');
    expect(partyReasonLabel(t, 'terms')).toBe('共同关键词');
  });

  it('names changed fields in words, unknown names as they are', () => {
    expect(changedWords(t, ['title', 'valuation', 'status'], ACHIEVEMENT_FIELD_WORDS)).toBe('成果名称、估值、转化状态');
    expect(changedWords(t, ['budgetFen', 'somethingNew'], DEMAND_FIELD_WORDS)).toBe('预算、somethingNew');
    for (const key of [...Object.values(ACHIEVEMENT_FIELD_WORDS), ...Object.values(DEMAND_FIELD_WORDS)]) expect(t(key), key).toBeTruthy();
  });
});

describe('an expert profile\'s body', () => {
  const values = { name: ' 王伟 ', orgId: 3, title: ' 教授 ', fields: ['photonics'], expertise: ' 长期从事硅光子器件与封装研究。 ', userId: 9 };

  it('is trimmed; the office sets the account link, an expert sends their own unchanged', () => {
    expect(expertBody(values, true, undefined)).toEqual({ name: '王伟', orgId: 3, title: '教授', fields: ['photonics'], expertise: '长期从事硅光子器件与封装研究。', userId: 9, avoidOrgIds: [] });
    const own = { id: 1, userId: 42, name: '王伟', orgId: 3, orgName: null, avoidOrgs: [], title: '', fields: [], expertise: '', active: true };
    expect(expertBody(values, false, own).userId).toBe(42);
    // the affiliation and the 回避单位 are the office's: an expert sends their affiliation unchanged and no list
    const mine = expertBody({ ...values, orgId: 99, avoidOrgIds: [{ orgId: 5, name: '某单位' }] }, false, own);
    expect(mine.orgId).toBe(3);
    expect('avoidOrgIds' in mine).toBe(false);
    expect(expertBody({ ...values, avoidOrgIds: [{ orgId: 5, name: '某单位' }, { orgId: null, name: '打字' }] }, true, own).avoidOrgIds).toEqual([5]);
    expect(expertBody({ ...values, orgId: undefined, userId: undefined }, true, undefined)).toMatchObject({ orgId: null, userId: null });
  });

  it('is checked with the server\'s rules and words', () => {
    const issues = ExpertBody.safeParse({ ...expertBody(values, true, undefined), name: '王', fields: [], expertise: '短' }).error?.issues ?? [];
    expect(Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]))).toEqual({ name: '姓名至少 2 个字', fields: '至少选择一个领域', expertise: '专长描述至少 10 个字' });
    expect(ExpertBody.safeParse(expertBody(values, true, undefined)).success).toBe(true);
  });
});
