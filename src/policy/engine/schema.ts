/**
 * The rule document: a support item (支持事项) as data. Validated strictly with
 * zod when saved or loaded; a bad document is refused with the path of the field.
 *
 * Values in conditions and amounts are literals ("5000万", "5%", 15) or references
 * to the item's dated parameters ("$threshold"), so a what-if can change a
 * parameter without touching the rule.
 */
import { z } from 'zod';
import { Expr } from './expr-schema.js';

const Ref = z.string().regex(/^\$[a-zA-Z][a-zA-Z0-9_]*$/);
/** Money: "5000万", "2亿", "50万元", "123.45元", or a parameter. */
export const MoneyText = z.union([z.string().regex(/^\s*\d+(\.\d+)?\s*(亿|万|元)元?\s*$/, '金额应如 5000万、2亿、123.45元'), Ref]);
/** Rate: "5%", "0.05", "1/3", or a parameter. */
export const RateText = z.union([z.string().regex(/^(\d+(\.\d+)?%?|\d+\/\d+)$/, '比例应如 5%、0.05 或 1/3'), Ref]);

/** A day: "2025-12-31". */
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD');

export const Parameter = z.strictObject({
  kind: z.enum(['money', 'rate', 'count', 'date']),
  value: z.union([z.string(), z.number().int().nonnegative()]),
  label: z.string().min(1),
  /** The words of the clause this number comes from. */
  clause: z.string().min(1),
});
export type Parameter = z.infer<typeof Parameter>;

/** A comparison's bound: money, a rate, a day or a whole number, or a parameter; one message names all four. */
const BOUND_TEXT = /^(\$[a-zA-Z][a-zA-Z0-9_]*|\s*\d+(\.\d+)?\s*(亿|万|元)元?\s*|\d+(\.\d+)?%?|\d+\/\d+|\d{4}-\d{2}-\d{2})$/;
const Bound = z.union([z.number().int(), z.string().regex(BOUND_TEXT, '比较值应为金额（如 5000万）、比例（如 5%）、日期（如 2025-12-31）、整数或 $参数')]);
const CompareOps = { gte: Bound.optional(), gt: Bound.optional(), lte: Bound.optional(), lt: Bound.optional() };

export type Condition =
  | { all: Condition[]; label?: string }
  | { any: Condition[]; label?: string }
  | { not: Condition; label?: string }
  | { fact: string; is: boolean; label?: string }
  | { fact: string; has: string; label?: string }
  | { fact: string; gte?: string | number; gt?: string | number; lte?: string | number; lt?: string | number; label?: string }
  | { ratio: [string, string]; gte?: string | number; gt?: string | number; lte?: string | number; lt?: string | number; label?: string }
  | { fact: string; in: string[]; label?: string }
  | { value: Expr; gte?: Expr; gt?: Expr; lte?: Expr; lt?: Expr; label?: string };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1), label: z.string().optional() }),
    z.strictObject({ any: z.array(Condition).min(1), label: z.string().optional() }),
    z.strictObject({ not: Condition, label: z.string().optional() }),
    z.strictObject({ fact: z.string(), is: z.boolean(), label: z.string().optional() }),
    z.strictObject({ fact: z.string(), has: z.string(), label: z.string().optional() }),
    z.strictObject({ fact: z.string(), ...CompareOps, label: z.string().optional() }),
    z.strictObject({ ratio: z.tuple([z.string(), z.string()]), ...CompareOps, label: z.string().optional() }),
    /** An enum or district fact is one of the codes ("district in [sip]"). */
    z.strictObject({ fact: z.string(), in: z.array(z.string().min(1)).min(1), label: z.string().optional() }),
    /** Arithmetic compared: { value: { sub: [...] }, gte: "20%" }. */
    z.strictObject({ value: Expr, gte: Expr.optional(), gt: Expr.optional(), lte: Expr.optional(), lt: Expr.optional(), label: z.string().optional() }),
  ]),
);

