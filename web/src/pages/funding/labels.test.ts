import { describe, expect, it } from 'vitest';
import { ACTION_LABEL, ACTIONS, REJECT_REASONS, STATE_LABEL, STATES } from '../../../../src/funding/engine/lifecycle.js';
import { ActInput } from '../../../../src/shared/funding.js';
import { builtinFactViews } from '../../../../src/policy/fact-views.js';
import { setFactCatalogue } from '../policy/facts.js';
import { actBody } from './ActionModal.js';
import { chartRows, partsAddUp, usedPercent } from './budgetFigures.js';
import { declaredFactsOf, factsBody, factsValues } from './facts.js';
import { actionLabel, actionsFor, amountRangeKind, approvalNeedsReason, formatFenYuan, newIdempotencyKey, rejectReasonLabel, runBatch, stateLabel, stepsOf } from './labels.js';

describe('the lifecycle in words', () => {
  it('Chinese is the server\'s table; every state, action and reason has English', () => {
    for (const s of STATES) {
      expect(stateLabel('zh', s)).toBe(STATE_LABEL[s]);
      expect(stateLabel('en', s)).not.toBe(s);
    }
    for (const a of ACTIONS) {
      expect(actionLabel('zh', a)).toBe(ACTION_LABEL[a]);
      expect(actionLabel('en', a)).not.toBe(a);
    }
    for (const r of Object.keys(REJECT_REASONS)) expect(rejectReasonLabel('en', r)).not.toBe(r);
    expect(actionLabel('zh', 'create')).toBe('新建');
    expect(actionLabel('zh', 'offer')).toBe('免申即享推送');
    expect(stateLabel('zh', 'unknown')).toBe('unknown');
  });
});

describe('the buttons a viewer gets', () => {
  it('keeps the state\'s actions to the role\'s part in them', () => {
    expect(actionsFor('enterprise', ['submit', 'withdraw'])).toEqual(['submit', 'withdraw']);
    expect(actionsFor('official', ['submit', 'withdraw'])).toEqual([]);
    expect(actionsFor('official', ['pre_pass', 'return', 'reject', 'withdraw'])).toEqual(['pre_pass', 'return', 'reject']);
    expect(actionsFor('expert', ['assign_expert', 'declare_conflict', 'score', 'finish_review'])).toEqual(['declare_conflict', 'score']);
    expect(actionsFor('enterprise', ['object', 'resolve_objection', 'end_publicity'])).toEqual(['object']);
    expect(actionsFor('admin', ['pay', 'cancel'])).toEqual([]);
  });
});

describe('steps', () => {
  it('follows the path of the origin', () => {
    expect(stepsOf('apply', 'pre_review', [])).toMatchObject({ current: 1, status: 'process', side: null });
    expect(stepsOf('proactive', 'approval', [])).toMatchObject({ current: 1, status: 'process' });
    expect(stepsOf('apply', 'closed', [])).toMatchObject({ current: 7, status: 'finish' });
  });
  it('a side state stops on the step it left', () => {
    const events = [
      { from: null, to: 'draft' },
      { from: 'draft', to: 'pre_review' },
      { from: 'pre_review', to: 'expert_review' },
      { from: 'expert_review', to: 'rejected' },
    ];
    expect(stepsOf('apply', 'rejected', events)).toMatchObject({ current: 2, status: 'error', side: 'rejected' });
    expect(stepsOf('apply', 'returned', [{ from: 'pre_review', to: 'returned' }])).toMatchObject({ current: 1, status: 'process', side: 'returned' });
    expect(stepsOf('proactive', 'withdrawn', [{ from: 'offered', to: 'withdrawn' }])).toMatchObject({ current: 0, status: 'error' });
  });
});

