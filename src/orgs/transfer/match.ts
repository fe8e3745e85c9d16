/**
 * Matching imported rows to organisations already in the database: enterprises by
 * 统一社会信用代码, other organisations by (kind, name); a government department's
 * 对应部门 must not belong to another organisation.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ORG_KIND_LABELS, type OrgKind } from '../../shared/enums.js';
import { findOrgsByDepartment, findOrgsByKindAndName, findOrgsByUscc, type OrgIdentity } from '../repository.js';
import type { ImportRow } from './validate.js';

const LOOKUP_CHUNK = 5000;

export const kindNameKey = (kind: string, name: string) => `${kind}\u0000${name}`;

export interface Existing {
  byUscc: Map<string, OrgIdentity>;
  byKindName: Map<string, OrgIdentity[]>;
  byDept: Map<string, OrgIdentity>;
}

/** The organisations the rows could refer to, by 统一社会信用代码, by (kind, name) and by department. */
export async function lookupExisting(trx: Transaction<DB>, rows: ImportRow[]): Promise<Existing> {
  const byUscc = new Map<string, OrgIdentity>();
  const byKindName = new Map<string, OrgIdentity[]>();
  const byDept = new Map<string, OrgIdentity>();
  const usccs = [...new Set(rows.flatMap((r) => (r.uscc ? [r.uscc] : [])))];
  for (let i = 0; i < usccs.length; i += LOOKUP_CHUNK) {
    for (const e of await findOrgsByUscc(trx, usccs.slice(i, i + LOOKUP_CHUNK))) byUscc.set(e.uscc!, e);
  }
  const others = rows.filter((r) => r.kind !== 'enterprise');
  const names = [...new Set(others.map((r) => r.name))];
  const kinds = [...new Set(others.map((r) => r.kind))];
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    for (const e of await findOrgsByKindAndName(trx, kinds, names.slice(i, i + LOOKUP_CHUNK))) {
      const k = kindNameKey(e.kind, e.name);
      const list = byKindName.get(k);
      if (list) list.push(e);
      else byKindName.set(k, [e]);
    }
  }
  const depts = [...new Set(rows.flatMap((r) => (r.departmentCode ? [r.departmentCode] : [])))];
  if (depts.length > 0) {
    for (const e of await findOrgsByDepartment(trx, depts)) byDept.set(e.department_code!, e);
  }
  return { byUscc, byKindName, byDept };
}

/** Matches rows to existing organisations; adds an error for each conflict with the database. */
export function resolveTargets(rows: ImportRow[], found: Existing, fail: (r: ImportRow, key: string, message: string) => void) {
  const label = (e: OrgIdentity) => `“${e.name}”（#${e.id}，${ORG_KIND_LABELS[e.kind as OrgKind]?.zh ?? e.kind}）`;
  for (const r of rows) {
    let target: number | null = null;
    if (r.kind === 'enterprise') {
      const e = found.byUscc.get(r.uscc!);
      if (e && e.kind !== 'enterprise') {
        fail(r, 'uscc', `该代码已属于非企业组织${label(e)}`);
        continue;
      }
      target = e?.id ?? null;
    } else {
      const matches = found.byKindName.get(kindNameKey(r.kind, r.name)) ?? [];
      if (matches.length > 1) {
        fail(r, 'name', `数据库中有 ${matches.length} 个同名的${ORG_KIND_LABELS[r.kind].zh}（#${matches.map((m) => m.id).join('、#')}），无法确定更新哪一个`);
        continue;
      }
      target = matches[0]?.id ?? null;
      if (r.uscc) {
        const owner = found.byUscc.get(r.uscc);
        if (owner && owner.id !== target) {
          fail(r, 'uscc', `该代码已被${label(owner)}使用`);
          continue;
        }
      }
    }
    if (r.kind === 'government' && r.departmentCode) {
      const owner = found.byDept.get(r.departmentCode);
      if (owner && owner.id !== target) {
        fail(r, 'department', `该部门已对应组织${label(owner)}`);
        continue;
      }
    }
    r.targetId = target;
  }
}
