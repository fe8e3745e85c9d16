/** 申报与兑现 API schemas, shared with the web client. */
import { z } from 'zod';
import { REJECT_REASONS } from '../funding/engine/lifecycle.js';

const note = (label: string, min = 2, max = 1000) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(min, { error: `请填写${label}（至少 ${min} 个字）` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const Fen = z.number({ error: '金额应为整数（分）' }).int({ error: '金额应为整数（分）' }).positive({ error: '金额应大于 0' }).max(Number.MAX_SAFE_INTEGER);

/** Default review criteria (points), until an item names its own. */
export const REVIEW_CRITERIA = [
  { code: 'innovation', label: '技术先进性与创新性', max: 30 },
  { code: 'benefit', label: '经济社会效益', max: 30 },
  { code: 'capacity', label: '实施基础与能力', max: 20 },
  { code: 'materials', label: '材料完整规范', max: 20 },
] as const;

export const BankAccount = z.strictObject({
  holder: note('开户名', 2, 60),
  bank: note('开户行', 2, 60),
  account: z
    .string({ error: '账号应为数字' })
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, { error: '账号应为 8–30 位数字' })),
});
export type BankAccount = z.infer<typeof BankAccount>;

/**
 * A partner organisation the application names (合作单位: the university of a joint contract, a member
 * of a consortium): an organisation of the platform by id (its name is then taken from the platform),
 * or just its name. Experts tied to a partner must recuse themselves like those tied to the applicant.
 */
export const Partner = z.strictObject({
  orgId: z.number().int().positive().nullable().default(null),
  name: z.string({ error: '合作单位名称应为文字' }).trim().max(100, { error: '合作单位名称不能超过 100 个字' }).default(''),
});
export type Partner = z.infer<typeof Partner>;
const Partners = z
  .array(Partner)
  .max(20, { error: '合作单位最多 20 个' })
  .superRefine((ps, ctx) =>
    ps.forEach((p, i) => {
      if (p.orgId === null && p.name.length < 2) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: '请填写合作单位名称（至少 2 个字）或选择平台上的单位' });
    }),
  );

export const ApplicationCreate = z.strictObject({
  itemId: z.string().max(60),
  year: z.number().int().min(2020).max(2100).optional(),
  project: z.string().trim().min(2, { error: '项目名称至少 2 个字' }).max(120, { error: '项目名称不能超过 120 个字' }).nullable().default(null),
  /** Facts the enterprise declares (the platform's records fill the rest); names as in docs/policy-facts.md. */
  facts: z.record(z.string(), z.unknown()).default({}),
  requestedFen: Fen.nullable().default(null),
  /** 合作单位 (conflicts of interest in expert review). */
  partners: Partners.default([]),
  /** Where the money goes; may wait in a draft, required to submit. */
  bankAccount: BankAccount.nullable().default(null),
  /** For administrators: the enterprise applying. */
  orgId: z.number().int().positive().optional(),
});
export type ApplicationCreate = z.infer<typeof ApplicationCreate>;

/** An edit: as a new application, but a bank account (the page shows it masked) or partner list left out keeps the one given before. */
export const ApplicationUpdate = ApplicationCreate.omit({ itemId: true, orgId: true, year: true, bankAccount: true, partners: true }).extend({ bankAccount: BankAccount.nullable().optional(), partners: Partners.optional() });
export type ApplicationUpdate = z.infer<typeof ApplicationUpdate>;

export const ActInput = z.discriminatedUnion('action', [
  /** override: submit although the platform judged the applicant 不符合条件, with the reason (recorded in the audit). */
  z.strictObject({ action: z.literal('submit'), override: z.strictObject({ reason: note('坚持提交的理由', 5, 500) }).optional() }),
  /** 确认: the account may be left out when the enterprise already gave one (on this offer or an earlier application): that one is used. */
  z.strictObject({ action: z.literal('confirm'), bankAccount: BankAccount.optional() }),
  z.strictObject({ action: z.literal('withdraw'), note: note('撤回原因').optional() }),
  z.strictObject({ action: z.literal('pre_pass'), note: note('初审意见').optional() }),
  z.strictObject({ action: z.literal('return'), note: note('退回原因') }),
  z.strictObject({ action: z.literal('reject'), reason: z.enum(Object.keys(REJECT_REASONS) as [keyof typeof REJECT_REASONS]), note: note('不予支持的说明') }),
  z.strictObject({ action: z.literal('assign_expert'), expertId: z.number().int().positive() }),
  z.strictObject({ action: z.literal('declare_conflict'), note: note('回避原因') }),
  z.strictObject({
    action: z.literal('score'),
    scores: z.record(z.string(), z.number().int({ error: '评分应为整数' }).min(0, { error: '评分不能为负' })),
    opinion: note('评审意见', 5, 2000),
  }),
  z.strictObject({ action: z.literal('finish_review') }),
  z.strictObject({ action: z.literal('approve'), amountFen: Fen, reason: note('与测算金额不同的理由', 5).optional() }),
  z.strictObject({ action: z.literal('object'), text: note('异议内容', 5, 2000) }),
  z.strictObject({ action: z.literal('resolve_objection'), objectionId: z.number().int().positive(), upheld: z.boolean(), resolution: note('处理意见', 5) }),
  z.strictObject({ action: z.literal('end_publicity') }),
  z.strictObject({ action: z.literal('cancel'), reason: z.enum(Object.keys(REJECT_REASONS) as [keyof typeof REJECT_REASONS]).default('other'), note: note('撤销原因') }),
  z.strictObject({ action: z.literal('pay'), idempotencyKey: z.string().min(8, { error: '幂等键至少 8 个字符' }).max(100), amountFen: Fen }),
  z.strictObject({ action: z.literal('close') }),
  z.strictObject({ action: z.literal('claw_back'), reason: z.enum(Object.keys(REJECT_REASONS) as [keyof typeof REJECT_REASONS]), note: note('追回原因', 5) }),
  z.strictObject({ action: z.literal('return_payment'), note: note('退票原因', 2) }),
  z.strictObject({ action: z.literal('update_bank'), bankAccount: BankAccount }),
]);
export type ActInput = z.infer<typeof ActInput>;

