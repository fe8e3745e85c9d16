import { describe, expect, it } from 'vitest';
import { usccCheckChar, validateUscc, USCC_ALPHABET } from '../../src/shared/uscc.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real codes', () => {
    expect(validateUscc('914403001922038216')).toEqual({ ok: true, code: '914403001922038216' });
    expect(validateUscc('91330100716105852F')).toEqual({ ok: true, code: '91330100716105852F' });
  });
  it('normalises case and spaces', () => {
    expect(validateUscc(' 91330100716105852f ')).toEqual({ ok: true, code: '91330100716105852F' });
  });
  it('refuses a wrong check character and says which it should be', () => {
    const r = validateUscc('914403001922038217');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('第 18 位应为“6”');
  });
  it('refuses wrong length and forbidden letters', () => {
    expect(validateUscc('91440300192203821').ok).toBe(false);
    const r = validateUscc('9144030019220382I6');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('第 17 位');
  });
  it('catches every single-character substitution of a valid code', () => {
    const code = '91330100716105852F';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_ALPHABET) {
        if (ch === code[i]) continue;
        if (i >= 2 && i < 8 && !/[0-9]/.test(ch)) continue;
        tried++;
        if (!validateUscc(code.slice(0, i) + ch + code.slice(i + 1)).ok) caught++;
      }
    }
    expect(caught).toBe(tried);
  });
  it('computes the check character with 31 written as 0', () => {
    expect(usccCheckChar('91440300192203821')).toBe('6');
  });
});
