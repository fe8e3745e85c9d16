/** Money display and entry: exact, integer-only, rounding declared. (Run by vitest once web/src is in its unit include.) */
import { describe, expect, it } from 'vitest';
import { fenToWanString, formatFen, formatFenExact, formatFenYuan, parseWanToFen } from './money.js';

describe('formatFen (分 → 万元, two decimals, half away from zero)', () => {
  it.each([
    [123456789, '123.46'],
    [0, '0.00'],
    [4999, '0.00'],
    [5000, '0.01'],
    [-5000, '-0.01'],
    [-4999, '0.00'],
    [995000, '1.00'],
    [994999, '0.99'],
    [1234567890000, '1,234,567.89'],
  ])('%d 分 → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('adds the unit on request', () => expect(formatFen(123456789, { unit: true })).toBe('123.46 万元'));
});

describe('parseWanToFen (万元 text → exact 分)', () => {
  it.each([
    ['123.456789', 123456789],
    ['0.3', 300000],
    ['1.15', 1150000],
    ['19.99', 19990000],
    ['1,234.5', 1234500000],
    ['.5', 500000],
    ['0.000001', 1],
    ['  12 ', 12000000],
    ['9000000', 9_000_000_000_000],
  ])('%s 万元 → %d 分', (text, fen) => expect(parseWanToFen(text)).toEqual({ ok: true, fen }));

  it.each([
    ['', 'empty'],
    ['abc', 'format'],
    ['.', 'format'],
    ['1.2345678', 'precision'],
    ['-1', 'negative'],
    ['9000000.000001', 'range'],
  ])('%j is refused: %s', (text, reason) => expect(parseWanToFen(text)).toEqual({ ok: false, reason }));

  it('accepts negatives when allowed (net assets)', () => expect(parseWanToFen('-3.5', { allowNegative: true })).toEqual({ ok: true, fen: -3500000 }));

  it('round-trips with fenToWanString', () => {
    for (const fen of [1, 0, 123456789, -5000000, 100000000, 9_000_000_000_000]) {
      expect(parseWanToFen(fenToWanString(fen), { allowNegative: true })).toEqual({ ok: true, fen });
    }
  });
});

describe('formatFenExact (分 → readable 万元: exact when whole to 0.01 万元, else sensibly rounded)', () => {
  it.each([
    [300_000_000, '300'],
    [30_000_000_000, '30,000'],
    [-1_500_000, '-1.5'],
    [0, '0'],
    [14_521_943, '14.52'], // never "14.521943"
    [14_525_000, '14.53'], // half away from zero at 0.01 万元
    [-14_525_000, '-14.53'],
    [123_456_789, '123.46'],
    [999_999_999, '1,000'],
    [345_678, '0.3457'], // below 1 万元: to the 元
    [345_650, '0.3457'],
    [1, '0.000001'], // under half a 元 is shown as it is, not as 0
  ])('%d 分 → %s', (fen, text) => expect(formatFenExact(fen)).toBe(text));
  it('adds the unit on request, and shows an amount not whole to 0.01 万元 exactly in 元', () => {
    expect(formatFenExact(500_000_000, { unit: true })).toBe('500 万元');
    expect(formatFenExact(14_521_943, { unit: true })).toBe('145,219.43 元');
    expect(formatFenExact(-50, { unit: true })).toBe('-0.50 元');
  });
});

describe('formatFenYuan (分 → exact 元)', () => {
  it.each([
    [14_521_943, '145,219.43'],
    [5, '0.05'],
    [-100_000_000, '-1,000,000.00'],
  ])('%d 分 → %s', (fen, text) => expect(formatFenYuan(fen)).toBe(text));
});