export const ROUNDINGS = ['half_up', 'floor', 'ceil'] as const;

export type Amount =
  | { fixed: string }
  | { rate: string; of: string; rounding?: (typeof ROUNDINGS)[number] }
  | { cap: Amount; max: string }
  | { ceiling: Amount | string }
  | { perItem: { count: string; each: string; quota?: string | number } }
  | { tiers: { of: string; mode: 'step' | 'progressive'; rounding?: (typeof ROUNDINGS)[number]; bands: { upTo?: string; rate?: string; amount?: string }[] } }
  | { expr: Expr; rounding?: (typeof ROUNDINGS)[number]; label?: string }
  | { choose: { when: Condition; amount: Amount; label?: string }[]; otherwise?: Amount };

export const Amount: z.ZodType<Amount> = z.lazy(() =>
  z.union([
    z.strictObject({ fixed: MoneyText }),
    z.strictObject({ rate: RateText, of: z.string(), rounding: z.enum(ROUNDINGS).optional() }),
    z.strictObject({ cap: Amount, max: MoneyText }),
    z.strictObject({ ceiling: z.union([Amount, MoneyText]) }),
    z.strictObject({ perItem: z.strictObject({ count: z.string(), each: MoneyText, quota: z.union([z.number().int().positive(), Ref]).optional() }) }),
    z.strictObject({
      tiers: z.strictObject({
        of: z.string(),
        mode: z.enum(['step', 'progressive']),
        rounding: z.enum(ROUNDINGS).optional(),
        bands: z.array(z.strictObject({ upTo: MoneyText.optional(), rate: RateText.optional(), amount: MoneyText.optional() })).min(1),
      }),
    }),
    /** An amount computed by arithmetic, rounded to the 分 once at the end as declared (default half_up). */
    z.strictObject({ expr: Expr, rounding: z.enum(ROUNDINGS).optional(), label: z.string().optional() }),
    /** The first branch whose condition holds gives the amount (e.g. first recognition 30万, renewal 10万). */
    z.strictObject({
      choose: z.array(z.strictObject({ when: Condition, amount: Amount, label: z.string().optional() })).min(1),
      otherwise: Amount.optional(),
    }),
  ]),
);

/**
 * 适用对象: whom an item is for. Every part given must hold; a part the organisation's facts cannot decide makes the
 * item "might apply" (naming what is missing), a part that fails makes it "cannot apply" for that organisation.
 * `sizes` and `sectors` bind enterprises only (an institution has no size band). `requires` is any condition.
 */
export const APPLICANT_KIND_CODES = ['enterprise', 'institution', 'platform_operator', 'person', 'government'] as const;
export const Audience = z.strictObject({
  /** enterprise 企业; institution 高校/科研院所/新型研发机构; platform_operator 载体运营方; person 个人（人才/团队）; government 园区管理机构. */
  applicants: z.array(z.enum(APPLICANT_KIND_CODES, { message: '申请主体应为 enterprise、institution、platform_operator、person 或 government' })).min(1).optional(),
  /** Enterprise size bands (orgs model): micro / small / medium / large. */
  sizes: z.array(z.enum(['micro', 'small', 'medium', 'large'], { message: '企业规模应为 micro、small、medium 或 large' })).min(1).optional(),
  /** GB/T 4754-2017 sections (A–T) an enterprise must be in. */
  sectors: z.array(z.string().regex(/^[A-T]$/, '行业门类应为 A–T 的一个字母')).min(1).optional(),
  /** Facts that must hold, as a condition (the same forms as eligibility). */
  requires: Condition.optional(),
  /** In words, from the clause: e.g. "科技领军企业（大中型）". */
  note: z.string().max(200).optional(),
});
export type Audience = z.infer<typeof Audience>;

/** One entry of an item's materials checklist (申报材料). */
export const Material = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '材料代码应为小写字母开头的字母、数字或下划线'),
  label: z.string().min(2).max(60),
  required: z.boolean(),
  hint: z.string().max(200).optional(),
});
export type Material = z.infer<typeof Material>;

