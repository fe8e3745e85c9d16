/**
 * The index method as versioned data: gates, indicators with their weights,
 * transforms and fixed goalposts, pillar weights per stage, imputation, the
 * coverage rules, grades and the cut-offs the robustness run watches. Validated
 * strictly (zod) and for meaning (weights sum to 1 at every level, goalposts
 * ordered, known indicators).
 *
 * Stored versions are immutable and recomputed byte for byte with their own
 * document, so behaviour is versioned by the document: a field added later is
 * optional and its absence means the behaviour before it (the first built-in
 * method, METHOD_2026_V1, has no `coverage` and weighs the absolute indicators).
 */
import { z } from 'zod';
import { INDICATORS, PILLARS, type Pillar } from './indicators.js';

const Weight = z.number().min(0).max(1);
const StageWeights = z.strictObject({ startup: Weight, growth: Weight, mature: Weight });

export const IndexMethod = z.strictObject({
  id: z.literal('kczs'),
  title: z.string().min(2),
  /** The scoring year; indicators use the figures of edition − 1 and earlier. */
  edition: z.number().int().min(2000).max(2100),
  note: z.string().optional(),
  stages: z.strictObject({ startupMaxAge: z.number().int().min(0), growthMaxAge: z.number().int().min(1) }),
  gates: z.array(z.strictObject({ flag: z.enum(['dishonest', 'abnormal']), label: z.string().min(2) })),
  pillars: z.array(z.strictObject({ code: z.enum(Object.keys(PILLARS) as [Pillar, ...Pillar[]]), weights: StageWeights })).min(1),
  indicators: z
    .array(
      z.strictObject({
        code: z.string(),
        weight: Weight,
        transform: z.enum(['none', 'log1p']),
        /** Fixed for the edition, in the indicator's unit; values outside are winsorised to them (recorded). */
        goalposts: z.strictObject({ min: z.number(), max: z.number() }),
      }),
    )
    .min(1),
  imputation: z.strictObject({ method: z.literal('cohort_median'), minCohort: z.number().int().min(1) }),
  /**
   * Minimum coverage (absent in the first method: everyone with figures is graded, every
   * indicator scored in every cohort). `minToGrade`: below this coverage (share of the
   * weight carried by observed values) an enterprise is not graded (数据不足).
   * `minObservedInCohort`: an indicator observed for less than this share of a cohort's
   * enterprises is dropped from that cohort's score, its weight shared by the rest of
   * its pillar (or, when the whole pillar is dropped, by the other pillars).
   */
  coverage: z.strictObject({ minToGrade: z.number().min(0).max(1), minObservedInCohort: z.number().min(0).max(1) }).optional(),
  grades: z.array(z.strictObject({ grade: z.string().min(1).max(3), label: z.string(), min: z.number().min(0).max(100) })).min(2),
  cutoffs: z.array(z.strictObject({ code: z.string(), label: z.string(), score: z.number().min(0).max(100) })),
});
export type IndexMethod = z.infer<typeof IndexMethod>;

export interface MethodError {
  path: string;
  message: string;
}

export class MethodDocumentError extends Error {
  constructor(readonly errors: MethodError[]) {
    super(`指数方法有误：${errors.map((e) => `${e.path}：${e.message}`).join('；')}`);
    this.name = 'MethodDocumentError';
  }
}

const near1 = (x: number) => Math.abs(x - 1) < 1e-9;

/**
 * Parses and checks a method document; throws MethodDocumentError naming every bad field.
 * `newVersion` adds the rules for a version about to be saved (stored versions, made
 * before those rules, still load): it declares its minimum coverage and weighs no
 * absolute (size-dependent) indicator.
 */
