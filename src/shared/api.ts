/**
 * The API's request and response schemas. One definition serves the server's
 * validation, the OpenAPI document and the web client's types.
 */
import { z } from 'zod';
import { AUDIT_RESULTS, ORG_KINDS, QUALIFICATION_LEVELS, ROLES, SIZE_BANDS, USER_STATUSES, type OrgKind } from './enums.js';
import { validateUscc } from './uscc.js';

/** Integer 分 (1 元 = 100 分). Never a float. */
export const Fen = z.number().int().min(-9_000_000_000_000_000).max(9_000_000_000_000_000).describe('金额，单位：分');
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(v + 'T00:00:00Z');
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '不是有效的日历日期');
export const Id = z.coerce.number().int().positive();

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const UsccSchema = z.string().transform((v, ctx) => {
  const r = validateUscc(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `统一社会信用代码${r.reason}` });
    return z.NEVER;
  }
  return r.code;
});

// ---------- auth ----------
export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;
export const SessionBody = z.object({ user: Me, csrfToken: z.string().nullable() });
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(8, '新密码至少 8 位').max(200) });
export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateTokenBody = z.object({ name: z.string().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() });
export const CreatedToken = z.object({ token: ApiToken, secret: z.string().describe('只显示一次') });

// ---------- reference ----------
export const District = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), kind: z.enum(['district', 'county_city']) });
export const Industry = z.object({ code: z.string(), name: z.string(), level: z.enum(['section', 'division']), sectionCode: z.string(), parentCode: z.string().nullable() });
export const Department = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), districtCode: z.string().nullable().optional().describe('区级部门所属区县') });
export const Measure = z.object({
  no: z.number().int(),
  sectionNo: z.number().int(),
  sectionTitle: z.string(),
  title: z.string(),
  clauseText: z.string(),
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
});
export const QualificationType = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), builtin: z.boolean() });
export const CreateQualificationTypeBody = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '代码应为小写字母开头的字母、数字或下划线（2–40 位）'),
  name: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(100),
});

export const CreateDepartmentBody = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '部门代码应为小写字母开头的字母、数字或下划线（2–40 位）'),
  name: z.string().trim().min(2, '部门名称至少 2 个字').max(60, '部门名称不超过 60 字'),
  nameEn: z.string().trim().max(120, '英文名称不超过 120 字').optional(),
  districtCode: z.string().regex(/^\d{6}$/, '区县代码应为 6 位数字').nullable().optional().describe('区级部门所属区县；市级部门为空'),
});

// ---------- working-day calendar ----------
export const CalendarDayInput = z.object({
  date: z.string().max(10),
  kind: z.enum(['holiday', 'workday'], { message: '类型应为 holiday（放假）或 workday（调休上班）' }),
  name: z.string().max(20, '名称不超过 20 字'),
});
export const SaveCalendarBody = z.object({ days: z.array(CalendarDayInput).max(366, '一年最多 366 天') });
export const CalendarYear = z.object({
  year: z.number().int(),
  /** Whether the year is known (an administrator's entries, or the State Council's arrangements). */
  entered: z.boolean(),
  source: z.enum(['admin', 'state_council', 'none']),
  sourceLabel: z.string(),
  days: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string(), weekday: z.string() })),
  holidays: z.number().int(),
  workdays: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

