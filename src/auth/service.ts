/**
 * Sign-in, sessions, API tokens and throttling. Sessions and tokens are looked up
 * on every request together with the user's status, so disabling a user or
 * revoking a session or token takes effect on the next request.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { AppError, invalid } from '../platform/errors.js';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { Role } from '../shared/enums.js';
import type { AuthUser } from './access.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { passwordProblem } from './password-strength.js';
import { API_TOKEN_PREFIX, randomSecret, sha256 } from './tokens.js';

export interface AuthSettings {
  sessionTtlHours: number;
  maxFailures: number;
  lockMinutes: number;
}

export interface Principal {
  user: AuthUser;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
}

const userColumns = ['users.id', 'users.username', 'users.display_name', 'users.role', 'users.org_id', 'users.department_code'] as const;

function toAuthUser(r: { id: number; username: string; display_name: string; role: string; org_id: number | null; department_code: string | null }): AuthUser {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role as Role, orgId: r.org_id, departmentCode: r.department_code };
}

/**
 * Takes one attempt from a throttle bucket, atomically, before the password is
 * checked, so parallel guesses cannot all slip past a check-then-record gap.
 * A bucket allows `max` attempts per window; the next one locks it for the
 * window. A success empties the bucket (see clearAttempts).
 */
async function takeAttempt(db: Kysely<DB>, key: string, s: AuthSettings, max: number): Promise<Date | null> {
  const mins = s.lockMinutes;
  const r = await sql<{ failures: number; locked_until: Date | null }>`
    INSERT INTO login_throttle AS t (key, failures, window_start, locked_until) VALUES (${key}, 1, now(), NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE
        WHEN t.locked_until > now() THEN t.failures
        WHEN t.window_start < now() - make_interval(mins => ${mins}) OR t.locked_until <= now() THEN 1
        ELSE t.failures + 1 END,
      window_start = CASE
        WHEN t.locked_until > now() THEN t.window_start
        WHEN t.window_start < now() - make_interval(mins => ${mins}) OR t.locked_until <= now() THEN now()
        ELSE t.window_start END,
      locked_until = CASE
        WHEN t.locked_until > now() THEN t.locked_until
        WHEN t.window_start >= now() - make_interval(mins => ${mins}) AND (t.locked_until IS NULL OR t.locked_until > now()) AND t.failures + 1 > ${max}
          THEN now() + make_interval(mins => ${mins})
        ELSE NULL END
    RETURNING failures, locked_until`.execute(db);
  const row = r.rows[0]!;
  return row.locked_until && new Date(row.locked_until) > new Date() ? new Date(row.locked_until) : null;
}

/** Gives back an attempt that succeeded, so a shared address's bucket counts only failures. */
async function returnAttempt(db: Kysely<DB> | Transaction<DB>, key: string): Promise<void> {
  await sql`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${key} AND locked_until IS NULL`.execute(db);
}

async function clearAttempts(db: Kysely<DB> | Transaction<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

function throttled(until: Date, field: string): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError('LOGIN_THROTTLED', 429, `尝试次数过多，请 ${minutes} 分钟后再试`, field);
}

export async function login(
  db: Kysely<DB>,
  s: AuthSettings,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ user: AuthUser; sessionSecret: string; csrfToken: string; expiresAt: Date }> {
  const userKey = 'u:' + input.username.toLowerCase();
  const ipKey = 'ip:' + (input.ip ?? 'unknown');
  const actor: Actor = { userId: null, label: input.username, ip: input.ip };
  for (const [key, max] of [[userKey, s.maxFailures], [ipKey, s.maxFailures * 10]] as const) {
    const until = await takeAttempt(db, key, s, max);
    if (until) {
      await appendAudit(db, actor, { action: 'auth.login', objectType: 'user', objectId: input.username, result: 'denied', detail: { reason: 'throttled', key: key.slice(0, 2) } });
      throw throttled(until, 'username');
    }
  }
  const row = await db.selectFrom('users').select([...userColumns, 'users.password_hash', 'users.status']).where('username', '=', input.username).executeTakeFirst();
  const ok = row ? await verifyPassword(row.password_hash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  if (!row || !ok || row.status !== 'active') {
    await appendAudit(db, { ...actor, userId: row?.id ?? null }, {
      action: 'auth.login',
      objectType: 'user',
      objectId: input.username,
      result: 'denied',
      detail: { reason: row && ok ? 'disabled' : 'bad_credentials' },
    });
    if (row && ok) throw new AppError('ACCOUNT_DISABLED', 401, '该账号已停用，请联系管理员', 'username');
    throw new AppError('BAD_CREDENTIALS', 401, '用户名或密码错误', 'password');
  }
  const sessionSecret = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(Date.now() + s.sessionTtlHours * 3600_000);
  const user = toAuthUser(row);
  await audited(db, { userId: user.id, label: user.username, ip: input.ip }, { action: 'auth.login', objectType: 'user', objectId: user.id }, async (trx) => {
    await clearAttempts(trx, userKey);
    await returnAttempt(trx, ipKey);
    await trx
      .insertInto('sessions')
      .values({ id: sha256(sessionSecret), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt, ip: input.ip, user_agent: input.userAgent?.slice(0, 300) ?? null })
      .execute();
    await trx.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', user.id).execute();
  });
  return { user, sessionSecret, csrfToken, expiresAt };
}

export async function resolveSession(db: Kysely<DB>, sessionSecret: string): Promise<Principal | null> {
  const id = sha256(sessionSecret);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...userColumns, 'users.status', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.revoked_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at || new Date(row.expires_at) <= new Date() || row.status !== 'active') return null;
  // Touch at most once a minute to keep reads cheap.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  return { user: toAuthUser(row), via: 'session', sessionId: id, csrfToken: row.csrf_token };
}

