import { describe, expect, it } from 'vitest';
import { isRepeatedOrSequential, passwordProblem } from './password-strength.js';

describe('passwordProblem', () => {
  it('keeps the length rule', () => {
    expect(passwordProblem('Zx9#kLm')).toBe('密码至少 8 位');
  });

  it('refuses passwords of the common list, whole and in any case', () => {
    for (const p of ['password', 'PASSWORD', 'football', 'qwertyuiop', '1qaz2wsx', 'P@ssw0rd', 'iloveyou']) {
      expect(passwordProblem(p, { username: 'wang01' }), p).toBe('密码过于常见（位列常用密码表）');
    }
  });

  it('refuses a common password dressed with capitals and a suffix (zxcvbn: similar to common)', () => {
    expect(passwordProblem('Admin@123', { username: 'wang01' })).toMatch(/^密码过于常见/);
  });

  it('refuses repeated characters, repeated units and runs', () => {
    for (const p of ['aaaaaaaa', '!!!!!!!!!', '12121212', 'abcabcabc', 'abcdefgh', '87654321', 'ZYXWVUTS']) {
      expect(passwordProblem(p, { username: 'wang01' }), p).toBe('密码不能是重复或连续的字符');
    }
  });

  it('refuses the username and its simple variants', () => {
    const u = { username: 'zhangsan' };
    expect(passwordProblem('zhangsan@2026!', u)).toBe('密码不能包含用户名');
    expect(passwordProblem('ZhangSan#Q7x', u)).toBe('密码不能包含用户名');
    expect(passwordProblem('nasgnahz!Q2w', u)).toBe('密码不能包含用户名');
    expect(passwordProblem('Li.Wei2026!x', { username: 'liwei' })).toBe('密码不能包含用户名');
    expect(passwordProblem('Alice!Wonder7', { username: 'alice99' })).toBe('密码不能包含用户名');
  });

  it('refuses what zxcvbn scores below 2 (a date, a keyboard row)', () => {
    expect(passwordProblem('19870512', { username: 'wang01' })).toMatch(/^密码太容易被猜到（强度 [01]\/4，至少 2）/);
    expect(passwordProblem('asdfghjkl;', { username: 'wang01' })).toMatch(/^密码太容易被猜到/);
  });

  it('accepts the demo password and passwords no rule catches', () => {
    expect(passwordProblem('Demo@2026', { username: 'admin' })).toBeNull();
    expect(passwordProblem('Zx9#kLm2pQ', { username: 'bob' })).toBeNull();
    expect(passwordProblem('correct horse battery', { username: 'wang01' })).toBeNull();
  });
});

describe('isRepeatedOrSequential', () => {
  it('tells runs and repeats from ordinary text', () => {
    expect(isRepeatedOrSequential('abcd')).toBe(true);
    expect(isRepeatedOrSequential('abce')).toBe(false);
    expect(isRepeatedOrSequential('abab')).toBe(true);
    expect(isRepeatedOrSequential('abaa')).toBe(false);
  });
});
