import { describe, expect, it } from 'vitest';
import { ACTIONS, isOverdue, move, STAGES, type Action, type Stage } from './pipeline.js';

/** The legal moves, written out: every other (stage, action) pair must be refused. */
const LEGAL: Record<string, Stage> = {
  'recommended contact': 'contacted',
  'recommended decline': 'terminated',
  'recommended terminate': 'terminated',
  'contacted negotiate': 'negotiating',
  'contacted decline': 'terminated',
  'contacted terminate': 'terminated',
  'negotiating sign': 'signed',
  'negotiating decline': 'terminated',
  'negotiating terminate': 'terminated',
  'signed convert': 'converted',
  'signed terminate': 'terminated',
};

describe('pipeline', () => {
  it('every stage × action: legal moves go where the table says, all others are refused with words', () => {
    for (const s of STAGES) {
      for (const a of ACTIONS) {
        const r = move(s, { action: a as Action, reason: 'price', contractFen: 100 });
        const want = LEGAL[`${s} ${a}`];
        if (want) expect(r, `${s} ${a}`).toEqual({ ok: true, to: want });
        else {
          expect(r.ok, `${s} ${a}`).toBe(false);
          if (!r.ok) expect(r.message).toMatch(/不能/);
        }
      }
    }
  });
  it('declining or terminating needs a reason; "other" needs a note; signing needs the amount', () => {
    expect(move('recommended', { action: 'decline' })).toMatchObject({ ok: false, field: 'reason' });
    expect(move('contacted', { action: 'terminate', reason: 'other' })).toMatchObject({ ok: false, field: 'note' });
    expect(move('contacted', { action: 'terminate', reason: 'other', note: '企业战略调整' })).toEqual({ ok: true, to: 'terminated' });
    expect(move('negotiating', { action: 'sign' })).toMatchObject({ ok: false, field: 'contractFen' });
    expect(move('negotiating', { action: 'sign', contractFen: -5 })).toMatchObject({ ok: false, field: 'contractFen' });
    expect(move('negotiating', { action: 'sign', contractFen: 50_000_000 })).toEqual({ ok: true, to: 'signed' });
  });
  it('an open stage without an answer past the deadline is overdue; a signed or ended one is not', () => {
    const t0 = new Date('2026-11-01T00:00:00Z');
    expect(isOverdue('recommended', t0, new Date('2026-11-08T00:00:01Z'), 7)).toBe(true);
    expect(isOverdue('recommended', t0, new Date('2026-11-08T00:00:00Z'), 7)).toBe(false);
    expect(isOverdue('terminated', t0, new Date('2027-01-01'), 7)).toBe(false);
    expect(isOverdue('signed', t0, new Date('2027-01-01'), 7)).toBe(false);
  });
});
