import { describe, expect, it } from 'vitest';
import { letter, reviewerView, type RawEvent, type RawReview, type Reviewer } from './reviewer-view.js';

const reviewers: Reviewer[] = [
  { expertId: 11, userId: 101, name: '王教授' },
  { expertId: 12, userId: 102, name: '李研究员' },
];
const ev = (action: string, byUserId: number | null, by: string | null, over: Partial<RawEvent> = {}): RawEvent => ({ from: 'expert_review', to: 'expert_review', action, note: null, detail: {}, at: '2026-12-07T00:00:00.000Z', byUserId, by, ...over });
const events: RawEvent[] = [
  ev('assign_expert', 1, '科技局甲', { detail: { expertId: 11 } }),
  ev('assign_expert', 1, '科技局甲', { detail: { expertId: 12 } }),
  ev('declare_conflict', 102, '李研究员', { note: '本人曾任该企业顾问', detail: {} }),
  ev('score', 101, '王教授', { detail: { total: 83 } }),
  ev('finish_review', 1, '科技局甲', { to: 'approval', detail: { experts: 1 } }),
];
const reviews: RawReview[] = [
  { expertId: 11, name: '王教授', conflictDeclared: false, scores: { innovation: 25 }, total: 83, opinion: '方案可行', scoredAt: '2026-12-07T00:00:00.000Z' },
  { expertId: 12, name: '李研究员', conflictDeclared: true, scores: null, total: null, opinion: '本人曾任该企业顾问', scoredAt: null },
];
const text = (v: unknown) => JSON.stringify(v);

describe('who sees which reviewer', () => {
  it('outside the office, who objected during 公示 is not named; the office sees the name', () => {
    const objection = [ev('object', 205, '苏州大学 张三', { from: 'publicity', to: 'publicity', note: '项目与我校成果重复' })];
    const outside = reviewerView({ kind: 'outside' }, reviewers, objection, []);
    expect(outside.events[0]).toMatchObject({ action: 'object', by: '公示异议人', note: '项目与我校成果重复' });
    expect(text(outside)).not.toContain('张三');
    expect(reviewerView({ kind: 'office' }, reviewers, objection, []).events[0]!.by).toBe('苏州大学 张三');
  });

  it('outside the office: letters in the order of assignment, no names, no profile numbers, no recusal reasons', () => {
    const v = reviewerView({ kind: 'outside' }, reviewers, events, reviews);
    expect(v.events.map((e) => [e.action, e.by, e.detail])).toEqual([
      ['assign_expert', '科技局甲', { reviewer: '评审专家 A' }],
      ['assign_expert', '科技局甲', { reviewer: '评审专家 B' }],
      ['declare_conflict', '评审专家 B', {}],
      ['score', '评审专家 A', { total: 83 }],
      ['finish_review', '科技局甲', { experts: 1 }],
    ]);
    expect(v.events[2]!.note).toBeNull();
    expect(v.reviews).toEqual([
      { expertId: null, expert: '评审专家 A', conflictDeclared: false, scores: { innovation: 25 }, total: 83, opinion: '方案可行', scoredAt: '2026-12-07T00:00:00.000Z' },
      { expertId: null, expert: '评审专家 B', conflictDeclared: true, scores: null, total: null, opinion: null, scoredAt: null },
    ]);
    for (const secret of ['王教授', '李研究员', '曾任', '"expertId":11', '"expertId":12', 'byUserId']) expect(text(v)).not.toContain(secret);
  });

  it('the office sees everything as recorded', () => {
    const v = reviewerView({ kind: 'office' }, reviewers, events, reviews);
    expect(v.events.map((e) => e.by)).toEqual(['科技局甲', '科技局甲', '李研究员', '王教授', '科技局甲']);
    expect(v.events[0]!.detail).toEqual({ expertId: 11, reviewer: '王教授' });
    expect(v.events[2]!.note).toBe('本人曾任该企业顾问');
    expect(v.reviews.map((r) => [r.expertId, r.expert, r.opinion])).toEqual([
      [11, '王教授', '方案可行'],
      [12, '李研究员', '本人曾任该企业顾问'],
    ]);
  });

  it('an expert sees themself by name and the others lettered; only their own review', () => {
    const v = reviewerView({ kind: 'expert', expertId: 12 }, reviewers, events, reviews);
    expect(v.events.map((e) => e.by)).toEqual(['科技局甲', '科技局甲', '李研究员', '评审专家 A', '科技局甲']);
    expect(v.events.map((e) => e.detail)).toEqual([{ reviewer: '评审专家 A' }, { expertId: 12, reviewer: '李研究员' }, {}, { total: 83 }, { experts: 1 }]);
    expect(v.events[2]!.note).toBe('本人曾任该企业顾问');
    expect(v.reviews).toHaveLength(1);
    expect(v.reviews[0]).toMatchObject({ expertId: 12, expert: '李研究员' });
    expect(text(v)).not.toContain('王教授');
  });

  it('a reviewer act whose author is not (or no longer) a reviewer still names nobody', () => {
    const v = reviewerView({ kind: 'outside' }, [], [ev('score', 999, '某专家'), ev('declare_conflict', null, null, { note: '原因' })], []);
    expect(v.events.map((e) => [e.by, e.note])).toEqual([
      ['评审专家', null],
      ['评审专家', null],
    ]);
  });

  it('letters go on after Z', () => {
    expect([0, 25, 26, 27, 51, 52].map(letter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
});
