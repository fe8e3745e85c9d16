/**
 * Maker-checker for rule documents (issue #12, item 7): an administrator's document is a
 * pending proposal until a DIFFERENT administrator approves it; rejection needs a reason; the
 * maker may withdraw; a proposal made against an older version cannot be approved. Also the
 * editor's live test of an unsaved document and the fact catalogue for the web.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
type Doc = Record<string, unknown> & { parameters: Record<string, { value: string }> };

describe('rule proposals (maker-checker)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: Session;
  let admin2: Session;
  let ent: Session;
  let v1: Doc;
  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    [admin, admin2, ent] = (await Promise.all(['admin', 'admin2', 'enterprise'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session];
    v1 = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m8.equipment/versions' })).json().versions[0].document as Doc;
  });
  afterAll(async () => t?.close());

  const m8Amount = async () => {
    const r = await call(t.app, ent, 'POST', '/api/policy/evaluate', { facts: { equipmentInvestment: 6000 * WAN, isManufacturing: true } });
    return (r.json().results as { itemId: string; version: number; amount: { max: number } }[]).find((x) => x.itemId === 'm8.equipment')!;
  };
  const withRate = (rate: string) => {
    const d = structuredClone(v1);
    d.parameters.rate!.value = rate;
    return d;
  };

  it('built-in items synced at start are versions, not proposals', async () => {
    const { n } = await t.database.db.selectFrom('policy_item_proposals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('a proposal does not take effect; the maker cannot approve it; a second administrator can', async () => {
    const proposed = await call(t.app, admin, 'POST', '/api/policy/items', { document: withRate('6%'), note: '比例改为 6%' });
    expect(proposed.statusCode).toBe(202);
    const p = proposed.json();
    expect(p).toMatchObject({ itemId: 'm8.equipment', status: 'pending', baseVersion: 1, note: '比例改为 6%', proposedBy: { name: 'admin' }, decidedBy: null, inForce: { version: 1 } });
    expect((p.document as Doc).parameters.rate!.value).toBe('6%');
    // not in force yet
    expect(await m8Amount()).toMatchObject({ version: 1, amount: { max: 300 * WAN } });

    const list = await call(t.app, admin2, 'GET', '/api/policy/proposals?status=pending');
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id: p.id, itemId: 'm8.equipment', status: 'pending' }] });
    expect((await call(t.app, admin2, 'GET', '/api/policy/proposals?status=approved')).json().total).toBe(0);

    const own = await call(t.app, admin, 'POST', `/api/policy/proposals/${p.id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('不能审核自己提交的修订：须由另一位管理员审核通过');
    expect((await call(t.app, admin, 'POST', `/api/policy/proposals/${p.id}/reject`, { reason: '自己驳回' })).statusCode).toBe(403);
    expect((await call(t.app, ent, 'POST', `/api/policy/proposals/${p.id}/approve`, {})).statusCode).toBe(403);
    expect(await m8Amount()).toMatchObject({ version: 1 });

    const ok = await call(t.app, admin2, 'POST', `/api/policy/proposals/${p.id}/approve`, { note: '核对原文无误' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'm8.equipment', version: 2, created: true, proposal: { status: 'approved', resultVersion: 2, decidedBy: { name: 'admin2' }, decisionNote: '核对原文无误' } });
    expect(await m8Amount()).toMatchObject({ version: 2, amount: { max: 360 * WAN } });
    // decided once only
    expect((await call(t.app, admin2, 'POST', `/api/policy/proposals/${p.id}/approve`, {})).statusCode).toBe(409);

    const versions = (await t.app.inject({ method: 'GET', url: '/api/policy/items/m8.equipment/versions' })).json().versions;
    expect(versions[0]).toMatchObject({ version: 2, origin: 'admin', proposedBy: 'admin', approvedBy: 'admin2', proposalId: p.id, note: '比例改为 6%' });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'object_id', 'result', 'actor_user_id']).where('action', 'like', 'policy.%').where('result', '=', 'ok').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.item.propose', 'policy.proposal.approve']));
  });

  it('rejection needs a reason from another administrator; the maker may withdraw; decided proposals stay as they are', async () => {
    const a = (await call(t.app, admin, 'POST', '/api/policy/items', { document: withRate('7%') })).json();
    const noReason = await call(t.app, admin2, 'POST', `/api/policy/proposals/${a.id}/reject`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    const rejected = await call(t.app, admin2, 'POST', `/api/policy/proposals/${a.id}/reject`, { reason: '7% 无文件依据' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '7% 无文件依据', decidedBy: { name: 'admin2' }, resultVersion: null });
    expect((await call(t.app, admin2, 'POST', `/api/policy/proposals/${a.id}/approve`, {})).statusCode).toBe(409);
    expect((await call(t.app, admin, 'POST', `/api/policy/proposals/${a.id}/withdraw`)).statusCode).toBe(409);

    const b = (await call(t.app, admin, 'POST', '/api/policy/items', { document: withRate('8%') })).json();
    expect((await call(t.app, admin2, 'POST', `/api/policy/proposals/${b.id}/withdraw`)).statusCode).toBe(403);
    const withdrawn = await call(t.app, admin, 'POST', `/api/policy/proposals/${b.id}/withdraw`);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decidedBy: { name: 'admin' } });
    expect(await m8Amount()).toMatchObject({ version: 2 });
    expect((await call(t.app, admin, 'GET', '/api/policy/proposals/999999')).statusCode).toBe(404);
  });

  it('a proposal made against an older version is not approved over a newer one', async () => {
    const x = (await call(t.app, admin, 'POST', '/api/policy/items', { document: withRate('4%') })).json();
    const y = (await call(t.app, admin2, 'POST', '/api/policy/items', { document: withRate('5%') })).json();
    expect(x.baseVersion).toBe(2);
    expect((await call(t.app, admin, 'POST', `/api/policy/proposals/${y.id}/approve`, {})).json()).toMatchObject({ version: 3 });
    const stale = await call(t.app, admin2, 'POST', `/api/policy/proposals/${x.id}/approve`, {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已有第 3 版');
    expect(await m8Amount()).toMatchObject({ version: 3, amount: { max: 300 * WAN } });
  });

  it('tries an unsaved document with typed facts, in the calculator’s result shape, checking it as saving would', async () => {
    const doc = withRate('10%');
    const r = await call(t.app, admin, 'POST', '/api/policy/items/try', { document: doc, facts: { equipmentInvestment: 6000 * WAN, isManufacturing: true } });
    expect(r.statusCode).toBe(200);
    expect(r.json().result).toMatchObject({ itemId: 'm8.equipment', status: 'eligible', amount: { min: 600 * WAN, max: 600 * WAN } });
    expect(r.json().result.explanation.length).toBeGreaterThan(5);
    const missing = await call(t.app, admin, 'POST', '/api/policy/items/try', { document: doc, facts: { isManufacturing: true } });
    expect(missing.json().result).toMatchObject({ status: 'needs_input', missing: [{ fact: 'equipmentInvestment' }] });
    const bad = await call(t.app, admin, 'POST', '/api/policy/items/try', { document: { ...doc, amount: { rate: '5%', of: 'staff' } }, facts: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('amount.of');
    const badFact = await call(t.app, admin, 'POST', '/api/policy/items/try', { document: doc, facts: { equipmentInvestment: 1.5 } });
    expect(badFact.json().error.field).toBe('facts.equipmentInvestment');
    // nothing saved, nothing proposed
    expect(await m8Amount()).toMatchObject({ version: 3 });
    expect((await call(t.app, ent, 'POST', '/api/policy/items/try', { document: doc, facts: {} })).statusCode).toBe(403);
  });

  it('serves the fact catalogue for the web', async () => {
    const facts = (await t.app.inject({ method: 'GET', url: '/api/policy/facts' })).json().facts as { name: string; type: string; source: string; origin: string }[];
    expect(facts.find((f) => f.name === 'equipmentInvestment')).toMatchObject({ type: 'money', source: 'declaration', origin: 'builtin', label: '设备投资额' });
    expect(facts.find((f) => f.name === 'isManufacturing')).toMatchObject({ type: 'boolean', source: 'derived' });
    expect(facts.length).toBeGreaterThan(40);
  });

  it('at the same moment: one proposal approved 6 times gives one version; one new fact saved 6 times gives one row (a race on PostgreSQL)', async () => {
    const before = await t.database.db.selectFrom('policy_item_versions').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', 'm8.equipment').executeTakeFirstOrThrow();
    const p = (await call(t.app, admin, 'POST', '/api/policy/items', { document: withRate('9%'), note: '并发审核' })).json();
    const approvals = await Promise.all(Array.from({ length: 6 }, () => call(t.app, admin2, 'POST', `/api/policy/proposals/${p.id}/approve`, {})));
    expect(approvals.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const after = await t.database.db.selectFrom('policy_item_versions').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', 'm8.equipment').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);

    const fact = { name: 'raceFact', label: '并发事实', type: 'money', source: 'declaration', meaning: '并发保存同一新事实' };
    const saves = await Promise.all(Array.from({ length: 6 }, () => call(t.app, admin, 'POST', '/api/policy/facts', fact)));
    expect(saves.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(saves.filter((r) => r.json().created === true)).toHaveLength(1);
    const rows = await t.database.db.selectFrom('policy_facts').select('name').where('name', '=', 'raceFact').execute();
    expect(rows).toHaveLength(1);
  });
});
