import { ANY_USER } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { ErrorBody } from '../shared/api.js';
import { NotifyPreferences, NotifyPreferencesBody } from '../shared/schedule.js';
import { preferences, setPreferences } from './service.js';

const tags = ['notifications'];

export function notificationRoutes(app: Api) {
  const db = app.deps.database.db;
  app.get('/api/notifications/preferences', { config: { access: ANY_USER }, schema: { tags, summary: '我的通知方式：逐条通知或每日汇总', response: { 200: NotifyPreferences } } }, async (req) => preferences(db, req.principal!.user));
  app.put(
    '/api/notifications/preferences',
    { config: { access: ANY_USER }, schema: { tags, summary: '设置我的通知方式', body: NotifyPreferencesBody, response: { 200: NotifyPreferences, 400: ErrorBody } } },
    async (req) => setPreferences(db, req.actor, req.principal!.user, req.body.mode),
  );
}
