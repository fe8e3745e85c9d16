import { describe, expect, it } from 'vitest';
import type { RunItem, RunTotal } from '../../lib/types.js';
import { changedParameters, departmentSummary, parameterOfField, runPercent, signedCount, signedFen } from './runFigures.js';

const item = (id: string, departments: string[], kind: RunItem['kind'] = 'ceiling'): RunItem => ({
  id,
  version: 1,
  contentHash: 'h',
  title: id,
  measure: 6,
  departments,
  kind,
  channel: 'no_application',
  facts: [],
});
const total = (itemId: string, eligible: number, entitlementFen: number, ceilingFen: number): RunTotal => ({
  itemId,
  eligible,
  needsInput: 0,
  notEligible: 0,
  entitlementFen,
  ceilingFen,
  expectedFen: entitlementFen + ceilingFen,
  expectedBasis: 'formula',
  expectedNote: '按规则公式计算',
  historyCount: 0,
  historyMeanFen: null,
});

describe('runPercent', () => {
  it('is 0 before saving, rows saved over enterprises while saving, 100 when done', () => {
    expect(runPercent({ status: 'running', phase: 'load', done: 0, total: 0 })).toBe(0);
    expect(runPercent({ status: 'running', phase: 'evaluate', done: 0, total: 300 })).toBe(0);
    expect(runPercent({ status: 'running', phase: 'save', done: 100, total: 300 })).toBe(33);
    expect(runPercent({ status: 'running', phase: 'save', done: 300, total: 300 })).toBe(100);
    expect(runPercent({ status: 'done', phase: 'done', done: 300, total: 300 })).toBe(100);
    expect(runPercent({ status: 'failed', phase: 'save', done: 0, total: 0 })).toBe(0);
  });
});

describe('departmentSummary', () => {
  it('counts an item in full for each of its departments', () => {
    const items = [item('a', ['kjj', 'sw_tax']), item('b', ['kjj']), item('c', ['gxj'], 'entitlement')];
    const totals = [total('a', 300, 0, 60_000_000_000), total('b', 2, 0, 1_000_000), total('c', 5, 7_000_000, 0)];
    const s = departmentSummary(items, totals);
    expect(s.map((d) => d.code)).toEqual(['kjj', 'sw_tax', 'gxj']);
    expect(s[0]).toEqual({ code: 'kjj', items: 2, pairs: 302, entitlementFen: 0, ceilingFen: 60_001_000_000 });
    expect(s[1]).toEqual({ code: 'sw_tax', items: 1, pairs: 300, entitlementFen: 0, ceilingFen: 60_000_000_000 });
    expect(s[2]).toEqual({ code: 'gxj', items: 1, pairs: 5, entitlementFen: 7_000_000, ceilingFen: 0 });
  });
  it('keeps departments whose items have no totals (a run not finished)', () => {
    expect(departmentSummary([item('a', ['kjj'])], [])).toEqual([{ code: 'kjj', items: 1, pairs: 0, entitlementFen: 0, ceilingFen: 0 }]);
  });
});

describe('signed differences', () => {
  it('shows the sign and exact 万元', () => {
    expect(signedFen(1_000_000)).toBe('+1');
    expect(signedFen(30_000_000_000)).toBe('+30,000');
    expect(signedFen(-500_000)).toBe('-0.5');
    expect(signedFen(0)).toBe('0');
    expect(signedCount(2)).toBe('+2');
    expect(signedCount(-1)).toBe('-1');
    expect(signedCount(0)).toBe('0');
  });
});

describe('changedParameters', () => {
  const params = [
    { name: 'max', kind: 'money', value: '200万', label: '上限', clause: '' },
    { name: 'rate', kind: 'rate', value: '5%', label: '比例', clause: '' },
    { name: 'quota', kind: 'count', value: 15, label: '名额', clause: '' },
  ];
  it('sends only what differs from the current value, trimmed, counts as numbers', () => {
    expect(changedParameters(params, { max: ' 300万 ', rate: '5%', quota: '20' })).toEqual({ max: '300万', quota: 20 });
    expect(changedParameters(params, { quota: '15' })).toEqual({});
    expect(changedParameters(params, { max: '', rate: undefined })).toEqual({});
  });
  it('leaves a count that is not plain digits as typed, for the server to name the error', () => {
    expect(changedParameters(params, { quota: '二十' })).toEqual({ quota: '二十' });
  });
});

describe('parameterOfField', () => {
  it('finds the parameter a server error is about', () => {
    expect(parameterOfField('parameters.rate.value')).toBe('rate');
    expect(parameterOfField('parameters.max')).toBe('max');
    expect(parameterOfField('itemId')).toBeNull();
    expect(parameterOfField(undefined)).toBeNull();
  });
});
