import { describe, expect, it } from 'vitest';
import { fieldErrors, normaliseField, placeField } from './forms.js';

describe('server errors onto form fields', () => {
  it('normalises the server\'s field paths', () => {
    expect(normaliseField('body.uscc')).toBe('uscc');
    expect(normaliseField('/body/requiredTrl/max')).toBe('requiredTrl.max');
    expect(normaliseField('fields[2]')).toBe('fields.2');
  });

  it('places an error under the field or its nearest listed ancestor', () => {
    const fields = ['keywords', 'fields', 'valuation', 'valuation.amountFen', 'requiredTrl.max'];
    expect(placeField('keywords.0', fields)).toBe('keywords');
    expect(placeField('fields.2', fields)).toBe('fields');
    expect(placeField('valuation.amountFen', fields)).toBe('valuation.amountFen');
    expect(placeField('valuation.method', fields)).toBe('valuation');
    expect(placeField('requiredTrl.max', fields)).toBe('requiredTrl.max');
    expect(placeField('deadline', fields)).toBeUndefined();
  });

  it('takes the details of a validation error, and the top-level field when no detail names it', () => {
    expect(
      fieldErrors({ field: 'requiredTrl.max', message: '请求体字段 requiredTrl.max：成熟度上限不能低于下限', details: [{ field: 'requiredTrl.max', message: '成熟度上限不能低于下限' }] }),
    ).toEqual([{ field: 'requiredTrl.max', message: '成熟度上限不能低于下限' }]);
    expect(fieldErrors({ field: 'deadline', message: '截止日期已过', details: [] })).toEqual([{ field: 'deadline', message: '截止日期已过' }]);
    expect(fieldErrors({ field: undefined, message: 'x', details: [] })).toEqual([]);
  });
});
