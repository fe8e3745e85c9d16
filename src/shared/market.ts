/** Technology market (成果与需求) API schemas, shared with the web client. */
import { z } from 'zod';

export const CONVERSION_MODES = ['transfer', 'license_general', 'license_exclusive', 'use_first_pay_later', 'equity', 'joint_dev'] as const;
export const ACHIEVEMENT_STATUSES = ['unconverted', 'negotiating', 'converted'] as const;

/** The nine technology readiness levels, paraphrasing GB/T 22900 (科学技术研究项目评价通则); shown where a level is chosen. */
export const TRL_LEVELS: Record<number, string> = {
  1: '发现基本原理或看到基本原理的报道',
  2: '形成技术概念或开发方案',
  3: '关键功能、特性得到分析或实验验证（概念验证）',
  4: '实验室环境中关键部件或功能模块验证',
  5: '相关环境中关键部件或功能模块验证',
  6: '相关环境中系统或原型验证（中试）',
  7: '实际使用环境中原型验证',
  8: '定型或完成鉴定，具备小批量生产条件',
  9: '实际应用并批量生产、取得市场认可',
};

const text = (min: number, max: number, label: string) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(min, { error: `${label}至少 ${min} 个字` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const Fen = z.number().int({ error: '金额应为整数（分）' }).min(0, { error: '金额不能为负数' }).max(Number.MAX_SAFE_INTEGER);
const Trl = z.number().int({ error: '技术成熟度应为 1–9 的整数' }).min(1, { error: '技术成熟度应为 1–9' }).max(9, { error: '技术成熟度应为 1–9' });
const FieldCodes = z.array(z.string().max(40)).min(1, { error: '至少选择一个领域' }).max(5, { error: '最多选择 5 个领域' });
const Modes = z.array(z.enum(CONVERSION_MODES)).max(6);

export const AchievementInput = z.strictObject({
  title: text(4, 120, '标题'),
  abstract: text(20, 4000, '摘要'),
  keywords: z.array(text(2, 30, '关键词')).min(1, { error: '至少一个关键词' }).max(10, { error: '最多 10 个关键词' }),
  fields: FieldCodes,
  patents: z.array(text(4, 40, '专利号')).max(50).default([]),
  trl: Trl,
  valuation: z
    .strictObject({
      amountFen: Fen,
      method: z.enum(['income', 'market', 'cost']).describe('收益法 / 市场法 / 成本法'),
      date: z.iso.date({ error: '估值日期应为 YYYY-MM-DD' }),
    })
    .nullable()
    .default(null),
  modes: Modes.min(1, { error: '至少选择一种转化方式' }),
  publiclyFunded: z.boolean(),
  confidential: z.boolean(),
  team: z.string().trim().max(500, { error: '团队介绍不能超过 500 个字' }).default(''),
});
export type AchievementInput = z.infer<typeof AchievementInput>;

/** Editing adds the status (a newly published achievement is always 未转化; the pipeline moves it too). */
export const AchievementUpdate = AchievementInput.extend({ status: z.enum(ACHIEVEMENT_STATUSES) });
export type AchievementUpdate = z.infer<typeof AchievementUpdate>;

export const DemandInput = z
  .strictObject({
    title: text(4, 120, '标题'),
    problem: text(20, 4000, '问题描述'),
    fields: FieldCodes,
    requiredTrl: z.strictObject({ min: Trl, max: Trl }),
    budgetFen: z.strictObject({ min: Fen, max: Fen }).nullable().default(null),
    modes: Modes.default([]),
    deadline: z.iso.date({ error: '截止日期应为 YYYY-MM-DD' }),
    visibility: z.enum(['public', 'matched']).describe('public 公开；matched 仅匹配双方可见'),
  })
  .superRefine((v, ctx) => {
    if (v.requiredTrl.max < v.requiredTrl.min) ctx.addIssue({ code: 'custom', path: ['requiredTrl', 'max'], message: '成熟度上限不能低于下限' });
    if (v.budgetFen && v.budgetFen.max < v.budgetFen.min) ctx.addIssue({ code: 'custom', path: ['budgetFen', 'max'], message: '预算上限不能低于下限' });
  });
export type DemandInput = z.infer<typeof DemandInput>;

/** The longest q a market search takes (a whole demand text; a long q is searched by its most specific terms). */
export const MAX_SEARCH_Q = 2000;
/** A market search's q (GET /api/market/achievements, /api/market/demands). */
export const SearchQ = z
  .string({ error: '检索词应为文字' })
  .max(MAX_SEARCH_Q, { error: `检索词不能超过 ${MAX_SEARCH_Q} 个字` })
  .optional()
  .describe(`检索词，最多 ${MAX_SEARCH_Q} 字（可粘贴整段需求或成果描述，按其中最具区分度的词检索）`);

/** Said (as `notice`, with no results) when a search's q holds no word to search by: only stop words, punctuation, single characters. */
export const NO_SEARCH_TERMS = '检索词中没有可用于检索的词（已忽略常用词和标点），请换用更具体的词';

/**
 * A page of GET /api/market/achievements or /api/market/demands: the hits (achievement or demand views with
 * `score` and `highlight`), the total, and `notice` only when q was given but held no usable word (NO_SEARCH_TERMS;
 * items and total are then empty).
 */
export const MarketSearchPage = z.object({
  items: z.array(z.any()),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  notice: z.string().optional().describe('检索词无可用词时的说明（此时结果为空）'),
});
export type MarketSearchPage = z.infer<typeof MarketSearchPage>;

/** POST /api/market/ranker/use: put a recorded fit of the matcher's weights (null: the defaults) in use. */
export const RankerUseInput = z.strictObject({
  fitId: z.number({ error: '拟合记录编号应为正整数或 null（恢复默认权重）' }).int({ error: '拟合记录编号应为正整数' }).positive({ error: '拟合记录编号应为正整数' }).nullable(),
  reason: text(2, 500, '原因'),
});
export type RankerUseInput = z.infer<typeof RankerUseInput>;
