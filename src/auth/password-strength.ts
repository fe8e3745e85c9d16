/**
 * Refuses common and trivially guessable passwords (pure: no DB, no clock).
 *
 * The rules, in the order they are checked (the first that applies is the reason given):
 *   1. at least 8 characters (the length rule the schemas also apply);
 *   2. not repeated or consecutive characters (aaaaaaaa, 12121212, abcdefgh, 87654321);
 *   3. does not contain the username, reversed or with its digits and separators dropped (usernames of 3+ characters;
 *      separators in the password are ignored too: Li.Wei2026 holds liwei);
 *   4. not one of the ~49,000 common passwords of @zxcvbn-ts/language-common, whole and case-insensitive;
 *   5. zxcvbn (@zxcvbn-ts/core) neither scores it below 2 of 4 (fewer than ~10^7 guesses) nor warns that it is a
 *      common password or similar to one (Admin@123, P@ssw0rd: a common word with substitutions or a suffix).
 * `Demo@2026`, the demo accounts' password, passes: zxcvbn scores it 2 (10^7 guesses) with no warning.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 8;
export const MIN_ZXCVBN_SCORE = 2;

let factory: ZxcvbnFactory | null = null;
let commonSet: Set<string> | null = null;

function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory;
}

function commonPasswords(): Set<string> {
  commonSet ??= new Set((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return commonSet;
}

/** One character repeated, a short unit repeated (abcabc, 12121212), or a run going up or down by one (abcdefgh, 98765432). */
export function isRepeatedOrSequential(password: string): boolean {
  const chars = [...password.toLowerCase()];
  const n = chars.length;
  if (n === 0) return false;
  for (let unit = 1; unit <= Math.floor(n / 2); unit++) {
    if (n % unit === 0 && chars.every((c, i) => c === chars[i % unit])) return true;
  }
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return (step === 1 || step === -1) && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

function containsUsername(password: string, username: string | undefined): boolean {
  const u = (username ?? '').trim().toLowerCase();
  if (u.length < 3) return false;
  const p = password.toLowerCase();
  const bare = p.replace(/[\s_.\-@]+/g, ''); // Li.Wei2026 holds liwei
  const variants = new Set([u, [...u].reverse().join(''), u.replace(/[0-9_.\-@]+/g, '')]);
  return [...variants].some((v) => v.length >= 3 && (p.includes(v) || bare.includes(v)));
}

/** The reason the password is refused, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, context: { username?: string; displayName?: string } = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
  if (isRepeatedOrSequential(password)) return '密码不能是重复或连续的字符';
  if (containsUsername(password, context.username)) return '密码不能包含用户名';
  if (commonPasswords().has(password.toLowerCase())) return '密码过于常见（位列常用密码表）';
  const inputs = [context.username, context.displayName].filter((s): s is string => Boolean(s && s.trim()));
  const r = zxcvbn().check(password, inputs);
  const warning = r.feedback.warning;
  if (warning === 'topTen' || warning === 'topHundred' || warning === 'common' || warning === 'similarToCommon') {
    return '密码过于常见（与常用密码表中的密码仅有大小写、替换字符或前后缀之差）';
  }
  if (warning === 'userInputs') return '密码不能包含用户名或显示名称';
  if (r.score < MIN_ZXCVBN_SCORE) return `密码太容易被猜到（强度 ${r.score}/4，至少 ${MIN_ZXCVBN_SCORE}）：请加长，或混用字母、数字和符号，避免单词、日期和键盘序列`;
  return null;
}
