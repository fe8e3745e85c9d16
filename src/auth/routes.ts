import { z } from 'zod';
import { ANY_USER, PUBLIC } from './access.js';
import { changePassword, createApiToken, describeUser, listApiTokens, login, logout, revokeApiToken } from './service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './tokens.js';
import { ApiToken, ChangePasswordBody, CreatedToken, CreateTokenBody, ErrorBody, Id, LoginBody, SessionBody } from '../shared/api.js';
import { unauthenticated } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';

const tags = ['auth'];

export function authRoutes(app: Api) {
  const { database, config, auth } = app.deps;
  const db = database.db;

  app.post(
    '/api/auth/login',
    { config: { access: PUBLIC }, schema: { tags, summary: '登录，设置会话 Cookie', body: LoginBody, response: { 200: SessionBody, 401: ErrorBody, 429: ErrorBody } } },
    async (req, reply) => {
      const r = await login(db, auth, { ...req.body, ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
      const secure = config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && req.protocol === 'https');
      reply.setCookie(SESSION_COOKIE, r.sessionSecret, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: r.expiresAt });
      reply.setCookie(CSRF_COOKIE, r.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, expires: r.expiresAt });
      return { user: await describeUser(db, r.user), csrfToken: r.csrfToken };
    },
  );

  app.post('/api/auth/logout', { config: { access: ANY_USER }, schema: { tags, summary: '退出登录', response: { 200: z.object({ ok: z.boolean() }) } } }, async (req, reply) => {
    if (req.principal?.sessionId) await logout(db, req.actor, req.principal.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { access: ANY_USER }, schema: { tags, summary: '当前用户', response: { 200: SessionBody } } }, async (req) => {
    const p = req.principal;
    if (!p) throw unauthenticated();
    return { user: await describeUser(db, p.user), csrfToken: p.csrfToken ?? null };
  });

  app.post(
    '/api/auth/password',
    { config: { access: ANY_USER }, schema: { tags, summary: '修改密码（其他会话随之失效）', body: ChangePasswordBody, response: { 200: z.object({ ok: z.boolean() }), 400: ErrorBody } } },
    async (req) => {
      await changePassword(db, auth, req.actor, req.principal!.user.id, req.body.currentPassword, req.body.newPassword, req.principal!.sessionId);
      return { ok: true };
    },
  );

  app.get('/api/auth/tokens', { config: { access: ANY_USER }, schema: { tags, summary: '我的 API 令牌', response: { 200: z.object({ items: z.array(ApiToken) }) } } }, async (req) => ({
    items: await listApiTokens(db, req.principal!.user.id),
  }));

  app.post(
    '/api/auth/tokens',
    { config: { access: ANY_USER }, schema: { tags, summary: '创建 API 令牌（密钥只显示一次）', body: CreateTokenBody, response: { 200: CreatedToken } } },
    async (req) => createApiToken(db, req.actor, req.principal!.user.id, req.body.name, req.body.expiresInDays),
  );

  app.delete(
    '/api/auth/tokens/:id',
    { config: { access: ANY_USER }, schema: { tags, summary: '撤销 API 令牌', params: z.object({ id: Id }), response: { 200: z.object({ ok: z.boolean() }), 404: ErrorBody } } },
    async (req) => {
      await revokeApiToken(db, req.actor, req.principal!.user.id, req.params.id);
      return { ok: true };
    },
  );
}