export async function resolveApiToken(db: Kysely<DB>, secret: string): Promise<Principal | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...userColumns, 'users.status', 'api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= new Date()) || row.status !== 'active') return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.token_id).execute();
  }
  return { user: toAuthUser(row), via: 'token' };
}

export async function logout(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<void> {
  await audited(db, actor, { action: 'auth.logout', objectType: 'session', objectId: sessionId.slice(0, 12) }, async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
  });
}

export async function changePassword(db: Kysely<DB>, s: AuthSettings, actor: Actor, userId: number, current: string, next: string, keepSessionId?: string): Promise<void> {
  // The current-password check is throttled like a sign-in: a stolen session must not brute-force it.
  const key = `pw:${userId}`;
  const until = await takeAttempt(db, key, s, s.maxFailures);
  if (until) throw throttled(until, 'currentPassword');
  const row = await db.selectFrom('users').select(['password_hash', 'username', 'display_name']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    await appendAudit(db, actor, { action: 'auth.password.change', objectType: 'user', objectId: userId, result: 'denied', detail: { reason: 'bad_current_password' } });
    throw new AppError('BAD_CREDENTIALS', 400, '当前密码不正确', 'currentPassword');
  }
  const weak = passwordProblem(next, { username: row.username, displayName: row.display_name });
  if (weak) {
    await appendAudit(db, actor, { action: 'auth.password.change', objectType: 'user', objectId: userId, result: 'error', detail: { code: 'VALIDATION', field: 'newPassword', message: weak } });
    throw invalid('newPassword', weak);
  }
  const hashed = await hashPassword(next);
  await audited(db, actor, { action: 'auth.password.change', objectType: 'user', objectId: userId }, async (trx) => {
    await clearAttempts(trx, key);
    await trx.updateTable('users').set({ password_hash: hashed, updated_at: new Date() }).where('id', '=', userId).execute();
    // Other sessions and every API token end: a changed password should lock out whoever else held it.
    let q = trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (keepSessionId) q = q.where('id', '<>', keepSessionId);
    await q.execute();
    await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  });
}

export async function createApiToken(db: Kysely<DB>, actor: Actor, userId: number, name: string, expiresInDays?: number) {
  const secret = API_TOKEN_PREFIX + randomSecret(30);
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const row = await audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'auth.token.create', objectType: 'api_token', objectId: r.id, detail: { name } }),
    (trx) =>
      trx
        .insertInto('api_tokens')
        .values({ user_id: userId, name, prefix: secret.slice(0, 10), token_hash: sha256(secret), expires_at: expiresAt })
        .returningAll()
        .executeTakeFirstOrThrow(),
    { action: 'auth.token.create', objectType: 'api_token' },
  );
  return { token: tokenView(row), secret };
}

export function tokenView(r: { id: number; name: string; prefix: string; created_at: Date | string; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null }) {
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return { id: r.id, name: r.name, prefix: r.prefix, createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at), lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at) };
}

export async function listApiTokens(db: Kysely<DB>, userId: number) {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
  return rows.map(tokenView);
}

export async function revokeApiToken(db: Kysely<DB>, actor: Actor, userId: number, tokenId: number): Promise<void> {
  await audited(db, actor, { action: 'auth.token.revoke', objectType: 'api_token', objectId: tokenId }, async (trx) => {
    const r = await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 404, '令牌不存在或已撤销', 'id');
  });
}

export async function purgeExpiredSessions(db: Kysely<DB>): Promise<void> {
  await sql`DELETE FROM sessions WHERE expires_at < now() - interval '7 days'`.execute(db);
}

export async function describeUser(db: Kysely<DB>, u: AuthUser) {
  const org = u.orgId ? await db.selectFrom('organisations').select('name').where('id', '=', u.orgId).executeTakeFirst() : undefined;
  const dep = u.departmentCode ? await db.selectFrom('departments').select('name').where('code', '=', u.departmentCode).executeTakeFirst() : undefined;
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, orgId: u.orgId, orgName: org?.name ?? null, departmentCode: u.departmentCode, departmentName: dep?.name ?? null };
}