/** A policy's code: the Suzhou 19 measures are `suzhou-2026`; a district's top-up policy has its own. */
export const PolicyCode = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '政策代码应为小写字母、数字和连字符，如 suzhou-2026、sip-2027-topup');
/** The policy an item belongs to when the document does not say: Suzhou's 19 measures. */
export const DEFAULT_POLICY = 'suzhou-2026';

export const SupportItem = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*\.[a-z0-9_]+$/, '事项编号应为 <条款或政策简称>.<英文短名>，如 m8.equipment、sip-topup.rd'),
  /** The policy document the item implements (default: Suzhou's 19 measures). */
  policy: PolicyCode.optional(),
  /** The article (条) of its policy whose words the item quotes: for Suzhou, the measure 1–19. */
  measure: z.number().int().min(1).max(999),
  title: z.string().min(2),
  /** The quoted words of the clause this item encodes (must appear in the measure's text). */
  clause: z.string().min(4),
  departments: z.array(z.string()).min(1),
  form: z.enum(['奖励', '补助', '资助', '支持', '配套', '补贴', '奖补']),
  period: z.enum(['once', 'per_year', 'per_project']),
  status: z.enum(['draft', 'official', 'repealed']),
  effective: z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  parameters: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), Parameter).default({}),
  eligibility: Condition,
  amount: Amount,
  stacking: z.strictObject({ group: z.string(), policy: z.enum(['max', 'sum', 'sum_cap', 'priority']), cap: MoneyText.optional(), priority: z.number().int().optional() }).optional(),
  /** Limits across years, checked against the grant history (calculator, 免申即享 and approval alike). */
  limits: z
    .strictObject({
      /** 最多支持 N 年: distinct years with an award, this one included. */
      maxYears: z.union([z.number().int().positive(), Ref]).optional(),
      /** 连续: the years must follow one another; once a year is missed, no more. */
      consecutive: z.boolean().optional(),
      /** 累计不超过: all awards of the item together; the last one is trimmed to what is left. */
      lifetimeCap: MoneyText.optional(),
      /** 每年最高: awards of the item in one year together (for items paid per project). */
      yearCap: MoneyText.optional(),
      /** 获支持后 N 年内不再支持: years that must pass after an award (1 = not the next year). */
      cooldownYears: z.number().int().positive().optional(),
    })
    .optional(),
  /** 不重复支持: an enterprise granted any of these items (patterns like "m5.*") within `years` years (this one included; ever when omitted) is not eligible. */
  excludes: z.array(z.strictObject({ items: z.array(z.string().regex(/^([a-z][a-z0-9_-]*(\.[a-z0-9_]+|\.\*|\*))$/, '事项应写成事项编号或带 * 的前缀，如 m5.*')).min(1), years: z.number().int().positive().optional(), label: z.string().optional() })).optional(),
  /** 名额: at most this many approvals of the item a year, city-wide or in each district; held at approval. */
  quota: z.strictObject({ perYear: z.union([z.number().int().positive(), Ref]), scope: z.enum(['city', 'district']).default('city') }).optional(),
  /** 适用对象: applicant kinds, enterprise sizes, sectors, facts that must hold (see Audience). */
  audience: Audience.optional(),
  /** 申报材料清单: what an application must carry (required entries are checked at submission). */
  materials: z.array(Material).max(30).optional(),
  /** Effects beyond money: an approval grants a recognition or qualification that other rules then read. */
  effects: z.array(z.strictObject({ qualification: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), years: z.number().int().positive().optional(), label: z.string().min(1) })).optional(),
});
export type SupportItem = z.infer<typeof SupportItem>;

/** The policy code of an item (documents of the Suzhou measures may omit it). */
export const policyOf = (item: Pick<SupportItem, 'policy'>): string => item.policy ?? DEFAULT_POLICY;
