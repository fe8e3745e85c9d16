import { sql } from 'kysely';
import { PUBLIC } from '../../auth/access.js';
import { ErrorBody, Health } from '../../shared/api.js';
import type { Api } from './types.js';

export function healthRoutes(app: Api) {
  app.get(
    '/api/health',
    { config: { access: PUBLIC }, schema: { tags: ['platform'], summary: '健康检查', response: { 200: Health, 503: ErrorBody } } },
    async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(app.deps.database.db);
      } catch {
        return reply.code(503).send({ error: { code: 'DB_UNAVAILABLE', message: '数据库不可用' } });
      }
      return { status: 'ok' as const, database: app.deps.database.kind, version: app.deps.version };
    },
  );
}
