import { describe, expect, it } from 'vitest';
import { decide, type AuthUser } from '../../src/auth/access.js';
import { ROLES } from '../../src/shared/enums.js';

const user = (role: AuthUser['role'], orgId: number | null = null): AuthUser => ({ id: 1, username: 'u', displayName: 'u', role, orgId, departmentCode: null });

describe('access decisions', () => {
  it('public routes admit everyone', () => {
    expect(decide({ kind: 'public' }, null, {})).toEqual({ ok: true });
  });
  it('role routes refuse anonymous with 401 and other roles with 403', () => {
    const a = { kind: 'roles' as const, roles: ['admin' as const] };
    expect(decide(a, null, {})).toMatchObject({ ok: false, status: 401 });
    for (const r of ROLES) expect(decide(a, user(r), {}).ok).toBe(r === 'admin');
  });
  it('own-organisation roles act only on their organisation', () => {
    const a = { kind: 'roles' as const, roles: ['admin' as const, 'enterprise' as const], ownOrg: { param: 'id', roles: ['enterprise' as const] } };
    expect(decide(a, user('enterprise', 7), { id: '7' }).ok).toBe(true);
    expect(decide(a, user('enterprise', 7), { id: '8' })).toMatchObject({ ok: false, status: 403 });
    expect(decide(a, user('enterprise', null), { id: '8' }).ok).toBe(false);
    expect(decide(a, user('admin'), { id: '8' }).ok).toBe(true);
  });
});
