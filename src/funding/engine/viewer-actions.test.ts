import { describe, expect, it } from 'vitest';
import { transition, viewerActions, type ViewerContext } from './lifecycle.js';

const TWO = [
  { code: 'jyj', name: '市教育局' },
  { code: 'kjj', name: '市科技局' },
];
const base: ViewerContext = {
  state: 'pre_review',
  year: 2026,
  today: '2026-12-07',
  applicant: false,
  applicantUser: false,
  department: null,
  signedIn: true,
  expert: null,
  departments: TWO,
  signed: [],
  reviews: { active: 0, scored: 0 },
  approvals: { count: 0, byViewer: false },
  viewerReviewed: false,
  hasBudget: true,
  publicityTo: null,
  openObjections: 0,
};
const ctx = (over: Partial<ViewerContext>): ViewerContext => ({ ...base, ...over });

describe('viewerActions: the buttons a viewer gets and whom the application waits for', () => {
  it('an item of two departments: after 科技局 signs, 科技局 has no 初审通过 and it waits for 市教育局', () => {
    const kjj = viewerActions(ctx({ department: 'kjj', signed: ['kjj'] }));
    expect(kjj.actions).toEqual(['return', 'reject']);
    expect(kjj.waitingFor).toBe('等待 市教育局 初审');
    expect(viewerActions(ctx({ department: 'jyj', signed: ['kjj'] }))).toEqual({ actions: ['pre_pass', 'return', 'reject'], waitingFor: null });
    expect(viewerActions(ctx({ applicant: true, signed: [] }))).toEqual({ actions: ['withdraw'], waitingFor: '等待 市教育局、市科技局 初审' });
  });

  it('every action offered is legal in the state (the same table as transition)', () => {
    const states = ['draft', 'offered', 'pre_review', 'expert_review', 'approval', 'publicity', 'payable', 'paid', 'closed', 'returned', 'rejected', 'withdrawn', 'clawed_back'] as const;
    const viewers: Partial<ViewerContext>[] = [{ applicant: true }, { department: 'kjj' }, { expert: { scored: false, conflict: false } }, {}];
    for (const state of states)
      for (const v of viewers) for (const a of viewerActions(ctx({ ...v, state, reviews: { active: 1, scored: 1 }, openObjections: 1, publicityTo: '2026-12-10' })).actions) expect(transition(state, a).ok, `${state} ${a}`).toBe(true);
  });

  it('审批: not offered without a budget, nor to whoever reviewed, made or already approved it', () => {
    const dept = { state: 'approval' as const, department: 'kjj' };
    expect(viewerActions(ctx({ ...dept, hasBudget: false }))).toEqual({ actions: ['return', 'reject'], waitingFor: '尚未设立 2026 年度预算：等待 市教育局或市科技局 设立预算后审批' });
    expect(viewerActions(ctx({ ...dept, viewerReviewed: true })).actions).not.toContain('approve');
    expect(viewerActions(ctx({ ...dept, applicantUser: true })).actions).not.toContain('approve');
    expect(viewerActions(ctx({ ...dept, approvals: { count: 1, byViewer: true } })).waitingFor).toContain('另一位工作人员作第二位审批');
    expect(viewerActions(ctx({ ...dept })).actions).toContain('approve');
    expect(viewerActions(ctx({ state: 'approval', applicant: true, approvals: { count: 1, byViewer: false } })).waitingFor).toBe('等待 市教育局或市科技局 第二位审批人审批');
  });

  it('expert review: finish only when every expert who did not recuse scored; the expert scores once', () => {
    const s = { state: 'expert_review' as const };
    expect(viewerActions(ctx({ ...s, department: 'kjj', reviews: { active: 2, scored: 1 } }))).toEqual({ actions: ['assign_expert', 'return', 'reject'], waitingFor: '等待 评审专家 评分（还有 1 位未评分）' });
    expect(viewerActions(ctx({ ...s, department: 'kjj', reviews: { active: 2, scored: 2 } })).actions).toContain('finish_review');
    expect(viewerActions(ctx({ ...s, reviews: { active: 0, scored: 0 } })).waitingFor).toBe('等待 市教育局或市科技局 指派评审专家');
    expect(viewerActions(ctx({ ...s, expert: { scored: false, conflict: false }, reviews: { active: 1, scored: 0 } }))).toEqual({ actions: ['declare_conflict', 'score'], waitingFor: null });
    expect(viewerActions(ctx({ ...s, expert: { scored: true, conflict: false }, reviews: { active: 1, scored: 1 } })).actions).toEqual([]);
  });

  it('公示: objections while it runs, ending only after it with no open objection', () => {
    const running = ctx({ state: 'publicity', publicityTo: '2026-12-10', department: 'kjj' });
    expect(viewerActions(running).actions).toEqual(['object', 'cancel']);
    expect(viewerActions(running).waitingFor).toBe('公示中，公示期至 2026-12-10');
    const ended = ctx({ state: 'publicity', publicityTo: '2026-12-06', department: 'kjj' });
    expect(viewerActions(ended)).toEqual({ actions: ['end_publicity', 'cancel'], waitingFor: null });
    expect(viewerActions({ ...ended, openObjections: 1 }).actions).toEqual(['resolve_objection', 'cancel']);
    expect(viewerActions({ ...ended, department: null, applicant: true }).waitingFor).toBe('等待 市教育局或市科技局 结束公示');
  });
});
