import { z } from 'zod';
import { ADMIN_ONLY, ANY_USER, type Access } from '../auth/access.js';
import { notFound } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';
import {
  ErrorBody, Id, OrgDetail, OrgListQuery, OrgPatchBody, OrgSummary, OrgWriteBody, paged, Qualification, QualificationBody, YearlyFigures, YearlyFiguresBody, YearParam,
} from '../shared/api.js';
import { getOrg, listOrgs } from './repository.js';
import { addQualification, createOrg, patchOrg, qualificationsOf, readFigures, removeQualification, verifyYearFigures, writeFigures } from './service.js';

const tags = ['orgs'];
const IdParam = z.object({ id: Id });

/** Finances: administrators, officials, and the enterprise's own users. */
const READ_FIGURES: Access = { kind: 'roles', roles: ['admin', 'official', 'enterprise'], ownOrg: { param: 'id', roles: ['enterprise'] }, auditDeniedReads: 'org.figures.read' };
const WRITE_FIGURES: Access = { kind: 'roles', roles: ['admin', 'enterprise'], ownOrg: { param: 'id', roles: ['enterprise'] } };
const EDIT_ORG: Access = { kind: 'roles', roles: ['admin', 'enterprise', 'institution', 'finance'], ownOrg: { param: 'id', roles: ['enterprise', 'institution', 'finance'] } };
const CERTIFY: Access = { kind: 'roles', roles: ['admin', 'official'] };

export function orgRoutes(app: Api) {
  const db = app.deps.database.db;

  app.get('/api/orgs', { config: { access: ANY_USER }, schema: { tags, summary: '组织列表（搜索、筛选、分页）', querystring: OrgListQuery, response: { 200: paged(OrgSummary) } } }, async (req) => {
    const { page, pageSize, sort, ...filter } = req.query;
    const r = await listOrgs(db, filter, page, pageSize, sort);
    return { ...r, page, pageSize };
  });

  app.post('/api/orgs', { config: { access: ADMIN_ONLY }, schema: { tags, summary: '新建组织（管理员）', body: OrgWriteBody, response: { 200: z.object({ org: OrgDetail }), 400: ErrorBody, 409: ErrorBody } } }, async (req) => ({
    org: await createOrg(db, req.actor, req.body),
  }));

  app.get('/api/orgs/:id', { config: { access: ANY_USER }, schema: { tags, summary: '组织详情', params: IdParam, response: { 200: z.object({ org: OrgDetail }), 404: ErrorBody } } }, async (req) => {
    const org = await getOrg(db, req.params.id);
    if (!org) throw notFound('组织', 'id');
    return { org };
  });

  app.patch(
    '/api/orgs/:id',
    { config: { access: EDIT_ORG }, schema: { tags, summary: '修改组织基本信息（管理员或本单位用户）', params: IdParam, body: OrgPatchBody, response: { 200: z.object({ org: OrgDetail }), 400: ErrorBody, 404: ErrorBody } } },
    async (req) => ({ org: await patchOrg(db, req.actor, req.params.id, req.body) }),
  );

  app.get(
    '/api/orgs/:id/figures',
    { config: { access: READ_FIGURES }, schema: { tags, summary: '企业年度经营数据（读取留痕）', params: IdParam, response: { 200: z.object({ items: z.array(YearlyFigures) }), 403: ErrorBody, 404: ErrorBody } } },
    async (req) => ({ items: await readFigures(db, req.actor, req.principal!.user, req.params.id) }),
  );

  app.put(
    '/api/orgs/:id/figures/:year',
    { config: { access: WRITE_FIGURES }, schema: { tags, summary: '填报或更正某年经营数据', params: YearParam, body: YearlyFiguresBody, response: { 200: z.object({ figures: YearlyFigures }), 400: ErrorBody, 404: ErrorBody } } },
    async (req) => ({ figures: await writeFigures(db, req.actor, req.params.id, req.params.year, req.body) }),
  );

  app.post(
    '/api/orgs/:id/figures/:year/verify',
    { config: { access: CERTIFY }, schema: { tags, summary: '核实企业自报的某年经营数据（管理员、部门）', params: YearParam, response: { 200: z.object({ figures: YearlyFigures }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req) => ({ figures: await verifyYearFigures(db, req.actor, req.principal!.user, req.params.id, req.params.year) }),
  );

  app.get(
    '/api/orgs/:id/qualifications',
    { config: { access: ANY_USER }, schema: { tags, summary: '企业资质称号', params: IdParam, response: { 200: z.object({ items: z.array(Qualification) }), 404: ErrorBody } } },
    async (req) => ({ items: await qualificationsOf(db, req.params.id) }),
  );

  app.post(
    '/api/orgs/:id/qualifications',
    { config: { access: CERTIFY }, schema: { tags, summary: '登记资质称号（管理员、部门）', params: IdParam, body: QualificationBody, response: { 200: z.object({ qualification: Qualification }), 400: ErrorBody, 404: ErrorBody } } },
    async (req) => ({ qualification: await addQualification(db, req.actor, req.params.id, req.body) }),
  );

  app.delete(
    '/api/orgs/:id/qualifications/:qid',
    { config: { access: CERTIFY }, schema: { tags, summary: '删除资质记录', params: z.object({ id: Id, qid: Id }), response: { 200: z.object({ ok: z.boolean() }), 404: ErrorBody } } },
    async (req) => {
      await removeQualification(db, req.actor, req.params.id, req.params.qid);
      return { ok: true };
    },
  );
}
