/**
 * Money on screen. The API carries integer 分; people read 万元.
 * 1 万元 = 10 000 元 = 1 000 000 分. No float arithmetic touches an amount:
 * display rounds in integers, and input is parsed digit by digit.
 */

export const FEN_PER_WAN = 1_000_000;
const FEN_PER_WAN_BIG = 1_000_000n;
/** The largest amount the API accepts (src/shared/api.ts Fen). */
const MAX_FEN = 9_000_000_000_000n;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * 分 → "123.46" (万元, two decimals, thousands separated).
 * Rounding: half away from zero at 0.01 万元 (= 10 000 分), declared here once.
 */
export function formatFen(fen: number, options: { unit?: boolean; grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  let hundredths = abs / 10_000n; // 0.01 万元 units
  if (abs % 10_000n >= 5_000n) hundredths += 1n;
  const whole = (hundredths / 100n).toString();
  const frac = (hundredths % 100n).toString().padStart(2, '0');
  const text = `${negative && hundredths > 0n ? '-' : ''}${options.grouping === false ? whole : groupThousands(whole)}.${frac}`;
  return options.unit ? `${text} 万元` : text;
}

/** 分 → an exact 万元 string with up to six decimals and no grouping ("123.456789"); used to fill edit forms. */
export function fenToWanString(fen: number): string {
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const whole = (abs / FEN_PER_WAN_BIG).toString();
  const frac = (abs % FEN_PER_WAN_BIG).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** |fen| rounded half away from zero to a multiple of `step` 分 (integers only). */
function roundTo(fen: bigint, step: bigint): bigint {
  const q = fen / step;
  return (fen % step) * 2n >= step ? (q + 1n) * step : q * step;
}

/** 分 → "1,234.5" 万元: grouped, trailing zeros dropped (exact for the amount given). */
function wanText(fen: number): string {
  const text = fenToWanString(fen);
  const [whole = '0', frac] = text.replace(/^-/, '').split('.');
  return `${text.startsWith('-') ? '-' : ''}${groupThousands(whole)}${frac ? `.${frac}` : ''}`;
}

/** 分 → "145,219.43" 元, exact, grouped. */
export function formatFenYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${groupThousands(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * 分 → an amount in 万元 people can read, grouped and without padding ("3,000", "14.52", "0.35"):
 * exact when the amount is whole to 0.01 万元 (the amounts policies state: a 300 万元 award, a 最高 50
 * 万元 ceiling), otherwise rounded half away from zero to 0.01 万元 (100 元) from 1 万元 up, to 1 元
 * below — never "14.521943". With `unit` the unit is added, and an amount that is not whole to 0.01
 * 万元 is shown exactly in 元 instead ("145,219.43 元"), so an approved or paid sum is never rounded.
 */
export function formatFenExact(fen: number, options: { unit?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const whole100 = fen % 10_000 === 0;
  if (options.unit) return whole100 ? `${wanText(fen)} 万元` : `${formatFenYuan(fen)} 元`;
  if (whole100) return wanText(fen);
  const abs = BigInt(Math.abs(fen));
  const rounded = roundTo(abs, abs >= FEN_PER_WAN_BIG ? 10_000n : 100n);
  if (rounded === 0n) return wanText(fen); // under half a 元: shown as it is rather than as 0
  return wanText(Number(fen < 0 ? -rounded : rounded));
}

export type ParseFailure = 'empty' | 'format' | 'precision' | 'negative' | 'range';
export type ParseResult = { ok: true; fen: number } | { ok: false; reason: ParseFailure };

/**
 * "123.456789" 万元 → 123456789 分, exactly. Accepts an optional sign, thousands
 * commas and up to six decimals (one 分); anything finer is refused rather than rounded.
 */
export function parseWanToFen(input: string, options: { allowNegative?: boolean } = {}): ParseResult {
  const text = input.trim().replace(/[,，\s]/g, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, reason: 'format' };
  const sign = m[1] === '-' ? -1n : 1n;
  const wholeDigits = m[2] || '0';
  const fracDigits = m[3] ?? '';
  if (fracDigits.length > 6) return { ok: false, reason: 'precision' };
  const fen = sign * (BigInt(wholeDigits) * FEN_PER_WAN_BIG + BigInt(fracDigits.padEnd(6, '0') || '0'));
  if (fen < 0n && !options.allowNegative) return { ok: false, reason: 'negative' };
  if (fen > MAX_FEN || fen < -MAX_FEN) return { ok: false, reason: 'range' };
  return { ok: true, fen: Number(fen) };
}

/** A ratio as a percentage with two decimals, or null when the denominator is zero. */
export function percent(numerator: number, denominator: number): string | null {
  if (denominator === 0) return null;
  return ((numerator / denominator) * 100).toFixed(2);
}
