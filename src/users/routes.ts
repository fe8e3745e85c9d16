import { z } from 'zod';
import { ADMIN_ONLY } from '../auth/access.js';
import { notFound } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';
import { CreateUserBody, ErrorBody, Id, paged, PatchUserBody, UserListQuery, UserRow } from '../shared/api.js';
import { createUser, getUser, listUsers, patchUser, revokeSessions } from './service.js';

const tags = ['users'];
const IdParam = z.object({ id: Id });

export function userRoutes(app: Api) {
  const db = app.deps.database.db;
  const access = ADMIN_ONLY;

  app.get('/api/users', { config: { access }, schema: { tags, summary: '用户列表', querystring: UserListQuery, response: { 200: paged(UserRow) } } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return { ...(await listUsers(db, f, page, pageSize)), page, pageSize };
  });
  app.get('/api/users/:id', { config: { access }, schema: { tags, summary: '用户详情', params: IdParam, response: { 200: z.object({ user: UserRow }), 404: ErrorBody } } }, async (req) => {
    const user = await getUser(db, req.params.id);
    if (!user) throw notFound('用户', 'id');
    return { user };
  });
  app.post('/api/users', { config: { access }, schema: { tags, summary: '创建用户', body: CreateUserBody, response: { 200: z.object({ user: UserRow }), 400: ErrorBody, 409: ErrorBody } } }, async (req) => ({
    user: await createUser(db, req.actor, req.body),
  }));
  app.patch(
    '/api/users/:id',
    { config: { access }, schema: { tags, summary: '修改用户（停用、重置密码、改名）', params: IdParam, body: PatchUserBody, response: { 200: z.object({ user: UserRow }), 400: ErrorBody, 404: ErrorBody } } },
    async (req) => ({ user: await patchUser(db, req.actor, req.params.id, req.body) }),
  );
  app.post(
    '/api/users/:id/revoke-sessions',
    { config: { access }, schema: { tags, summary: '注销该用户全部会话与令牌（下一次请求即生效）', params: IdParam, response: { 200: z.object({ revoked: z.number().int() }), 404: ErrorBody } } },
    async (req) => ({ revoked: await revokeSessions(db, req.actor, req.params.id) }),
  );
}