export function loadMethod(doc: unknown, opts: { newVersion?: boolean } = {}): IndexMethod {
  const parsed = IndexMethod.safeParse(doc);
  if (!parsed.success) {
    throw new MethodDocumentError(parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)', message: i.message })));
  }
  const m = parsed.data;
  const errors: MethodError[] = [];
  const pillarCodes = m.pillars.map((p) => p.code);
  if (new Set(pillarCodes).size !== pillarCodes.length) errors.push({ path: 'pillars', message: '支柱重复' });
  for (const stage of ['startup', 'growth', 'mature'] as const) {
    const sum = m.pillars.reduce((s, p) => s + p.weights[stage], 0);
    if (!near1(sum)) errors.push({ path: `pillars.weights.${stage}`, message: `各支柱在“${stage}”阶段的权重之和应为 1，实为 ${sum.toFixed(6)}` });
  }
  m.indicators.forEach((ind, i) => {
    const def = INDICATORS.find((d) => d.code === ind.code);
    if (!def) errors.push({ path: `indicators[${i}].code`, message: `未知的指标“${ind.code}”` });
    else if (!pillarCodes.includes(def.pillar)) errors.push({ path: `indicators[${i}].code`, message: `指标所属支柱“${def.pillar}”未列入 pillars` });
    else if (!def.compute && ind.weight > 0) {
      const p = m.pillars.find((x) => x.code === def.pillar)!;
      if (p.weights.startup + p.weights.growth + p.weights.mature > 0) errors.push({ path: `indicators[${i}].weight`, message: `指标“${def.name}”尚无数据来源，其支柱权重应为 0` });
    }
    if (opts.newVersion && def?.legacy && ind.weight > 0 && pillarCodes.includes(def.pillar)) {
      const p = m.pillars.find((x) => x.code === def.pillar)!;
      const replacedBy = def.legacy.replacedBy;
      const alt = INDICATORS.find((d) => d.code === replacedBy);
      if (p.weights.startup + p.weights.growth + p.weights.mature > 0) {
        errors.push({ path: `indicators[${i}].weight`, message: `指标“${def.name}”是规模相关的绝对量（企业规模扩大 k 倍，得分随之变化），新版本方法不能再计权${alt ? `，请改用“${alt.name}”` : ''}` });
      }
    }
    if (ind.goalposts.min >= ind.goalposts.max) errors.push({ path: `indicators[${i}].goalposts`, message: 'min 应小于 max' });
    if (ind.transform === 'log1p' && ind.goalposts.min < 0) errors.push({ path: `indicators[${i}].goalposts.min`, message: 'log1p 变换要求 min ≥ 0' });
  });
  const codes = m.indicators.map((i) => i.code);
  if (new Set(codes).size !== codes.length) errors.push({ path: 'indicators', message: '指标重复' });
  for (const p of pillarCodes) {
    const inPillar = m.indicators.filter((i) => INDICATORS.find((d) => d.code === i.code)?.pillar === p);
    if (inPillar.length === 0) errors.push({ path: 'indicators', message: `支柱“${PILLARS[p]}”没有指标` });
    else {
      const sum = inPillar.reduce((s, i) => s + i.weight, 0);
      if (!near1(sum)) errors.push({ path: `indicators(${p})`, message: `支柱“${PILLARS[p]}”内指标权重之和应为 1，实为 ${sum.toFixed(6)}` });
    }
  }
  if (m.stages.startupMaxAge >= m.stages.growthMaxAge) errors.push({ path: 'stages', message: 'startupMaxAge 应小于 growthMaxAge' });
  const mins = m.grades.map((g) => g.min);
  if (mins.some((x, i) => i > 0 && x >= mins[i - 1]!)) errors.push({ path: 'grades', message: '等级应按下限从高到低排列且严格递减' });
  if (mins[mins.length - 1] !== 0) errors.push({ path: `grades[${mins.length - 1}].min`, message: '最低等级的下限应为 0' });
  if (opts.newVersion && !m.coverage) errors.push({ path: 'coverage', message: '新版本方法应声明最低覆盖率（coverage.minToGrade）与同类企业中的最低观测比例（coverage.minObservedInCohort）' });
  if (errors.length) throw new MethodDocumentError(errors);
  return m;
}

/**
 * The first built-in method (stored as version 1 before the second existed): absolute
 * amounts for software copyrights, technology contracts and equity financing (missing
 * years counted as 0), no minimum coverage. Kept exactly as stored — its content hash
 * names it — for the runs made with it; not for new versions.
 */