export const BudgetCreate = z.strictObject({
  name: note('预算名称', 2, 80),
  kind: z.enum(['item', 'pool']),
  itemId: z.string().max(60).nullable().default(null),
  year: z.number().int().min(2020).max(2100).nullable().default(null),
  yearFrom: z.number().int().min(2020).max(2100).nullable().default(null),
  yearTo: z.number().int().min(2020).max(2100).nullable().default(null),
  poolId: z.number().int().positive().nullable().default(null),
  departmentCode: z.string().max(20).optional(),
  /** The first allocation, in 分. */
  fundFen: Fen.optional(),
});
export type BudgetCreate = z.infer<typeof BudgetCreate>;

/** GET /api/funding/budgets/overview: the year (required) and, for administrators, one department. */
export const BudgetOverviewQuery = z.object({
  year: z
    .string({ error: (iss) => (iss.input === undefined ? '请填写年度（如 2026）' : '年度应为 4 位数字，如 2026') })
    .trim()
    .regex(/^\d{4}$/, { error: '年度应为 4 位数字，如 2026' })
    .transform(Number)
    .pipe(z.number().min(2020, { error: '年度不能早于 2020 年' }).max(2100, { error: '年度不能晚于 2100 年' })),
  departmentCode: z.string({ error: '部门代码应为文字' }).trim().min(1, { error: '部门代码不能为空' }).max(20, { error: '部门代码不能超过 20 个字符' }).optional(),
});
export type BudgetOverviewQuery = z.infer<typeof BudgetOverviewQuery>;

const FenSum = z.number().int();
const Balances = { fundedFen: FenSum, availableFen: FenSum, reservedFen: FenSum, spentFen: FenSum };
/** Payments net of reversals in one month (Asia/Shanghai) of the year. */
export const MonthPaid = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), paidFen: FenSum });
const DepartmentFigures = z.object({ budgets: z.number().int(), ...Balances, months: z.array(MonthPaid).length(12) });

/**
 * The budget dashboard of a year: item budgets summed per department (pools apart — item budgets draw
 * on them, so adding them would count the money twice) with the ledger's payments per month.
 */
export const BudgetOverview = z.object({
  year: z.number().int(),
  /** The one department shown (an official's own, or an administrator's filter); null = all. */
  departmentCode: z.string().nullable(),
  departments: z.array(DepartmentFigures.extend({ departmentCode: z.string() })),
  totals: DepartmentFigures,
  pools: z.array(z.object({ id: z.number().int(), name: z.string(), departmentCode: z.string(), years: z.object({ from: z.number().int(), to: z.number().int() }), ...Balances })),
});
export type BudgetOverview = z.infer<typeof BudgetOverview>;

/** GET /api/funding/budget-status: whether each item in force has a budget for the year, before anyone applies. */
export const BudgetStatusQuery = z.object({
  year: z.coerce.number({ error: '年度应为 4 位数字，如 2026' }).int().min(2020, { error: '年度不能早于 2020 年' }).max(2100, { error: '年度不能晚于 2100 年' }).optional(),
  itemId: z.string().max(60).optional(),
});
export type BudgetStatusQuery = z.infer<typeof BudgetStatusQuery>;
export const ItemBudgetStatus = z.object({
  itemId: z.string(),
  year: z.number().int(),
  status: z.enum(['none', 'available', 'exhausted']).describe('none 本年度尚未设立预算；available 有余额；exhausted 预算已用完'),
  availableFen: z.number().int().nullable().describe('可用余额（分）；未设立预算为 null'),
  fundedFen: z.number().int().nullable().describe('已下达（分）；未设立预算为 null'),
  label: z.string().describe('给申报人看的一句话，如“本年度尚未设立预算”“本年度预算余额 1,200 万元”'),
});
export type ItemBudgetStatus = z.infer<typeof ItemBudgetStatus>;
export const BudgetStatusList = z.object({ year: z.number().int(), items: z.array(ItemBudgetStatus) });
export type BudgetStatusList = z.infer<typeof BudgetStatusList>;

/** GET /api/funding/applications/:id/expert-candidates: one expert of the pool, ranked for the application. */
export interface ExpertCandidate {
  expertId: number;
  name: string;
  title: string;
  orgName: string | null;
  /** 0–1, the index's score; 0 when the expertise shares no term with the application. */
  score: number;
  reasons: string[];
  hasAccount: boolean;
  conflict: string | null;
  assigned: boolean;
  declaredConflict: boolean;
  /** Whether 指派 would be accepted now. */
  assignable: boolean;
}
