import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const FIGURES = {
  revenue: 123456789, rdExpense: 9876543, rdExpenseDomestic: 9000000, staff: 120, rdStaff: 30, hightechRevenue: 100000000, netAssets: -5000,
  patentsInvention: 12, patentsUtility: 30, patentsDesign: 2, softwareCopyrights: 8, patentsHighValue: 5, techContractIncome: 0, equityFinancing: 50000000,
};

describe('organisations', { timeout: 120_000 }, () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let admin: Session;
  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedFixture(t.database);
    admin = await signIn(t.app, 'admin', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('refuses a wrong 统一社会信用代码, naming the field and the reason, and writes nothing', async () => {
    const before = await t.database.db.selectFrom('organisations').select('id').execute();
    const r = await call(t.app, admin, 'POST', '/api/orgs', { kind: 'enterprise', name: '苏州丙科技有限公司', uscc: '914403001922038217', districtCode: '320571', industryCode: '39' });
    expect(r.statusCode).toBe(400);
    const e = r.json().error;
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('uscc');
    expect(e.message).toContain('统一社会信用代码');
    expect(e.message).toContain('校验码');
    expect(await t.database.db.selectFrom('organisations').select('id').execute()).toHaveLength(before.length);
  });

  it('creates an enterprise with valid references and refuses unknown ones by field', async () => {
    const { usccCheckChar } = await import('../../src/shared/uscc.js');
    const base = '91320594MA1MDMFP4';
    const uscc = base + usccCheckChar(base);
    const created = await call(t.app, admin, 'POST', '/api/orgs', { kind: 'enterprise', name: '苏州戊智能科技有限公司', uscc, districtCode: '320571', industryCode: '65', sizeBand: 'small', foundedOn: '2020-05-01' });
    expect(created.statusCode).toBe(200);
    expect(created.json().org).toMatchObject({ uscc, districtName: '苏州工业园区', industryCode: '65' });
    const dup = await call(t.app, admin, 'POST', '/api/orgs', { kind: 'enterprise', name: '重复', uscc, districtCode: '320571' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('uscc');
    const badDistrict = await call(t.app, admin, 'POST', '/api/orgs', { kind: 'university', name: '某大学', districtCode: '110101' });
    expect(badDistrict.statusCode).toBe(400);
    expect(badDistrict.json().error.field).toBe('districtCode');
    const section = await call(t.app, admin, 'POST', '/api/orgs', { kind: 'university', name: '某大学', industryCode: 'C' });
    expect(section.json().error.field).toBe('industryCode');
  });

  it('answers malformed input with 4xx and a code, never 5xx', async () => {
    const cases: [string, string, unknown, string?][] = [
      ['POST', '/api/orgs', '{not json', 'application/json'],
      ['POST', '/api/orgs', { kind: 'spaceship', name: 'x' }],
      ['POST', '/api/orgs', []],
      ['GET', '/api/orgs?page=-1', undefined],
      ['GET', '/api/orgs?pageSize=100000', undefined],
      ['GET', '/api/orgs/abc', undefined],
      ['GET', '/api/orgs/99999999999999999999', undefined],
      ['PUT', `/api/orgs/${fx.orgs.a}/figures/1800`, FIGURES],
      ['PUT', `/api/orgs/${fx.orgs.a}/figures/2024`, { ...FIGURES, revenue: 1.5 }],
      ['PUT', `/api/orgs/${fx.orgs.a}/figures/2024`, { ...FIGURES, rdExpenseDomestic: FIGURES.rdExpense + 1 }],
      ['POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'hnte', level: 'national', validFrom: '2024-02-30x' }],
      ['POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'nope', level: 'national', validFrom: '2024-01-01' }],
      ['POST', '/api/users', { username: 'a', displayName: 'x', password: 'short', role: 'admin' }],
    ];
    for (const [method, url, payload, type] of cases) {
      const r = await t.app.inject({
        method: method as 'POST',
        url,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...(type ? { 'content-type': type } : {}) },
        payload: payload as string,
      });
      expect(r.statusCode, `${method} ${url} → ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${method} ${url} → ${r.body}`).toBeLessThan(500);
      expect(r.json().error.code).toBeTruthy();
      expect(r.json().error.message).toBeTruthy();
    }
  });

  it('names the offending field of figures in Chinese', async () => {
    const r = await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2024`, { ...FIGURES, rdStaff: 999 });
    expect(r.json().error.field).toBe('rdStaff');
    expect(r.json().error.message).toContain('研发人员数不能大于职工总数');
  });

  it('keeps money exact in 分 through write and read', async () => {
    const w = await call(t.app, admin, 'PUT', `/api/orgs/${fx.orgs.a}/figures/2023`, FIGURES);
    expect(w.statusCode).toBe(200);
    const r = await call(t.app, admin, 'GET', `/api/orgs/${fx.orgs.a}/figures`);
    const y = (r.json().items as { year: number; revenue: number; netAssets: number }[]).find((i) => i.year === 2023)!;
    expect(y.revenue).toBe(123456789);
    expect(y.netAssets).toBe(-5000);
  });

  it('lists with search, filters and pagination', async () => {
    const all = (await call(t.app, admin, 'GET', '/api/orgs?pageSize=2&page=1')).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(5);
    const page2 = (await call(t.app, admin, 'GET', '/api/orgs?pageSize=2&page=2')).json();
    expect(page2.items[0].id).not.toBe(all.items[0].id);
    const byName = (await call(t.app, admin, 'GET', `/api/orgs?q=${encodeURIComponent('乙制造')}`)).json();
    expect(byName.items.map((o: { id: number }) => o.id)).toEqual([fx.orgs.b]);
    const byCode = (await call(t.app, admin, 'GET', '/api/orgs?q=91330100716105852f')).json();
    expect(byCode.total).toBe(1);
    const bySection = (await call(t.app, admin, 'GET', '/api/orgs?industry=C&kind=enterprise')).json();
    expect(bySection.items.map((o: { id: number }) => o.id).sort()).toContain(fx.orgs.b);
    const byDistrict = (await call(t.app, admin, 'GET', '/api/orgs?district=320505')).json();
    expect(byDistrict.items.every((o: { districtCode: string }) => o.districtCode === '320505')).toBe(true);
    const several = (await call(t.app, admin, 'GET', '/api/orgs?kind=university,financial')).json();
    expect(several.items.map((o: { kind: string }) => o.kind).sort()).toEqual(['financial', 'university']);
    const badKind = await call(t.app, admin, 'GET', '/api/orgs?kind=university,castle');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.field).toBe('kind');
    const empty = (await call(t.app, admin, 'GET', `/api/orgs?q=${encodeURIComponent('不存在的名字')}`)).json();
    expect(empty).toMatchObject({ items: [], total: 0 });
  });

  it('tracks qualifications with validity; an administrator can add a new qualification type', async () => {
    const off = await signIn(t.app, 'official', PASSWORD);
    const add = await call(t.app, off, 'POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'little_giant', level: 'national', validFrom: '2023-07-01', validTo: '2026-06-30' });
    expect(add.statusCode).toBe(200);
    await call(t.app, off, 'POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'gazelle', level: 'municipal', validFrom: '2019-01-01', validTo: '2020-12-31' });
    const list = (await call(t.app, off, 'GET', `/api/orgs/${fx.orgs.a}/qualifications`)).json().items as { typeCode: string; status: string }[];
    expect(list.find((q) => q.typeCode === 'gazelle')!.status).toBe('expired');
    const filtered = (await call(t.app, off, 'GET', '/api/orgs?qualification=little_giant')).json();
    const ids = filtered.items.map((o: { id: number }) => o.id);
    const expectValid = new Date().toISOString().slice(0, 10) <= '2026-06-30';
    expect(ids.includes(fx.orgs.a)).toBe(expectValid);
    const newType = await call(t.app, admin, 'POST', '/api/reference/qualification-types', { code: 'tech_leader', name: '科技领军企业', nameEn: 'Sci-tech leading enterprise' });
    expect(newType.statusCode).toBe(200);
    expect((await call(t.app, off, 'POST', `/api/orgs/${fx.orgs.a}/qualifications`, { typeCode: 'tech_leader', level: 'municipal', validFrom: '2025-01-01' })).statusCode).toBe(200);
  });

  it('serves the 19 measures with their departments, and the OpenAPI document', async () => {
    const m = (await t.app.inject({ method: 'GET', url: '/api/reference/measures' })).json().items as { no: number; departments: { name: string }[] }[];
    expect(m).toHaveLength(19);
    expect(m.find((x) => x.no === 18)!.departments.map((d) => d.name)).toEqual(['市市监局']);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/orgs/{id}/figures');
  });

  it('lets an administrator move a user to another role only with a valid binding, ending their sessions', async () => {
    const victim = await signIn(t.app, 'tech_manager', PASSWORD);
    const id = victim.userId;
    const noOrg = await call(t.app, admin, 'PATCH', `/api/users/${id}`, { role: 'enterprise' });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.field).toBe('orgId');
    const wrongKind = await call(t.app, admin, 'PATCH', `/api/users/${id}`, { role: 'enterprise', orgId: fx.orgs.uni });
    expect(wrongKind.json().error.field).toBe('orgId');
    const ok = await call(t.app, admin, 'PATCH', `/api/users/${id}`, { role: 'enterprise', orgId: fx.orgs.b });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ role: 'enterprise', orgId: fx.orgs.b });
    expect((await call(t.app, victim, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const official = await call(t.app, admin, 'PATCH', `/api/users/${id}`, { role: 'official', orgId: null, departmentCode: 'gxj' });
    expect(official.json().user).toMatchObject({ role: 'official', departmentCode: 'gxj', departmentName: '市工信局' });
  });
});
