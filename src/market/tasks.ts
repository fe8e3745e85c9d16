/**
 * 技术攻关清单 (measure 3): an official of the responsible department turns one or
 * more enterprise demands (duplicates merged) into an entry with refined wording
 * and a priority, then publishes it; the published list is public.
 */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { demandViewer, maySeeDemand } from './visibility.js';

export interface TaskInput {
  title: string;
  description: string;
  fields: string[];
  priority: 'high' | 'normal';
  demandIds: number[];
}

export async function createTask(db: Kysely<DB>, actor: Actor, user: AuthUser, input: TaskInput) {
  const dept = user.departmentCode;
  if (user.role !== 'official' || !dept) throw forbidden('技术攻关清单由部门工作人员整理');
  const demands = await db.selectFrom('demands').select(['id', 'status']).where('id', 'in', input.demandIds).execute();
  input.demandIds.forEach((id, i) => {
    if (!demands.some((d) => d.id === id)) throw invalid(`demandIds[${i}]`, `技术需求 ${id} 不存在`);
  });
  const known = new Set((await db.selectFrom('tech_fields').select('code').where('code', 'in', input.fields).execute()).map((f) => f.code));
  input.fields.forEach((f, i) => {
    if (!known.has(f)) throw invalid(`fields[${i}]`, `领域代码“${f}”不存在`);
  });
  return audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'market.task.create', objectType: 'market_task', objectId: r.id, detail: { demandIds: input.demandIds } }),
    async (trx) => {
      const r = await trx
        .insertInto('market_tasks')
        .values({ title: input.title, description: input.description, fields: input.fields, priority: input.priority, department_code: dept, status: 'draft', created_by: actor.userId ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('market_task_demands').values(input.demandIds.map((d) => ({ task_id: r.id, demand_id: d }))).execute();
      return r;
    },
    { action: 'market.task.create', objectType: 'market_task' },
  );
}

export async function setTaskStatus(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, status: 'published' | 'withdrawn') {
  const t = await db.selectFrom('market_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw notFound('攻关清单条目');
  if (user.role !== 'admin' && (user.role !== 'official' || user.departmentCode !== t.department_code)) throw forbidden('只能发布或撤回本部门整理的条目');
  if (t.status === status) throw conflict('status', status === 'published' ? '该条目已发布' : '该条目已撤回');
  if (status === 'published' && t.status === 'withdrawn') throw conflict('status', '已撤回的条目不能再发布，请重新整理');
  await audited(
    db,
    actor,
    { action: `market.task.${status === 'published' ? 'publish' : 'withdraw'}`, objectType: 'market_task', objectId: id },
    (trx) => trx.updateTable('market_tasks').set({ status, published_at: status === 'published' ? new Date() : t.published_at, updated_at: new Date() }).where('id', '=', id).execute(),
  );
}

/** The list: published entries for everyone; drafts too for officials and administrators. */
export async function listTasks(db: Kysely<DB>, user: AuthUser | null, includeDrafts: boolean) {
  const office = !!user && (user.role === 'admin' || user.role === 'official');
  let q = db.selectFrom('market_tasks as t').innerJoin('departments as d', 'd.code', 't.department_code').selectAll('t').select(['d.name as department']);
  q = includeDrafts && office ? q.where('t.status', '!=', 'withdrawn') : q.where('t.status', '=', 'published');
  const rows = await q.orderBy(({ eb }) => eb.case().when('t.priority', '=', 'high').then(0).else(1).end()).orderBy('t.published_at', 'desc').orderBy('t.id', 'desc').execute();
  const links = rows.length
    ? await db.selectFrom('market_task_demands as l').innerJoin('demands as d', 'd.id', 'l.demand_id').select(['l.task_id', 'l.demand_id', 'd.id', 'd.org_id', 'd.visibility']).where('l.task_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  // Source demands are named only to readers the demand visibility rule lets see them (officials and administrators see all).
  const viewer = await demandViewer(db, user);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    fields: r.fields,
    priority: r.priority,
    department: r.department,
    status: r.status,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    // the source demands are named to officials only: enterprises may have asked for discretion
    demandIds: office ? links.filter((l) => l.task_id === r.id && maySeeDemand(viewer, l)).map((l) => l.demand_id) : undefined,
    demandCount: links.filter((l) => l.task_id === r.id).length,
  }));
}