describe('money and keys', () => {
  it('shows 分 as exact 元', () => {
    expect(formatFenYuan(0)).toBe('0.00 元');
    expect(formatFenYuan(123_456_789)).toBe('1,234,567.89 元');
    expect(formatFenYuan(1_000_000_000)).toBe('10,000,000.00 元');
    expect(formatFenYuan(-5)).toBe('-0.05 元');
    expect(formatFenYuan(0.5)).toBe('—');
  });
  it('asks a reason when the approved amount is not the engine\'s', () => {
    expect(approvalNeedsReason(100, 100)).toBe(false);
    expect(approvalNeedsReason(99, 100)).toBe(true);
    expect(approvalNeedsReason(null, 100)).toBe(false);
  });
  it('names the kind of an amount', () => {
    expect(amountRangeKind(null, null)).toBe('none');
    expect(amountRangeKind({ min: 0, max: 10 }, 'ceiling')).toBe('ceiling');
    expect(amountRangeKind({ min: 10, max: 10 }, 'entitlement')).toBe('exact');
    expect(amountRangeKind({ min: 5, max: 10 }, 'entitlement')).toBe('range');
  });
  it('makes a new idempotency key each time, long enough for the server', () => {
    const a = newIdempotencyKey();
    expect(a.length).toBeGreaterThanOrEqual(8);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

describe('act bodies pass the shared ActInput', () => {
  const app = { approvedFen: 5_000_000 };
  it('approve in 万元 → exact 分, a reason only when given', () => {
    expect(actBody('approve', { amountFen: '800.5' }, 'k', app)).toEqual({ action: 'approve', amountFen: 800_500_000 });
    expect(ActInput.safeParse(actBody('approve', { amountFen: '800', reason: ' 预算有限，按评审意见核减 ' }, 'k', app)).success).toBe(true);
  });
  it('pay sends the dialog\'s key and the approved amount', () => {
    const body = actBody('pay', {}, 'key-12345678', app);
    expect(body).toEqual({ action: 'pay', idempotencyKey: 'key-12345678', amountFen: 5_000_000 });
    expect(ActInput.safeParse(body).success).toBe(true);
  });
  it('score, reject, confirm and the plain ones', () => {
    expect(ActInput.safeParse(actBody('score', { scores: { innovation: 25, benefit: 20, capacity: 15, materials: 18 }, opinion: '技术路线清晰，基础扎实。' }, 'k', app)).success).toBe(true);
    expect(ActInput.safeParse(actBody('reject', { reason: 'materials', note: '缺少审计报告' }, 'k', app)).success).toBe(true);
    expect(ActInput.safeParse(actBody('confirm', { bankAccount: { holder: '苏州某某科技有限公司', bank: '中国银行苏州分行', account: '6222 0000 1111 2222' } }, 'k', app)).success).toBe(true);
    expect(actBody('pre_pass', { note: '  ' }, 'k', app)).toEqual({ action: 'pre_pass' });
    expect(ActInput.safeParse(actBody('submit', {}, 'k', app)).success).toBe(true);
    const bad = ActInput.safeParse(actBody('confirm', { bankAccount: { holder: '某', bank: '中国银行', account: '12ab' } }, 'k', app));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['bankAccount.account', 'bankAccount.holder']);
  });
});

describe('declared facts', () => {
  // The web fetches the catalogue (GET /api/policy/facts); here it is the built-in one.
  setFactCatalogue(builtinFactViews());
  const facts = declaredFactsOf(['newRdInstitute', 'revenue', 'equipmentInvestment', 'unknownFact']);
  it('keeps the item\'s declaration facts', () => {
    expect(facts.map((f) => f.name)).toContain('newRdInstitute');
    expect(facts.map((f) => f.name)).not.toContain('revenue');
    expect(declaredFactsOf(undefined)).toEqual([]);
  });
  it('sends money in exact 分 and leaves empty fields out; reads them back', () => {
    const body = factsBody(facts, { newRdInstitute: true, equipmentInvestment: '1,200.5' });
    expect(body).toEqual({ newRdInstitute: true, equipmentInvestment: 1_200_500_000 });
    expect(factsBody(facts, { newRdInstitute: undefined, equipmentInvestment: '' })).toEqual({});
    expect(factsBody(facts, { equipmentInvestment: '1.2345678' })).toEqual({});
    expect(factsValues(facts, body)).toEqual({ newRdInstitute: true, equipmentInvestment: '1200.5' });
  });
});

describe('budget figures', () => {
  const b = { id: 3, name: '研发机构 2026', fundedFen: 1_000_000_000, availableFen: 600_000_000, reservedFen: 300_000_000, spentFen: 100_000_000 };
  it('stacks the parts in 万元, keeping 分 for the tooltip, first budget on top', () => {
    const rows = chartRows([b, { ...b, id: 4 }]);
    expect(rows.map((r) => r.name)).toEqual(['#4 研发机构 2026', '#3 研发机构 2026']);
    expect(rows[1]!.available).toEqual({ fen: 600_000_000, wan: 600 });
  });
  it('checks the parts add up and the share used', () => {
    expect(partsAddUp(b)).toBe(true);
    expect(partsAddUp({ ...b, spentFen: 1 })).toBe(false);
    expect(usedPercent(b)).toBe(40);
    expect(usedPercent({ ...b, fundedFen: 0 })).toBeNull();
  });
});

describe('batches', () => {
  it('runs one by one and reports every row', async () => {
    const seen: number[] = [];
    const rows = await runBatch(
      [1, 2, 3],
      async (id) => {
        if (id === 2) throw new Error('申报当前为“已拨付”');
        return id * 10;
      },
      (err) => (err as Error).message,
      (row) => seen.push(row.id),
    );
    expect(rows).toEqual([
      { id: 1, ok: true, result: 10 },
      { id: 2, ok: false, message: '申报当前为“已拨付”' },
      { id: 3, ok: true, result: 30 },
    ]);
    expect(seen).toEqual([1, 2, 3]);
  });
});