// ---------- organisations ----------
export const OrgSummary = z.object({
  id: z.number().int(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  uscc: z.string().nullable(),
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  sizeBand: z.enum(SIZE_BANDS).nullable(),
  foundedOn: z.string().nullable(),
  qualifications: z.array(z.string()).describe('当前有效资质的代码'),
});
export type OrgSummary = z.infer<typeof OrgSummary>;
export const OrgDetail = OrgSummary.extend({
  departmentCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgDetail = z.infer<typeof OrgDetail>;
export const OrgListQuery = Page.extend({
  q: z.string().max(100).optional().describe('名称或统一社会信用代码'),
  kind: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const kinds = v.split(',').map((k) => k.trim());
      const bad = kinds.find((k) => !(ORG_KINDS as readonly string[]).includes(k));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `组织类型“${bad}”不存在，应为 ${ORG_KINDS.join('、')}（可用逗号分隔多个）` });
        return z.NEVER;
      }
      return kinds as OrgKind[];
    })
    .describe('组织类型，可用逗号分隔多个，如 university,institute'),
  district: z.string().max(10).optional(),
  industry: z.string().max(4).optional().describe('门类字母或大类两位代码'),
  sizeBand: z.enum(SIZE_BANDS).optional(),
  qualification: z.string().max(40).optional(),
  sort: z.enum(['name', '-name', 'id', '-id', 'foundedOn', '-foundedOn']).default('id'),
});
export const OrgWriteBody = z
  .object({
    kind: z.enum(ORG_KINDS),
    name: z.string().trim().min(2, '名称至少 2 个字').max(120),
    uscc: UsccSchema.optional(),
    districtCode: z.string().optional(),
    industryCode: z.string().optional(),
    sizeBand: z.enum(SIZE_BANDS).optional(),
    foundedOn: IsoDate.optional(),
    departmentCode: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'enterprise' && !v.uscc) ctx.addIssue({ code: 'custom', path: ['uscc'], message: '企业必须填写统一社会信用代码' });
    if (v.kind === 'government' && !v.departmentCode) ctx.addIssue({ code: 'custom', path: ['departmentCode'], message: '政府部门必须选择对应的部门' });
  });
export type OrgWriteBody = z.infer<typeof OrgWriteBody>;
export const OrgPatchBody = z.object({
  name: z.string().trim().min(2, '名称至少 2 个字').max(120).optional(),
  districtCode: z.string().nullable().optional(),
  industryCode: z.string().nullable().optional(),
  sizeBand: z.enum(SIZE_BANDS).nullable().optional(),
  foundedOn: IsoDate.nullable().optional(),
});

