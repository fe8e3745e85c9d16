import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type TestApp } from '../helpers/app.js';

describe('authentication', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  beforeAll(async () => {
    t = await openTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  beforeEach(async () => {
    await t.database.reset();
    fx = await seedFixture(t.database);
  });
  afterAll(async () => t?.close());

  it('signs in with a session cookie that is HttpOnly and SameSite, and stores argon2id hashes', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((x) => x.name === 'sch_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.secure).toBeFalsy();
    const row = await t.database.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    // the secret itself is not stored
    const sessions = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).not.toContain(c.value);
  });

  it('sets Secure on the cookie behind TLS', async () => {
    const t2 = await openTestApp({ TRUST_PROXY: 'true' });
    try {
      await seedFixture(t2.database);
      const r = await t2.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'admin', password: PASSWORD } });
      expect(r.cookies.find((x) => x.name === 'sch_session')!.secure).toBe(true);
    } finally {
      await t2.close();
    }
  });

  it('refuses a wrong password with a plain message, and throttles after repeated failures', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'expert', password: 'wrong-password' } });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('用户名或密码错误');
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'expert', password: PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_THROTTLED');
    // other accounts are unaffected
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } })).statusCode).toBe(200);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const s = await signIn(t.app, 'admin', PASSWORD);
    const body = { name: 'x' };
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie: s.cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'nope' }, payload: body });
    expect(wrong.statusCode).toBe(403);
    expect((await call(t.app, s, 'POST', '/api/auth/tokens', body)).statusCode).toBe(200);
  });

  it('revocation and disabling take effect on the next request', async () => {
    const victim = await signIn(t.app, 'expert', PASSWORD);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    expect((await call(t.app, victim, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, admin, 'POST', `/api/users/${fx.users.expert}/revoke-sessions`)).statusCode).toBe(200);
    expect((await call(t.app, victim, 'GET', '/api/auth/me')).statusCode).toBe(401);

    const again = await signIn(t.app, 'expert', PASSWORD);
    expect((await call(t.app, admin, 'PATCH', `/api/users/${fx.users.expert}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await call(t.app, again, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'expert', password: PASSWORD } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('logout ends the session', async () => {
    const s = await signIn(t.app, 'official', PASSWORD);
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('API tokens authenticate machine clients without CSRF, and stop at revocation', async () => {
    const s = await signIn(t.app, 'admin', PASSWORD);
    const created = (await call(t.app, s, 'POST', '/api/auth/tokens', { name: 'etl' })).json() as { token: { id: number }; secret: string };
    const auth = { authorization: `Bearer ${created.secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/reference/qualification-types', headers: auth, payload: { code: 'tech_leader', name: '科技领军企业', nameEn: 'Sci-tech leader' } })).statusCode).toBe(200);
    expect((await call(t.app, s, 'DELETE', `/api/auth/tokens/${created.token.id}`)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/users', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('BAD_TOKEN');
  });

  it('changing the password ends the other sessions', async () => {
    const a = await signIn(t.app, 'tech_manager', PASSWORD);
    const b = await signIn(t.app, 'tech_manager', PASSWORD);
    expect((await call(t.app, a, 'POST', '/api/auth/password', { currentPassword: 'bad', newPassword: 'Another@123' })).json().error.field).toBe('currentPassword');
    expect((await call(t.app, a, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Another@123' })).statusCode).toBe(200);
    expect((await call(t.app, a, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, b, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await signIn(t.app, 'tech_manager', 'Another@123');
  });

  it('refuses common and guessable passwords when an admin creates or resets an account and on a self-service change, naming the field, writing nothing but the audit record', async () => {
    const admin = await signIn(t.app, 'admin', PASSWORD);
    const cases: [string, string, RegExp][] = [
      ['zhangsan', 'password', /^密码过于常见（位列常用密码表）/],
      ['zhangsan', 'Admin@123', /^密码过于常见/],
      ['zhangsan', 'Zhangsan#2026', /^密码不能包含用户名$/],
      ['zhangsan', 'aaaaaaaaaa', /^密码不能是重复或连续的字符$/],
      ['zhangsan', '12345678', /^密码不能是重复或连续的字符$/],
    ];
    for (const [username, password, reason] of cases) {
      const r = await call(t.app, admin, 'POST', '/api/users', { username, displayName: '张三', password, role: 'admin' });
      expect(r.statusCode, password).toBe(400);
      expect(r.json().error.field, password).toBe('password');
      expect(r.json().error.message, password).toMatch(reason);
    }
    expect(await t.database.db.selectFrom('users').select('id').where('username', '=', 'zhangsan').executeTakeFirst()).toBeUndefined();
    const refusals = await t.database.db.selectFrom('audit_log').select(['result', 'detail']).where('action', '=', 'user.create').where('result', '<>', 'ok').execute();
    expect(refusals).toHaveLength(cases.length);
    // The demo password passes, and admin resets obey the same rule.
    const created = await call(t.app, admin, 'POST', '/api/users', { username: 'zhangsan', displayName: '张三', password: 'Demo@2026', role: 'admin' });
    expect(created.statusCode).toBe(200);
    const id = created.json().user.id as number;
    const reset = await call(t.app, admin, 'PATCH', `/api/users/${id}`, { password: 'zhangsan2026' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error).toMatchObject({ field: 'password', message: '密码不能包含用户名' });
    await signIn(t.app, 'zhangsan', 'Demo@2026'); // the refused reset changed nothing
    // Self-service: the new password is checked against the user's own name.
    const s = await signIn(t.app, 'tech_manager', PASSWORD);
    for (const [next, reason] of [['qwertyuiop', /^密码过于常见/], ['tech_manager!1', /^密码不能包含用户名$/], ['abcdefghij', /^密码不能是重复或连续的字符$/]] as const) {
      const r = await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: next });
      expect(r.statusCode, next).toBe(400);
      expect(r.json().error.field, next).toBe('newPassword');
      expect(r.json().error.message, next).toMatch(reason);
    }
    await signIn(t.app, 'tech_manager', PASSWORD);
    const changes = await t.database.db.selectFrom('audit_log').select('result').where('action', '=', 'auth.password.change').execute();
    expect(changes.map((c) => c.result)).toEqual(['error', 'error', 'error']);
  });

  it('parallel guesses cannot get past the throttle', async () => {
    const guesses = Array.from({ length: 30 }, (_, i) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'commissioner', password: i === 20 ? PASSWORD : `wrong-${i}` } }),
    );
    const codes = (await Promise.all(guesses)).map((r) => r.statusCode);
    // LOGIN_MAX_FAILURES is 3 here: at most 3 attempts reach the password check, the rest are refused unseen.
    expect(codes.filter((c) => c === 401 || c === 200).length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(27);
  });

  it('throttles the current-password check and revokes API tokens on a password change or reset', async () => {
    const s = await signIn(t.app, 'finance', PASSWORD);
    const token = (await call(t.app, s, 'POST', '/api/auth/tokens', { name: 'bank etl' })).json() as { secret: string };
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call(t.app, s, 'POST', '/api/auth/password', { currentPassword: `bad-${i}`, newPassword: 'Another@123' })).statusCode);
    expect(codes).toEqual([400, 400, 400, 429, 429]);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token.secret}` } })).statusCode).toBe(200);
    expect((await call(t.app, admin, 'PATCH', `/api/users/${fx.users.finance}`, { password: 'Reset#Kq2026' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token.secret}` } })).statusCode).toBe(401);
  });

  it('a shared address is not locked out by its users’ successful sign-ins', async () => {
    for (let i = 0; i < 40; i++) await signIn(t.app, i % 2 ? 'admin' : 'official', PASSWORD);
  });

  it('answers control characters and impossible dates with 400, not 500', async () => {
    const nul = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    expect(nul.statusCode).toBe(400);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    expect((await call(t.app, admin, 'GET', '/api/orgs?q=%00')).statusCode).toBe(400);
    expect((await call(t.app, admin, 'GET', '/api/audit?from=2024-13-45')).statusCode).toBe(400);
    expect((await call(t.app, admin, 'GET', '/api/audit?from=2024-02-30')).statusCode).toBe(400);
  });
});
