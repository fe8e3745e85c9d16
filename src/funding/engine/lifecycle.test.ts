import { describe, expect, it } from 'vitest';
import { ACTIONS, addWorkingDays, allowedActions, STATES, transition } from './lifecycle.js';

/** Every legal move, written out by hand from the lifecycle; every other state × action is refused. */
const LEGAL: Record<string, string> = {
  'draft submit': 'pre_review',
  'draft withdraw': 'withdrawn',
  'offered confirm': 'approval',
  'offered withdraw': 'withdrawn',
  'pre_review pre_pass': 'stay',
  'pre_review return': 'returned',
  'pre_review reject': 'rejected',
  'pre_review withdraw': 'withdrawn',
  'expert_review assign_expert': 'stay',
  'expert_review declare_conflict': 'stay',
  'expert_review score': 'stay',
  'expert_review finish_review': 'approval',
  'expert_review return': 'returned',
  'expert_review reject': 'rejected',
  'expert_review withdraw': 'withdrawn',
  'approval approve': 'stay',
  'approval return': 'returned',
  'approval reject': 'rejected',
  'publicity object': 'stay',
  'publicity resolve_objection': 'stay',
  'publicity end_publicity': 'payable',
  'publicity cancel': 'rejected',
  'payable pay': 'paid',
  'payable cancel': 'rejected',
  'payable update_bank': 'stay',
  'paid close': 'closed',
  'paid claw_back': 'clawed_back',
  'paid return_payment': 'payable',
  'closed claw_back': 'clawed_back',
  'returned submit': 'pre_review',
  'returned withdraw': 'withdrawn',
};

describe('application lifecycle', () => {
  it('allows exactly the legal moves: every state × action', () => {
    let refused = 0;
    for (const s of STATES)
      for (const a of ACTIONS) {
        const r = transition(s, a);
        const want = LEGAL[`${s} ${a}`];
        if (want) expect(r, `${s} ${a}`).toEqual({ ok: true, to: want });
        else {
          refused++;
          expect(r.ok, `${s} ${a}`).toBe(false);
          if (!r.ok) expect(r.field).toBe('action');
        }
      }
    expect(refused).toBe(STATES.length * ACTIONS.length - Object.keys(LEGAL).length);
  });

  it('says in words what the state allows instead', () => {
    const r = transition('publicity', 'pay');
    expect(r).toEqual({ ok: false, field: 'action', message: '申报当前为“公示中”，不能“拨付”；可以：提出异议、处理异议、结束公示、撤销审批' });
    expect(transition('closed', 'close')).toMatchObject({ message: '申报当前为“已办结”，不能“办结”；可以：追回资金' });
    expect(transition('clawed_back', 'claw_back')).toMatchObject({ message: '申报当前为“已追回”，已结束，不能再办理' });
    expect(allowedActions('paid')).toEqual(['close', 'claw_back', 'return_payment']);
  });

  it('counts 公示 in working days: weekends and holidays skipped, adjusted working days counted', () => {
    // Friday 2026-12-04 + 5 working days = Friday 2026-12-11
    expect(addWorkingDays('2026-12-04', 5)).toBe('2026-12-11');
    // a holiday on Monday 12-07 pushes it to Monday 12-14
    expect(addWorkingDays('2026-12-04', 5, new Set(['2026-12-07']))).toBe('2026-12-14');
    // a Saturday made a working day (调休) pulls it back to Thursday 12-10
    expect(addWorkingDays('2026-12-04', 5, new Set(), new Set(['2026-12-05']))).toBe('2026-12-10');
  });
});