/** One enterprise's figures for one calendar year. Money in 分, people as head counts. */
export const YearlyFiguresBody = z.object({
  revenue: Fen.min(0).describe('营业收入（分）'),
  rdExpense: Fen.min(0).describe('研发费用总额（分）'),
  rdExpenseDomestic: Fen.min(0).describe('境内研发费用（分）'),
  staff: z.number().int().min(0).describe('职工总数'),
  rdStaff: z.number().int().min(0).describe('研发/科技人员数'),
  hightechRevenue: Fen.min(0).describe('高新技术产品（服务）收入（分）'),
  netAssets: Fen.describe('净资产（分），可为负'),
  patentsInvention: z.number().int().min(0).describe('发明专利（件）'),
  patentsUtility: z.number().int().min(0).describe('实用新型专利（件）'),
  patentsDesign: z.number().int().min(0).describe('外观设计专利（件）'),
  softwareCopyrights: z.number().int().min(0).describe('软件著作权（件）'),
  patentsHighValue: z.number().int().min(0).describe('高价值发明专利（件）'),
  techContractIncome: Fen.min(0).describe('技术合同成交收入（分）'),
  equityFinancing: Fen.min(0).describe('股权融资额（分）'),
}).superRefine((v, ctx) => {
  if (v.rdExpenseDomestic > v.rdExpense) ctx.addIssue({ code: 'custom', path: ['rdExpenseDomestic'], message: '境内研发费用不能大于研发费用总额' });
  if (v.rdStaff > v.staff) ctx.addIssue({ code: 'custom', path: ['rdStaff'], message: '研发人员数不能大于职工总数' });
  if (v.hightechRevenue > v.revenue) ctx.addIssue({ code: 'custom', path: ['hightechRevenue'], message: '高新技术产品收入不能大于营业收入' });
  if (v.patentsHighValue > v.patentsInvention) ctx.addIssue({ code: 'custom', path: ['patentsHighValue'], message: '高价值发明专利数不能大于发明专利数' });
});
export type YearlyFiguresBody = z.infer<typeof YearlyFiguresBody>;
export const YearlyFigures = z.object({
  year: z.number().int(),
  revenue: Fen, rdExpense: Fen, rdExpenseDomestic: Fen, staff: z.number().int(), rdStaff: z.number().int(),
  hightechRevenue: Fen, netAssets: Fen, patentsInvention: z.number().int(), patentsUtility: z.number().int(),
  patentsDesign: z.number().int(), softwareCopyrights: z.number().int(), patentsHighValue: z.number().int(),
  techContractIncome: Fen, equityFinancing: Fen,
  source: z.enum(['declared', 'verified', 'imported']).describe('declared 企业自报；verified 部门核实；imported 导入（管理员导入、演示数据）'),
  verifiedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type YearlyFigures = z.infer<typeof YearlyFigures>;

/** Where a year's figures came from. 免申即享 relies only on 'verified' and 'imported'. */
export type FigureSource = YearlyFigures['source'];
export const FIGURE_SOURCE_LABEL: Record<FigureSource, string> = { declared: '企业自报', verified: '部门核实', imported: '导入' };

/**
 * The first year the platform keeps figures for. Rules read the latest year and the 科创指数 the last three,
 * so years this old are never used: the bound catches typing errors (1025 for 2025) while leaving room for
 * any history an import brings. A fixed year rather than "now − N", so that a stored year never becomes invalid.
 */
export const FIGURES_FIRST_YEAR = 2000;

/**
 * Why `year` cannot hold yearly figures, or null: only years that have ended (before `currentYear`, which the
 * caller reads from the clock in Asia/Shanghai) and not before FIGURES_FIRST_YEAR.
 */
export function figuresYearProblem(year: number, currentYear: number): string | null {
  if (!Number.isInteger(year)) return `年度“${year}”应为四位整数年份`;
  if (year >= currentYear) return `年度 ${year} 尚未结束：只能填报已结束的年度（${FIGURES_FIRST_YEAR}–${currentYear - 1} 年）`;
  if (year < FIGURES_FIRST_YEAR) return `年度 ${year} 过早：平台只保存 ${FIGURES_FIRST_YEAR} 年及以后的年度数据`;
  return null;
}

export const YearParam = z.object({ id: Id, year: z.coerce.number().int().min(1000).max(9999) });

export const Qualification = z.object({
  id: z.number().int(),
  typeCode: z.string(),
  typeName: z.string(),
  level: z.enum(QUALIFICATION_LEVELS),
  certificateNo: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  status: z.enum(['valid', 'expired', 'pending']),
});
export const QualificationBody = z
  .object({
    typeCode: z.string().min(1),
    level: z.enum(QUALIFICATION_LEVELS),
    certificateNo: z.string().max(60).optional(),
    validFrom: IsoDate,
    validTo: IsoDate.optional(),
  })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { path: ['validTo'], message: '有效期止不能早于有效期起' });

// ---------- users ----------
export const UserRow = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export const UserListQuery = Page.extend({ q: z.string().max(64).optional(), role: z.enum(ROLES).optional(), status: z.enum(USER_STATUSES).optional() });
export const Username = z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/, '用户名应为 3–64 位字母、数字或 _ . @ -');
export const Password = z.string().min(8, '密码至少 8 位').max(200);
export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  password: Password,
  role: z.enum(ROLES),
  orgId: z.number().int().positive().optional(),
  departmentCode: z.string().optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export const PatchUserBody = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  status: z.enum(USER_STATUSES).optional(),
  password: Password.optional(),
  role: z.enum(ROLES).optional().describe('改变角色时须同时满足该角色对所属组织或部门的要求'),
  orgId: z.number().int().positive().nullable().optional(),
  departmentCode: z.string().nullable().optional(),
});

// ---------- audit ----------
export const AuditRecord = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  detail: z.string(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export const AuditQuery = Page.extend({
  action: z.string().max(60).optional(),
  actor: z.string().max(64).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(64).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});

export const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() });