export const METHOD_2026_V1: IndexMethod = {
  id: 'kczs',
  title: '苏州科创指数',
  edition: 2026,
  note: '初始方法：目标值按研发投入、专利、成长等指标的常见区间设定，权重按阶段区分；平台与合作支柱暂无数据来源，权重为 0。',
  stages: { startupMaxAge: 3, growthMaxAge: 10 },
  gates: [
    { flag: 'dishonest', label: '严重失信' },
    { flag: 'abnormal', label: '经营异常' },
  ],
  pillars: [
    { code: 'rd', weights: { startup: 0.25, growth: 0.25, mature: 0.25 } },
    { code: 'talent', weights: { startup: 0.15, growth: 0.15, mature: 0.1 } },
    { code: 'ip', weights: { startup: 0.2, growth: 0.2, mature: 0.25 } },
    { code: 'conversion', weights: { startup: 0.1, growth: 0.1, mature: 0.15 } },
    { code: 'platform', weights: { startup: 0, growth: 0, mature: 0 } },
    { code: 'growth', weights: { startup: 0.1, growth: 0.15, mature: 0.15 } },
    { code: 'capital', weights: { startup: 0.15, growth: 0.1, mature: 0.05 } },
    { code: 'qual', weights: { startup: 0.05, growth: 0.05, mature: 0.05 } },
  ],
  indicators: [
    { code: 'rd_intensity', weight: 0.7, transform: 'none', goalposts: { min: 0, max: 0.15 } },
    { code: 'rd_growth', weight: 0.3, transform: 'none', goalposts: { min: -0.5, max: 1 } },
    { code: 'st_staff_share', weight: 1, transform: 'none', goalposts: { min: 0, max: 0.6 } },
    { code: 'invention_per_100', weight: 0.35, transform: 'log1p', goalposts: { min: 0, max: 50 } },
    { code: 'high_value_share', weight: 0.25, transform: 'none', goalposts: { min: 0, max: 1 } },
    { code: 'software_copyrights', weight: 0.15, transform: 'log1p', goalposts: { min: 0, max: 100 } },
    { code: 'hightech_share', weight: 0.25, transform: 'none', goalposts: { min: 0, max: 1 } },
    { code: 'tech_contract_income', weight: 1, transform: 'log1p', goalposts: { min: 0, max: 5000 } },
    { code: 'rd_institutions', weight: 1, transform: 'log1p', goalposts: { min: 0, max: 10 } },
    { code: 'revenue_growth', weight: 0.5, transform: 'none', goalposts: { min: -0.3, max: 1 } },
    { code: 'net_assets_growth', weight: 0.5, transform: 'none', goalposts: { min: -0.3, max: 1 } },
    { code: 'equity_financing', weight: 1, transform: 'log1p', goalposts: { min: 0, max: 100000 } },
    { code: 'qualification_points', weight: 1, transform: 'none', goalposts: { min: 0, max: 6 } },
  ],
  imputation: { method: 'cohort_median', minCohort: 5 },
  // On the demo city about the top 4% reach A, a quarter B or better, half C or better.
  grades: [
    { grade: 'A', label: '领先', min: 50 },
    { grade: 'B', label: '良好', min: 35 },
    { grade: 'C', label: '一般', min: 20 },
    { grade: 'D', label: '待提升', min: 0 },
  ],
  cutoffs: [
    { code: 'grade_a', label: 'A 级（科创指数惠候选）', score: 50 },
    { code: 'grade_b', label: 'B 级', score: 35 },
  ],
};

/**
 * The built-in method: weights and goalposts as documented in docs/index-method.md.
 * Against the first: every size-dependent indicator is an intensity (software
 * copyrights per 100 staff, technology-contract income and yearly equity financing per
 * head), a missing year is never counted as zero, growth rates are not log-transformed
 * (winsorised at their goalposts they are not skewed), and the minimum coverage rules
 * apply.
 */
export const DEFAULT_METHOD: IndexMethod = {
  ...METHOD_2026_V1,
  note: '第二版：规模相关指标改为人均或每百人强度（软件著作权、技术合同成交额、股权融资），缺失年度不计为 0；覆盖率低于 60% 的企业不评级（数据不足），同类企业中有数据不足一半的指标不计入该类企业的评分。',
  indicators: METHOD_2026_V1.indicators.map((i) =>
    i.code === 'software_copyrights'
      ? { code: 'software_per_100', weight: i.weight, transform: 'log1p', goalposts: { min: 0, max: 200 } }
      : i.code === 'tech_contract_income'
        ? { code: 'tech_contract_per_staff', weight: i.weight, transform: 'log1p', goalposts: { min: 0, max: 50 } }
        : i.code === 'equity_financing'
          ? { code: 'equity_per_staff', weight: i.weight, transform: 'log1p', goalposts: { min: 0, max: 2000 } }
          : i,
  ),
  coverage: { minToGrade: 0.6, minObservedInCohort: 0.5 },
};
