/**
 * Who may call a route. Every route declares one of these in `config.access`;
 * the app refuses to start with a route that does not (see platform/http/app.ts).
 */
import type { Role } from '../shared/enums.js';

export type Access =
  | { kind: 'public' }
  | {
      kind: 'roles';
      roles: readonly Role[] | 'any';
      /** These roles may act only on their own organisation: params[param] must equal their org id. */
      ownOrg?: { param: string; roles: readonly Role[] };
      /** Audit refused reads under this action name (e.g. attempts to read another enterprise's finances). */
      auditDeniedReads?: string;
    };

export const PUBLIC: Access = { kind: 'public' };
export const ANY_USER: Access = { kind: 'roles', roles: 'any' };
export const ADMIN_ONLY: Access = { kind: 'roles', roles: ['admin'] };
export const roles = (...r: Role[]): Access => ({ kind: 'roles', roles: r });

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  departmentCode: string | null;
}

export type Decision = { ok: true } | { ok: false; status: 401 | 403; message: string };

export function decide(access: Access, user: AuthUser | null, params: Record<string, unknown>): Decision {
  if (access.kind === 'public') return { ok: true };
  if (!user) return { ok: false, status: 401, message: '请先登录' };
  if (access.roles !== 'any' && !access.roles.includes(user.role)) {
    return { ok: false, status: 403, message: '当前角色无权执行此操作' };
  }
  if (access.ownOrg && access.ownOrg.roles.includes(user.role)) {
    const target = Number(params[access.ownOrg.param]);
    if (user.orgId === null || target !== user.orgId) return { ok: false, status: 403, message: '只能操作本单位的数据' };
  }
  return { ok: true };
}
