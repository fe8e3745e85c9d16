/**
 * Money is read as text in 元 with at most two decimals and converted to 分 by
 * string arithmetic, never by multiplying floats.
 */
import { fenToYuan } from '../../platform/http/xlsx.js';
import { Fen } from '../../shared/api.js';
import { bad, cellText, ok, type Parsed, type RawCell } from './cells.js';

/** Largest amount the API accepts (shared/api.ts Fen; 9×10^12 分 = 900 亿元 at the time of writing). */
const MAX_FEN = BigInt(Fen.maxValue ?? Number.MAX_SAFE_INTEGER);

export type YuanResult = { ok: true; fen: number } | { ok: false; reason: string };

/**
 * Converts an amount in 元 written as text ("1234567.89", "1,234,567.89", "-5") to
 * integer 分 exactly, by string arithmetic. At most two decimals; no exponent.
 */
export function parseYuan(input: string, allowNegative = false): YuanResult {
  const s = input.trim();
  const m = /^([-+])?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/.exec(s);
  if (!m) {
    if (/^[-+]?[\d.]+e[-+]?\d+$/i.test(s)) return { ok: false, reason: `“${s}”是科学计数法，请填写完整的数字（单位：元）` };
    return { ok: false, reason: `“${s}”不是有效的金额，应为以元为单位、最多两位小数的数字` };
  }
  const [, sign, intPart = '', frac] = m;
  if (frac !== undefined && frac.length === 0) return { ok: false, reason: `“${s}”小数点后没有数字` };
  if (frac !== undefined && frac.length > 2) return { ok: false, reason: `“${s}”超过两位小数（金额以元为单位，精确到分）` };
  const negative = sign === '-';
  let value = BigInt(intPart.replace(/,/g, '')) * 100n + BigInt((frac ?? '').padEnd(2, '0') || '0');
  if (value > MAX_FEN) return { ok: false, reason: `“${s}”超出允许范围（最大 ${formatYuan(Number(MAX_FEN))} 元）` };
  if (negative && value !== 0n) {
    if (!allowNegative) return { ok: false, reason: `“${s}”不能为负数` };
    value = -value;
  }
  return { ok: true, fen: Number(value) };
}

/** 分 → 元 as text with exactly two decimals ("1234567.89", "-0.05"). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount ${fen} is not an integer number of 分`);
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** 分 → 元 as a spreadsheet number when that number prints back to the same text (up to 15 digits), else text. */
export function yuanCell(fen: number): number | string {
  if (Math.abs(fen) < 1e15) {
    const n = fenToYuan(fen); // the double nearest the exact quotient: prints as the same ≤15-digit decimal
    if (formatYuan(fen) === n.toFixed(2)) return n;
  }
  return formatYuan(fen);
}

/** A money cell (a spreadsheet number or text in 元) → 分. */
export function parseMoney(v: RawCell, allowNegative: boolean): Parsed<number> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad('不是有效的金额');
    // The number's shortest decimal form, parsed as text: exact for what a person typed.
    const text = String(v);
    const r = parseYuan(text, allowNegative);
    if (!r.ok && /\.\d{3,}/.test(text)) return bad(`单元格中的数值是 ${text}，超过两位小数；请四舍五入到分（如 =ROUND(…,2)）或把单元格设为文本`);
    return r.ok ? ok(r.fen) : bad(r.reason);
  }
  if (typeof v === 'boolean' || v instanceof Date) return bad(`“${cellText(v)}”不是金额`);
  const r = parseYuan(String(v), allowNegative);
  return r.ok ? ok(r.fen) : bad(r.reason);
}
