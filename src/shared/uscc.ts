/**
 * 统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015.
 *
 * 18 characters: registration authority (1), organisation type (1),
 * administrative division (6 digits), organisation code (9), check character (1).
 * The alphabet is 0-9 and the capital letters without I, O, Z, S, V (31 symbols);
 * the check character is 31 − (Σ value·weight mod 31), with 31 written as 0.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccResult = { ok: true; code: string } | { ok: false; reason: string };

/** Computes the check character for the first 17 characters (assumed in the alphabet). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const value = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[value]!;
}

/** Validates a code; lower-case letters and surrounding spaces are normalised first. */
export function validateUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: `应为 18 位，实际为 ${code.length} 位` };
  for (let i = 0; i < 18; i++) {
    const ch = code[i]!;
    if (!USCC_ALPHABET.includes(ch)) {
      return { ok: false, reason: `第 ${i + 1} 位字符“${ch}”不合法（不得使用 I、O、Z、S、V 等字符）` };
    }
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return { ok: false, reason: '第 3–8 位应为 6 位数字的登记管理机关行政区划码' };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { ok: false, reason: `校验码错误：第 18 位应为“${expected}”，实际为“${code[17]}”` };
  }
  return { ok: true, code };
}
