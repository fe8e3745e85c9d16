/**
 * The indicator catalogue of the 科创指数: what each indicator measures, its unit,
 * direction, data source, period and pillar, and how it is computed from an
 * enterprise's yearly figures. A value is `null` when it cannot be computed (no
 * figures for the year, a zero denominator): missing, never zero. A multi-year
 * indicator with some of its years on record gives the value of those years and the
 * share observed (`PartialValue`); the missing years are filled from the cohort and the
 * enterprise's coverage counts only the share observed.
 * Every indicator the current built-in method weighs is an intensity (per head, per
 * revenue, a share or a growth rate): an enterprise with every figure ×k gets the
 * same values. The absolute indicators of the first method are kept (`legacy`) so
 * the runs made with it recompute byte for byte; a new method version cannot weigh
 * them. docs/index-method.md documents the same catalogue. Pure.
 */
import type { Figures } from './official.js';

export interface EnterpriseInput {
  orgId: number;
  /** GB/T 4754-2017 section letter, for cohorts. */
  section: string | null;
  sizeBand: string | null;
  foundedYear: number | null;
  /** Qualification codes valid on the edition's reference day. */
  qualifications: readonly string[];
  /** Gate flags on record: 'dishonest' (严重失信), 'abnormal' (经营异常). */
  flags: readonly string[];
  /** Yearly figures, oldest first. */
  figures: readonly Figures[];
}

export const PILLARS = {
  rd: '研发投入',
  talent: '人才',
  ip: '知识产权与产出',
  conversion: '成果转化',
  platform: '平台与合作',
  growth: '成长性',
  capital: '资本',
  qual: '资质称号（辅助）',
} as const;
export type Pillar = keyof typeof PILLARS;

export interface IndicatorDef {
  code: string;
  name: string;
  definition: string;
  unit: string;
  direction: 1 | -1;
  source: string;
  period: string;
  pillar: Pillar;
  /**
   * Still strongly skewed once winsorised at its goalposts (the JRC rule: |skewness| > 2
   * and kurtosis > 3.5, measured on the demo city): the built-in method takes log1p.
   */
  skewed: boolean;
  /** How many yearly figures it reads (1, or 2–3 for growth and the three-year sums). */
  years: number;
  /** Set on the absolute (size-dependent) indicators of the first method: kept only so its runs recompute; a new method version cannot weigh them. */
  legacy?: { reason: string; replacedBy: string };
  /** Null when no data source exists yet (the indicator is listed but weighs nothing). */
  compute: ((y: Years, e: EnterpriseInput) => number | PartialValue | null) | null;
}

/** A multi-year value from some of its years: the value over the years on record and the share of the years observed (0 < observed < 1). */
export interface PartialValue {
  value: number;
  observed: number;
}

/** The figures of the data year (y0) and the two years before (y1, y2), when on record. */
export interface Years {
  /** The data year. */
  year: number;
  y0: Figures | undefined;
  y1: Figures | undefined;
  y2: Figures | undefined;
}

export function yearsOf(e: EnterpriseInput, dataYear: number): Years {
  let y0: Figures | undefined;
  let y1: Figures | undefined;
  let y2: Figures | undefined;
  for (const f of e.figures) {
    if (f.year === dataYear) y0 = f;
    else if (f.year === dataYear - 1) y1 = f;
    else if (f.year === dataYear - 2) y2 = f;
  }
  return { year: dataYear, y0, y1, y2 };
}
const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * Mean yearly equity financing per head (万元 per employee and year) over the data year
 * and the two before, counting only the years the enterprise existed (from its founding
 * year). A year without figures is missing, not zero: the mean is over the years on
 * record and the value is `PartialValue` with the share of the years observed. Divided as
 * Σ ÷ (years × staff) so that every figure ×k gives exactly the same value.
 */
export function equityPerStaff({ year, y0, y1, y2 }: Years, e: EnterpriseInput): number | PartialValue | null {
  if (!y0 || y0.staff <= 0) return null;
  // the data year is on record; each year before counts when on record, or missing when the enterprise existed then
  let expected = 1;
  let observed = 1;
  let sum = y0.equityFinancing;
  for (let back = 1; back <= 2; back++) {
    const f = back === 1 ? y1 : y2;
    if (f) {
      expected++;
      observed++;
      sum += f.equityFinancing;
    } else if (e.foundedYear === null || year - back >= e.foundedYear) expected++;
  }
  const value = sum / (observed * y0.staff) / 1_000_000;
  return observed === expected ? value : { value, observed: observed / expected };
}

