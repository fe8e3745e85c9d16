import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';
import { attachRequired, PDF, requiredMaterials } from '../helpers/materials.js';

const BANK = { holder: '苏州甲科技有限公司', bank: '中国银行苏州分行', account: '6216 6108 0001 2345' };
const ITEM = 'm6.new_rd_institute';

describe('申报材料清单 and 不符合条件: what submission refuses', { timeout: 180_000 }, () => {
  let t: TestApp;
  let ent: Session;
  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    ent = await signIn(t.app, 'enterprise', PASSWORD);
  });
  afterAll(async () => t?.close());

  const act = (id: number, body: object) => call(t.app, ent, 'POST', `/api/funding/applications/${id}/act`, body);
  const draft = async (facts: object, project: string) => {
    const r = await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: ITEM, year: 2026, project, facts, bankAccount: BANK });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().id as number;
  };
  const upload = (id: number, material: string) =>
    t.app.inject({ method: 'POST', url: `/api/funding/applications/${id}/attachments?name=x.pdf&material=${material}`, headers: { cookie: ent.cookie, 'x-csrf-token': ent.csrf, 'content-type': 'application/octet-stream' }, payload: PDF });

  it('the item lists its materials; submission names every required one still missing', async () => {
    const item = ((await t.app.inject({ method: 'GET', url: '/api/policy/items' })).json().items as { id: string; materials?: { key: string; required: boolean }[] }[]).find((i) => i.id === ITEM)!;
    expect(item.materials!.filter((m) => m.required).map((m) => m.key)).toEqual(requiredMaterials(ITEM).map((m) => m.key));
    const id = await draft({ newRdInstitute: true }, '材料清单测试');
    const none = await act(id, { action: 'submit' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe('materials');
    for (const m of requiredMaterials(ITEM)) expect(none.json().error.message).toContain(m.label);
    // with one entry uploaded, the others are still named
    await attachRequired(t, ent, id, ITEM, requiredMaterials(ITEM).slice(1).map((m) => m.key));
    const some = await act(id, { action: 'submit' });
    expect(some.json().error.message).not.toContain(requiredMaterials(ITEM)[0]!.label);
    expect(some.json().error.message).toContain(requiredMaterials(ITEM)[1]!.label);
    // a key not on the item's checklist is refused on its field
    const bad = await upload(id, 'no_such_material');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('material');
    await attachRequired(t, ent, id, ITEM, [requiredMaterials(ITEM)[0]!.key]);
    const list = (await call(t.app, ent, 'GET', `/api/funding/applications/${id}/attachments`)).json().attachments as { materialKey: string | null; kind: string }[];
    expect(list.map((a) => a.materialKey).sort()).toEqual(requiredMaterials(ITEM).map((m) => m.key).sort());
    expect(list.find((a) => a.materialKey === 'application_form')!.kind).toBe('项目申报书');
    expect((await act(id, { action: 'submit' })).json()).toMatchObject({ state: 'pre_review' });
  });

  it('an application the platform judged 不符合条件 is refused, unless the applicant insists with a reason (audited)', async () => {
    const id = await draft({ newRdInstitute: false }, '不符合条件测试');
    await attachRequired(t, ent, id, ITEM);
    const refused = await act(id, { action: 'submit' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('override');
    expect(refused.json().error.message).toMatch(/^平台判断不符合条件（.*新建苏州市新型研发机构/);
    expect((await act(id, { action: 'submit', override: { reason: '短' } })).json().error.field).toBe('override.reason');
    const reason = '我单位已于本月获市科技局新型研发机构备案，平台数据尚未更新';
    expect((await act(id, { action: 'submit', override: { reason } })).json()).toMatchObject({ state: 'pre_review' });
    const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'funding.application.submit').where('object_id', '=', String(id)).where('result', '=', 'ok').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain(reason);
  });
});
