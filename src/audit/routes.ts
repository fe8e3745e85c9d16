import { sql } from 'kysely';

import { ADMIN_ONLY } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { AuditQuery, AuditRecord, AuditVerifyResult, paged } from '../shared/api.js';
import { verifyAuditChain } from './audit.js';

const tags = ['audit'];

export function auditRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get('/api/audit', { config: { access: ADMIN_ONLY }, schema: { tags, summary: '审计日志', querystring: AuditQuery, response: { 200: paged(AuditRecord) } } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    let q = db.selectFrom('audit_log');
    if (f.action) q = q.where('action', 'like', f.action.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
    if (f.actor) q = q.where('actor_label', '=', f.actor);
    if (f.objectType) q = q.where('object_type', '=', f.objectType);
    if (f.objectId) q = q.where('object_id', '=', f.objectId);
    if (f.result) q = q.where('result', '=', f.result);
    if (f.from) q = q.where('at', '>=', new Date(f.from + 'T00:00:00+08:00'));
    if (f.to) q = q.where('at', '<', new Date(new Date(f.to + 'T00:00:00+08:00').getTime() + 86_400_000));
    const total = (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        result: r.result as 'ok',
        detail: r.detail,
        ip: r.ip,
        hash: r.hash,
      })),
      total,
      page,
      pageSize,
    };
  });

  app.get('/api/audit/verify', { config: { access: ADMIN_ONLY }, schema: { tags, summary: '校验审计哈希链', response: { 200: AuditVerifyResult } } }, async () => {
    const s = await verifyAuditChain(db);
    return { ok: s.firstBad === null, count: s.count, firstBad: s.firstBad };
  });

}
