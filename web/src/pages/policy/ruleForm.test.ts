import { describe, expect, it } from 'vitest';
import { amountKind, conditionKind, factsRead, getAt, lineDiff, moneyToFen, pathText, setAt } from './ruleForm.js';

describe('rule form helpers', () => {
  it('writes paths as the checker does', () => {
    expect(pathText(['eligibility', 'all', 1, 'fact'])).toBe('eligibility.all[1].fact');
    expect(pathText(['departments', 0])).toBe('departments[0]');
  });

  it('sets and removes a value by path without touching the rest (unknown keys kept)', () => {
    const doc = { eligibility: { all: [{ fact: 'a', is: true }, { fact: 'b', gte: '1万' }] }, future: { x: 1 } };
    const next = setAt(doc, ['eligibility', 'all', 1, 'gte'], '2万') as typeof doc;
    expect(getAt(next, ['eligibility', 'all', 1, 'gte'])).toBe('2万');
    expect(next.future).toEqual({ x: 1 });
    expect(doc.eligibility.all[1]!.gte).toBe('1万'); // not mutated
    const removed = setAt(doc, ['eligibility', 'all', 0], undefined) as typeof doc;
    expect(removed.eligibility.all).toEqual([{ fact: 'b', gte: '1万' }]);
  });

  it('tells the kinds it can show, and leaves any other shape unknown', () => {
    expect(conditionKind({ all: [], label: 'x' })).toBe('all');
    expect(conditionKind({ fact: 'staff', gte: 10, lt: 100 })).toBe('compare');
    expect(conditionKind({ ratio: ['a', 'b'], gte: '35%' })).toBe('ratio');
    expect(conditionKind({ fact: 'q', has: 'hnte' })).toBe('has');
    expect(conditionKind({ fact: 'district', in: ['320505'] })).toBe('in');
    expect(conditionKind({ value: { sub: ['rdExpense', 'rdExpense@-1'] }, gte: '100万' })).toBe('unknown');
    expect(conditionKind({ fact: 'revenue', gte: { minus: ['a', 'b'] } })).toBe('unknown');
    expect(conditionKind({ fact: 'revenue', within: 3 })).toBe('unknown');
    expect(amountKind({ cap: { fixed: '1万' }, max: '2万' })).toBe('cap');
    expect(amountKind({ rate: '5%', of: 'x', rounding: 'floor' })).toBe('rate');
    expect(amountKind({ min: [{ fixed: '1万' }] })).toBe('unknown');
  });

  it('lists the facts a document reads', () => {
    expect(factsRead({ eligibility: { all: [{ fact: 'isManufacturing', is: true }, { ratio: ['a', 'b'], gte: '1%' }] }, amount: { cap: { rate: '5%', of: 'equipmentInvestment' }, max: '1万' } })).toEqual([
      'isManufacturing',
      'a',
      'b',
      'equipmentInvestment',
    ]);
  });

  it('diffs two documents line by line', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
    expect(lineDiff('', 'a')).toEqual([{ kind: 'added', text: 'a' }]);
  });

  it('converts 元 and 万元 to exact 分', () => {
    expect(moneyToFen('6000', 'wan')).toBe(6_000_000_000);
    expect(moneyToFen('1.5', 'wan')).toBe(1_500_000);
    expect(moneyToFen('123.45', 'yuan')).toBe(12_345);
    expect(moneyToFen('1,000', 'yuan')).toBe(100_000);
    expect(moneyToFen('0.001', 'yuan')).toBeNull();
    expect(moneyToFen('-1', 'wan')).toBeNull();
    expect(moneyToFen('abc', 'wan')).toBeNull();
  });
});
