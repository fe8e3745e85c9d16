import { z } from 'zod';
import { audited } from '../audit/audit.js';
import { ADMIN_ONLY, PUBLIC } from '../auth/access.js';
import { conflict } from '../platform/errors.js';
import type { Api } from '../platform/http/types.js';
import { CalendarYear, CreateDepartmentBody, CreateQualificationTypeBody, Department, District, ErrorBody, Industry, Measure, QualificationType, SaveCalendarBody } from '../shared/api.js';
import { calendarYear, saveCalendarYear } from './calendar.js';
import { createDepartment } from './departments.js';
import { listDepartments, listDistricts, listIndustries, listMeasures, listQualificationTypes } from './repository.js';

const tags = ['reference'];
const Year = z.object({ year: z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2000, '年份不早于 2000').max(2100, '年份不晚于 2100') });
const items = <T extends z.ZodTypeAny>(t: T) => z.object({ items: z.array(t) });

export function referenceRoutes(app: Api) {
  const db = app.deps.database.db;
  app.get('/api/reference/districts', { config: { access: PUBLIC }, schema: { tags, summary: '苏州十个区县（市）', response: { 200: items(District) } } }, async () => ({ items: await listDistricts(db) }));
  app.get('/api/reference/industries', { config: { access: PUBLIC }, schema: { tags, summary: 'GB/T 4754-2017 门类与大类', response: { 200: items(Industry) } } }, async () => ({ items: await listIndustries(db) }));
  app.get('/api/reference/departments', { config: { access: PUBLIC }, schema: { tags, summary: '责任单位（政府部门）', response: { 200: items(Department) } } }, async () => ({ items: await listDepartments(db) }));
  app.get('/api/reference/measures', { config: { access: PUBLIC }, schema: { tags, summary: '19 条政策措施原文与责任单位', response: { 200: items(Measure) } } }, async () => ({ items: await listMeasures(db) }));
  app.get('/api/reference/qualification-types', { config: { access: PUBLIC }, schema: { tags, summary: '资质称号类型', response: { 200: items(QualificationType) } } }, async () => ({
    items: await listQualificationTypes(db),
  }));
  app.get(
    '/api/reference/calendar/:year',
    { config: { access: PUBLIC }, schema: { tags, summary: '工作日历：某年的法定节假日与调休上班日（公示期按工作日计算）', params: Year, response: { 200: CalendarYear } } },
    async (req) => calendarYear(db, req.params.year),
  );
  app.put(
    '/api/reference/calendar/:year',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '保存某年的工作日历（整年替换，管理员）', params: Year, body: SaveCalendarBody, response: { 200: CalendarYear, 400: ErrorBody } } },
    async (req) => saveCalendarYear(db, req.actor, req.principal!.user.id, req.params.year, req.body.days),
  );
  app.post(
    '/api/reference/qualification-types',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '新增资质称号类型（管理员）', body: CreateQualificationTypeBody, response: { 200: QualificationType, 409: ErrorBody } } },
    async (req) => {
      const b = req.body;
      await audited(db, req.actor, { action: 'reference.qualification_type.create', objectType: 'qualification_type', objectId: b.code, detail: b }, async (trx) => {
        const dup = await trx.selectFrom('qualification_types').select('code').where((eb) => eb.or([eb('code', '=', b.code), eb('name', '=', b.name)])).executeTakeFirst();
        if (dup) throw conflict('code', `资质类型“${b.name}”或代码“${b.code}”已存在`);
        await trx.insertInto('qualification_types').values({ code: b.code, name: b.name, name_en: b.nameEn, builtin: false }).execute();
      });
      return { code: b.code, name: b.name, nameEn: b.nameEn, builtin: false };
    },
  );
  app.post(
    '/api/reference/departments',
    { config: { access: ADMIN_ONLY }, schema: { tags, summary: '新增部门（管理员），如区级政策的责任单位', body: CreateDepartmentBody, response: { 200: Department, 400: ErrorBody, 409: ErrorBody } } },
    async (req) => createDepartment(db, req.actor, req.body),
  );
}