/** The 高企 growth formula ½(Y2/Y1 + Y3/Y2) − 1 over the years ending at `year`; null without three positive years. */
export function hnteGrowth(y1: number | undefined, y2: number | undefined, y3: number | undefined): number | null {
  if (y1 === undefined || y2 === undefined || y3 === undefined || y1 <= 0 || y2 <= 0) return null;
  return (y2 / y1 + y3 / y2) / 2 - 1;
}

/** Points for titles held, capped: the auxiliary pillar, so titles are not counted twice with the figures they reflect. */
export const QUALIFICATION_POINTS: Record<string, number> = {
  hnte: 3,
  little_giant: 3,
  single_champion: 3,
  unicorn: 3,
  srdi: 2,
  gazelle: 2,
  ip_advantage: 2,
  tsme: 1,
  isme: 1,
};

export const INDICATORS: readonly IndicatorDef[] = [
  {
    code: 'rd_intensity', name: '研发投入强度', definition: '研发费用 ÷ 营业收入', unit: '比例', direction: 1, source: '企业年度数据', period: '评价年度', pillar: 'rd', skewed: false, years: 1,
    compute: ({ y0: f }) => (f ? ratio(f.rdExpense, f.revenue) : null),
  },
  {
    code: 'rd_growth', name: '研发费用增长率', definition: '评价年度研发费用 ÷ 上年研发费用 − 1', unit: '比例', direction: 1, source: '企业年度数据', period: '评价年度与上年', pillar: 'rd', skewed: false, years: 2,
    compute: ({ y0: f, y1: p }) => (f && p && p.rdExpense > 0 ? f.rdExpense / p.rdExpense - 1 : null),
  },
  {
    code: 'st_staff_share', name: '科技人员占比', definition: '科技（研发）人员 ÷ 职工总数', unit: '比例', direction: 1, source: '企业年度数据', period: '评价年度', pillar: 'talent', skewed: false, years: 1,
    compute: ({ y0: f }) => (f ? ratio(f.rdStaff, f.staff) : null),
  },
  {
    code: 'invention_per_100', name: '每百名职工发明专利', definition: '有效发明专利 ÷ 职工总数 × 100', unit: '件/百人', direction: 1, source: '企业年度数据', period: '评价年度末', pillar: 'ip', skewed: true, years: 1,
    compute: ({ y0: f }) => (f && f.staff > 0 ? (f.patentsInvention / f.staff) * 100 : null),
  },
  {
    code: 'high_value_share', name: '高价值发明专利占比', definition: '高价值发明专利 ÷ 有效发明专利（无发明专利时缺失）', unit: '比例', direction: 1, source: '企业年度数据', period: '评价年度末', pillar: 'ip', skewed: false, years: 1,
    compute: ({ y0: f }) => (f ? ratio(f.patentsHighValue, f.patentsInvention) : null),
  },
  {
    code: 'software_copyrights', name: '软件著作权', definition: '登记的软件著作权数', unit: '件', direction: 1, source: '企业年度数据', period: '评价年度末', pillar: 'ip', skewed: true, years: 1,
    legacy: { reason: '规模相关的绝对量（企业各项数据同乘 k 倍，得分随之变化）；仅用于复算第一版方法的计算结果', replacedBy: 'software_per_100' },
    compute: ({ y0 }) => y0?.softwareCopyrights ?? null,
  },
  {
    code: 'software_per_100', name: '每百名职工软件著作权', definition: '登记的软件著作权 ÷ 职工总数 × 100', unit: '件/百人', direction: 1, source: '企业年度数据', period: '评价年度末', pillar: 'ip', skewed: true, years: 1,
    compute: ({ y0: f }) => (f && f.staff > 0 ? (f.softwareCopyrights / f.staff) * 100 : null),
  },
  {
    code: 'hightech_share', name: '高新技术产品收入占比', definition: '高新技术产品（服务）收入 ÷ 营业收入', unit: '比例', direction: 1, source: '企业年度数据', period: '评价年度', pillar: 'ip', skewed: false, years: 1,
    compute: ({ y0: f }) => (f ? ratio(f.hightechRevenue, f.revenue) : null),
  },
  {
    code: 'tech_contract_income', name: '技术合同成交额', definition: '技术合同成交收入（万元）', unit: '万元', direction: 1, source: '企业年度数据（后续由技术合同登记提供）', period: '评价年度', pillar: 'conversion', skewed: true, years: 1,
    legacy: { reason: '规模相关的绝对量（企业各项数据同乘 k 倍，得分随之变化）；仅用于复算第一版方法的计算结果', replacedBy: 'tech_contract_per_staff' },
    compute: ({ y0: f }) => (f ? f.techContractIncome / 1_000_000 : null),
  },
  {
    code: 'tech_contract_per_staff', name: '人均技术合同成交额', definition: '技术合同成交收入 ÷ 职工总数（万元/人）', unit: '万元/人', direction: 1, source: '企业年度数据（后续由技术合同登记提供）', period: '评价年度', pillar: 'conversion', skewed: true, years: 1,
    compute: ({ y0: f }) => (f && f.staff > 0 ? f.techContractIncome / f.staff / 1_000_000 : null),
  },
  {
    code: 'rd_institutions', name: '研发机构与合作平台', definition: '经认定的研发机构、共建平台与产学研合作项目数', unit: '个', direction: 1, source: '载体与共享设施、成果转化模块（尚未提供）', period: '评价年度末', pillar: 'platform', skewed: true, years: 1,
    compute: null,
  },
  {
    code: 'revenue_growth', name: '营业收入成长性', definition: '高企口径：½(Y2/Y1 + Y3/Y2) − 1，Y1–Y3 为评价年度及前两年营业收入', unit: '比例', direction: 1, source: '企业年度数据', period: '近三年', pillar: 'growth', skewed: false, years: 3,
    compute: ({ y0, y1, y2 }) => hnteGrowth(y2?.revenue, y1?.revenue, y0?.revenue),
  },
  {
    code: 'net_assets_growth', name: '净资产成长性', definition: '高企口径：½(Y2/Y1 + Y3/Y2) − 1，Y1–Y3 为评价年度及前两年净资产', unit: '比例', direction: 1, source: '企业年度数据', period: '近三年', pillar: 'growth', skewed: false, years: 3,
    compute: ({ y0, y1, y2 }) => hnteGrowth(y2?.netAssets, y1?.netAssets, y0?.netAssets),
  },
  {
    code: 'equity_financing', name: '股权融资', definition: '近三年股权融资额合计（万元）', unit: '万元', direction: 1, source: '企业年度数据', period: '近三年', pillar: 'capital', skewed: true, years: 3,
    legacy: { reason: '规模相关的绝对量（企业各项数据同乘 k 倍，得分随之变化），缺失年度按 0 计；仅用于复算第一版方法的计算结果', replacedBy: 'equity_per_staff' },
    compute: ({ y0, y1, y2 }) => (y0 || y1 || y2 ? ((y0?.equityFinancing ?? 0) + (y1?.equityFinancing ?? 0) + (y2?.equityFinancing ?? 0)) / 1_000_000 : null),
  },
  {
    code: 'equity_per_staff', name: '人均股权融资额', definition: '近三年（成立不足三年的按成立后各年）年均股权融资额 ÷ 评价年度职工总数（万元/人·年）；缺失年度不计为 0，按已有年度计算并标明覆盖比例', unit: '万元/人', direction: 1, source: '企业年度数据', period: '近三年', pillar: 'capital', skewed: true, years: 3,
    compute: equityPerStaff,
  },
  {
    code: 'qualification_points', name: '资质称号', definition: '有效称号积分（高企、小巨人、单项冠军、独角兽 3；专精特新、瞪羚、知识产权优势 2；科小、创新型中小 1），封顶 6', unit: '分', direction: 1, source: '资质记录', period: '评价日有效', pillar: 'qual', skewed: false, years: 1,
    compute: (_y, e) => Math.min(6, [...new Set(e.qualifications)].reduce((s, q) => s + (QUALIFICATION_POINTS[q] ?? 0), 0)),
  },
];

export function indicatorDef(code: string): IndicatorDef | undefined {
  return INDICATORS.find((i) => i.code === code);
}

/** Enterprise stage by age in the edition year: 初创 / 成长 / 成熟. */
export type Stage = 'startup' | 'growth' | 'mature';
export const STAGE_LABEL: Record<Stage, string> = { startup: '初创', growth: '成长', mature: '成熟' };
