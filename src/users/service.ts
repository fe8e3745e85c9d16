/** Accounts: creation with role rules, listing, disabling, password resets and session revocation. */
import { sql, type Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { passwordProblem } from '../auth/password-strength.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import type { CreateUserBody } from '../shared/api.js';
import { ROLE_LABELS, ROLE_ORG_KIND, type Role, type UserStatus } from '../shared/enums.js';

export interface UserFilter {
  q?: string;
  role?: Role;
  status?: UserStatus;
}

function userQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.org_id')
    .leftJoin('departments as d', 'd.code', 'u.department_code')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'o.name as org_name', 'u.department_code', 'd.name as department_name', 'u.status', 'u.created_at', 'u.last_login_at']);
}

type Row = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;
function toView(r: Row) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    orgId: r.org_id,
    orgName: r.org_name,
    departmentCode: r.department_code,
    departmentName: r.department_name,
    status: r.status as UserStatus,
    createdAt: new Date(r.created_at).toISOString(),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
  };
}

export async function listUsers(db: Kysely<DB>, f: UserFilter, page: number, pageSize: number) {
  let q = userQuery(db);
  let c = db.selectFrom('users as u');
  if (f.q) {
    const like = '%' + f.q.replace(/[\\%_]/g, (x) => '\\' + x) + '%';
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
    c = c.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (f.role) {
    q = q.where('u.role', '=', f.role);
    c = c.where('u.role', '=', f.role);
  }
  if (f.status) {
    q = q.where('u.status', '=', f.status);
    c = c.where('u.status', '=', f.status);
  }
  const total = (await c.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q.orderBy('u.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(toView), total };
}

export async function getUser(db: Kysely<DB>, id: number) {
  const r = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  return r ? toView(r) : null;
}

/** The rules that tie a role to an organisation kind or a department. */
async function checkRoleBinding(db: Kysely<DB>, role: Role, orgId: number | undefined, departmentCode: string | undefined) {
  const kinds = ROLE_ORG_KIND[role];
  if (kinds) {
    if (!orgId) throw invalid('orgId', `${ROLE_LABELS[role].zh}必须属于一个组织`);
    const org = await db.selectFrom('organisations').select(['id', 'kind', 'department_code']).where('id', '=', orgId).executeTakeFirst();
    if (!org) throw invalid('orgId', `组织 #${orgId} 不存在`);
    if (!kinds.includes(org.kind as never)) throw invalid('orgId', `${ROLE_LABELS[role].zh}只能属于${kinds.join('/')}类组织，组织 #${orgId} 是 ${org.kind}`);
  } else if (orgId) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw invalid('orgId', `组织 #${orgId} 不存在`);
  }
  if (role === 'official') {
    if (!departmentCode) throw invalid('departmentCode', '部门工作人员必须属于一个政府部门（责任单位）');
    const d = await db.selectFrom('departments').select('code').where('code', '=', departmentCode).executeTakeFirst();
    if (!d) throw invalid('departmentCode', `部门代码“${departmentCode}”不存在`);
  } else if (departmentCode) {
    throw invalid('departmentCode', '只有部门工作人员可以设置所属部门');
  }
}

export async function createUser(db: Kysely<DB>, actor: Actor, body: CreateUserBody) {
  await checkRoleBinding(db, body.role, body.orgId, body.departmentCode);
  // A weak password is refused inside the audited step, so the refusal leaves its record.
  const weak = passwordProblem(body.password, { username: body.username, displayName: body.displayName });
  const passwordHash = weak ? '' : await hashPassword(body.password);
  // An official's organisation is the government organisation of its department, when one is registered.
  let orgId = body.orgId ?? null;
  if (body.role === 'official' && !orgId) {
    const gov = await db.selectFrom('organisations').select('id').where('department_code', '=', body.departmentCode!).executeTakeFirst();
    orgId = gov?.id ?? null;
  }
  const id = await audited(
    db,
    actor,
    (id: number) => ({ action: 'user.create', objectType: 'user', objectId: id, detail: { username: body.username, role: body.role, orgId, departmentCode: body.departmentCode ?? null } }),
    async (trx) => {
      if (weak) throw invalid('password', weak);
      const dup = await trx.selectFrom('users').select('id').where('username', '=', body.username).executeTakeFirst();
      if (dup) throw conflict('username', `用户名“${body.username}”已存在`);
      const r = await trx
        .insertInto('users')
        .values({ username: body.username, display_name: body.displayName, password_hash: passwordHash, role: body.role, org_id: orgId, department_code: body.departmentCode ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
    { action: 'user.create', objectType: 'user', detail: { username: body.username, role: body.role } },
  );
  return (await getUser(db, id))!;
}

export interface UserPatch {
  displayName?: string;
  status?: UserStatus;
  password?: string;
  role?: Role;
  orgId?: number | null;
  departmentCode?: string | null;
}

export async function patchUser(db: Kysely<DB>, actor: Actor, id: number, patch: UserPatch) {
  if (actor.userId === id && patch.status === 'disabled') throw invalid('status', '不能停用自己的账号');
  if (actor.userId === id && patch.role && patch.role !== 'admin') throw invalid('role', '不能取消自己的管理员角色');
  const current = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'org_id', 'department_code']).where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('用户', 'id');
  const binding = patch.role !== undefined || patch.orgId !== undefined || patch.departmentCode !== undefined;
  const role = (patch.role ?? current.role) as Role;
  const orgId = patch.orgId !== undefined ? patch.orgId : current.org_id;
  // A new role that takes no department drops the old one unless one is given.
  const departmentCode = patch.departmentCode !== undefined ? patch.departmentCode : role === 'official' ? current.department_code : null;
  if (binding) await checkRoleBinding(db, role, orgId ?? undefined, departmentCode ?? undefined);
  const weak = patch.password ? passwordProblem(patch.password, { username: current.username, displayName: patch.displayName ?? current.display_name }) : null;
  const passwordHash = patch.password && !weak ? await hashPassword(patch.password) : undefined;
  await audited(
    db,
    actor,
    {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      detail: { displayName: patch.displayName, status: patch.status, passwordReset: Boolean(patch.password), role: patch.role, orgId: patch.orgId, departmentCode: patch.departmentCode },
    },
    async (trx) => {
      if (weak) throw invalid('password', weak);
      const set: Record<string, unknown> = { updated_at: new Date() };
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.status !== undefined) set.status = patch.status;
      if (passwordHash) set.password_hash = passwordHash;
      if (binding) Object.assign(set, { role, org_id: orgId ?? null, department_code: departmentCode ?? null });
      await trx.updateTable('users').set(set).where('id', '=', id).execute();
      // A disabled account, a reset password or a changed role ends every session and API token at once.
      if (patch.status === 'disabled' || passwordHash || (binding && role !== current.role)) {
        await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
        await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      }
    },
  );
  return (await getUser(db, id))!;
}

export async function revokeSessions(db: Kysely<DB>, actor: Actor, id: number): Promise<number> {
  return audited(
    db,
    actor,
    (n: number) => ({ action: 'user.sessions.revoke', objectType: 'user', objectId: id, detail: { sessions: n } }),
    async (trx) => {
      const u = await trx.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
      if (!u) throw notFound('用户', 'id');
      const r = await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      return Number(r.numUpdatedRows);
    },
    { action: 'user.sessions.revoke', objectType: 'user', objectId: id },
  );
}
