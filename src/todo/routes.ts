/** /api/todo: the signed-in user's to-do inbox (service.ts). */
import { ANY_USER } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { TodoList } from '../shared/todo.js';
import { todoOf } from './service.js';

export function todoRoutes(app: Api) {
  const db = app.deps.database.db;
  app.get(
    '/api/todo',
    { config: { access: ANY_USER }, schema: { tags: ['todo'], summary: '我的待办：按当前用户的角色，从实时数据计数，每项附去办理的页面', response: { 200: TodoList } } },
    async (req) => todoOf(db, req.principal!.user),
  );
}
