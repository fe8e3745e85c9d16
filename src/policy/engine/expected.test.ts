import { describe, expect, it } from 'vitest';
import { ITEMS } from '../items/index.js';
import { EXPECTED_NO_HISTORY, expectedFor, isFixedCeiling, meanFen } from './expected.js';
import { formatFen } from './money.js';

const item = (id: string) => ITEMS.find((i) => i.id === id)!;
const WAN = 1_000_000;

describe('预计金额 beside the ceiling', () => {
  it('knows a "最高 X 万" item from one whose amount the rule computes', () => {
    expect(isFixedCeiling(item('m18.high_value_share'))).toBe(true);
    expect(isFixedCeiling(item('m1.national_key_lab'))).toBe(true);
    expect(isFixedCeiling(item('m8.equipment'))).toBe(false); // 5% of the investment
    expect(isFixedCeiling(item('m3.central_local'))).toBe(false); // 最高按上级财政拨款的50%: computed
  });

  it('a computed amount is its own expectation', () => {
    const e = expectedFor(item('m8.equipment'), [300 * WAN, 250 * WAN], { count: 4, sumFen: 10 * WAN }, formatFen);
    expect(e).toMatchObject({ expectedFen: 550 * WAN, basis: 'formula' });
  });

  it('a "最高" item with approvals expects their mean, each enterprise at most its own ceiling', () => {
    // past approvals 100万 and 50万: mean 75万; the second enterprise's ceiling is trimmed to 60万
    const e = expectedFor(item('m18.high_value_share'), [250 * WAN, 60 * WAN, 250 * WAN], { count: 2, sumFen: 150 * WAN }, formatFen);
    expect(e).toMatchObject({ expectedFen: 75 * WAN + 60 * WAN + 75 * WAN, basis: 'history', historyCount: 2, historyMeanFen: 75 * WAN });
    expect(e.note).toContain('2 笔');
  });

  it('no approvals yet: the ceiling, clearly labelled', () => {
    const e = expectedFor(item('m18.high_value_share'), [250 * WAN, 250 * WAN], { count: 0, sumFen: 0 }, formatFen);
    expect(e).toMatchObject({ expectedFen: 500 * WAN, basis: 'ceiling', note: EXPECTED_NO_HISTORY, historyMeanFen: null });
  });

  it('the mean is rounded half up to the 分, in integers', () => {
    expect(meanFen({ count: 3, sumFen: 10 })).toBe(3); // 3.33…
    expect(meanFen({ count: 2, sumFen: 5 })).toBe(3); // 2.5 → 3
    expect(meanFen({ count: 0, sumFen: 0 })).toBeNull();
    expect(meanFen({ count: 3, sumFen: 9_007_199_254_740_990 })).toBe(3_002_399_751_580_330);
  });
});
