/**
 * Exact arithmetic for policy amounts: money is integer 分, rates are exact
 * decimals written as text ("5%", "0.5", "50%"), products are computed in
 * BigInt and rounded by a declared rule. No float ever touches an amount.
 */

/** A non-negative exact ratio num/den (den > 0). */
export interface Rational {
  num: bigint;
  den: bigint;
}

export type Rounding = 'half_up' | 'floor' | 'ceil';

export const ROUNDING_LABEL: Record<Rounding, string> = {
  half_up: '四舍五入到分',
  floor: '舍去分以下',
  ceil: '分以下进一',
};

/** Parses "5%", "12.5%", "0.05", "1/3" into an exact ratio. Throws on anything else. */
export function parseRate(text: string): Rational {
  const t = text.trim();
  const frac = /^(\d+)\/(\d+)$/.exec(t);
  if (frac) {
    const den = BigInt(frac[2]!);
    if (den === 0n) throw new Error(`比例“${text}”的分母为 0`);
    return { num: BigInt(frac[1]!), den };
  }
  const m = /^(\d+)(?:\.(\d+))?(%?)$/.exec(t);
  if (!m) throw new Error(`比例“${text}”格式不正确，应如 5%、0.05 或 1/3`);
  const decimals = m[2] ?? '';
  let num = BigInt(m[1]! + decimals);
  let den = 10n ** BigInt(decimals.length);
  if (m[3]) den *= 100n;
  const g = gcd(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  return { num, den };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** fen × rate, rounded as declared. */
export function applyRate(fen: number, rate: Rational, rounding: Rounding): number {
  return divRound(BigInt(fen) * rate.num, rate.den, rounding);
}

function divRound(n: bigint, d: bigint, rounding: Rounding): number {
  const q = n / d;
  const r = n % d;
  let out = q;
  if (r !== 0n) {
    if (rounding === 'ceil') out = q + 1n;
    else if (rounding === 'half_up' && 2n * r >= d) out = q + 1n;
  }
  const v = Number(out);
  if (!Number.isSafeInteger(v)) throw new Error('金额超出安全整数范围');
  return v;
}

/** a/b compared with a ratio, exactly: returns sign of a/b − rate (b > 0). */
export function compareRatio(a: number, b: number, rate: Rational): -1 | 0 | 1 {
  const left = BigInt(a) * rate.den;
  const right = BigInt(b) * rate.num;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Rate as words: "5%", "12.5%", "1/3". */
export function formatRate(r: Rational): string {
  // Percent with up to 4 decimals when exact, otherwise a fraction.
  for (let digits = 0; digits <= 4; digits++) {
    const scale = 100n * 10n ** BigInt(digits);
    if ((r.num * scale) % r.den === 0n) {
      const v = (r.num * scale) / r.den;
      const s = v.toString().padStart(digits + 1, '0');
      const int = s.slice(0, s.length - digits);
      const dec = digits ? '.' + s.slice(s.length - digits) : '';
      return `${int}${dec}%`;
    }
  }
  return `${r.num}/${r.den}`;
}

const WAN = 1_000_000; // 1 万元 = 1,000,000 分
const YUAN = 100;

function group(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Money in words for explanations, exact and readable: an amount whole to 0.01 万元 (100 元) from
 * 1 万元 up in 万元 ("6,000 万元", "12.5 万元"), any other in 元 to the 分 ("500 元", "145,219.43 元",
 * "49,999,999.99 元") — never "14.521943 万元", and never rounded (a threshold missed by one 分 shows).
 */
export function formatFen(fen: number): string {
  const neg = fen < 0 ? '-' : '';
  const abs = BigInt(Math.abs(fen));
  if (abs === 0n) return '0 元';
  if (abs >= BigInt(WAN) && abs % 10_000n === 0n) {
    const dec = (abs % BigInt(WAN)).toString().padStart(6, '0').replace(/0+$/, '');
    return `${neg}${group(abs / BigInt(WAN))}${dec ? `.${dec}` : ''} 万元`;
  }
  const cents = abs % BigInt(YUAN);
  return `${neg}${group(abs / BigInt(YUAN))}${cents === 0n ? '' : `.${cents.toString().padStart(2, '0')}`} 元`;
}

/** Parses "5000万", "5000万元", "2亿", "50万元", "123.45元", or a plain integer of 分. */
export function parseMoney(text: string): number {
  const t = text.replace(/\s+/g, '');
  const m = /^(\d+)(?:\.(\d+))?(亿|万|元)?元?$/.exec(t);
  if (!m) throw new Error(`金额“${text}”格式不正确，应如 5000万、2亿 或 123.45元`);
  const unit = m[3] === '亿' ? 10_000n * BigInt(WAN) : m[3] === '万' ? BigInt(WAN) : m[3] === '元' ? BigInt(YUAN) : 1n;
  const decimals = m[2] ?? '';
  const scaled = BigInt(m[1]! + decimals) * unit;
  const div = 10n ** BigInt(decimals.length);
  if (scaled % div !== 0n) throw new Error(`金额“${text}”精度超过 1 分`);
  if (!m[3] && decimals) throw new Error(`金额“${text}”没有单位时应为整数（分）`);
  const v = Number(scaled / div);
  if (!Number.isSafeInteger(v)) throw new Error(`金额“${text}”过大`);
  return v;
}

/**
 * applyRate for the batch: the same exact result, in plain numbers while the
 * product stays within 2^53 (then x/den floors exactly), in BigInt beyond that.
 */
export function applyRateFast(fen: number, num: number, den: number, rate: Rational, rounding: Rounding): number {
  const x = fen * num;
  if (x > Number.MAX_SAFE_INTEGER) return applyRate(fen, rate, rounding);
  const q = Math.floor(x / den);
  const r = x - q * den;
  if (r === 0) return q;
  if (rounding === 'ceil') return q + 1;
  if (rounding === 'half_up' && 2 * r >= den) return q + 1;
  return q;
}

/** compareRatio for the batch, in plain numbers while exact. */
export function compareRatioFast(a: number, b: number, num: number, den: number, rate: Rational): -1 | 0 | 1 {
  const left = a * den;
  const right = b * num;
  if (left > Number.MAX_SAFE_INTEGER || right > Number.MAX_SAFE_INTEGER) return compareRatio(a, b, rate);
  return left < right ? -1 : left > right ? 1 : 0;
}
