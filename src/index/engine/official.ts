/**
 * The official conditions the index screens against, exactly as published, in
 * integer arithmetic (money in 分; "不低于 / 以上 / 以下 / （含）" include the number).
 *
 * - 高新技术企业: 《高新技术企业认定管理办法》(国科发火〔2016〕32号) 第十一条 and its
 *   工作指引: R&D / revenue over the last three years ≥ 5% / 4% / 3% by the latest
 *   year's revenue (≤5000万 / 5000万–2亿（含）/ >2亿); 境内 R&D ≥ 60% of all R&D over the
 *   same years; S&T staff ≥ 10% of staff in the year; high-tech product (service)
 *   revenue ≥ 60% of revenue in the latest year; owns intellectual property that
 *   supports its main products; registered for a year or more.
 * - 科技型中小企业: 《科技型中小企业评价办法》(国科发政〔2017〕115号): ≤ 500 staff,
 *   revenue ≤ 2亿, total assets ≤ 2亿; score ≥ 60 of S&T staff 20 + R&D 50 + IP 30,
 *   with a non-zero S&T-staff score.
 * Pure.
 */

const WAN = 1_000_000; // 分 in 1 万元

export interface Figures {
  year: number;
  revenue: number;
  rdExpense: number;
  rdExpenseDomestic: number;
  staff: number;
  rdStaff: number;
  hightechRevenue: number;
  netAssets: number;
  patentsInvention: number;
  patentsUtility: number;
  patentsDesign: number;
  softwareCopyrights: number;
  patentsHighValue: number;
  techContractIncome: number;
  equityFinancing: number;
}

export interface OfficialCondition {
  code: string;
  label: string;
  /** The requirement in words, e.g. "≥ 4%（最近一年销售收入 5000万–2亿元）". */
  required: string;
  /** The enterprise's value in words. */
  actual: string;
  met: boolean;
  /** What is missing to meet it, in words (empty when met). */
  gap: string;
  /** A number for sorting by distance: 0 when met, otherwise the shortfall as a share of the requirement. */
  distance: number;
}

const pct = (num: number, den: number) => (den > 0 ? `${((num / den) * 100).toFixed(2)}%` : '—');
/** Money in 万元 to two decimals (an amount shown, rounded half up). */
const wan = (fen: number) => `${(Math.round(fen / 10_000) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 万元`;
/** A shortfall in 万元 to two decimals, rounded up so that adding it is always enough. */
const wanUp = (fen: number) => `${(Math.ceil(fen / 10_000) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 万元`;
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

/** The R&D-intensity band by the latest year's revenue: [numerator, denominator] of the rate, and its words. */
export function hnteIntensityBand(latestRevenue: number): { num: number; den: number; words: string } {
  if (latestRevenue <= 5000 * WAN) return { num: 5, den: 100, words: '≥ 5%（最近一年销售收入 5000 万元及以下）' };
  if (latestRevenue <= 20000 * WAN) return { num: 4, den: 100, words: '≥ 4%（最近一年销售收入 5000 万元至 2 亿元，含 2 亿元）' };
  return { num: 3, den: 100, words: '≥ 3%（最近一年销售收入 2 亿元以上）' };
}

/** Whether n / d ≥ num / den, exactly (d > 0). */
const atLeast = (n: number, d: number, num: number, den: number) => d > 0 && n * den >= d * num;

/**
 * The 高新技术企业 conditions for an enterprise (figures oldest first; the last is the
 * latest year). Uses the last three years on record (fewer if it has fewer).
 */
export function hnteConditions(figures: readonly Figures[], foundedYear: number | null): OfficialCondition[] {
  const latest = figures[figures.length - 1];
  if (!latest) return [];
  const window = figures.slice(-3);
  const rev3 = window.reduce((s, f) => s + f.revenue, 0);
  const rd3 = window.reduce((s, f) => s + f.rdExpense, 0);
  const dom3 = window.reduce((s, f) => s + f.rdExpenseDomestic, 0);
  const years = `近 ${window.length} 年（${window[0]!.year}–${latest.year}）`;
  const out: OfficialCondition[] = [];

  const band = hnteIntensityBand(latest.revenue);
  const rdNeeded = ceilDiv(rev3 * band.num, band.den);
  const rdMet = rev3 > 0 && rd3 >= rdNeeded;
  out.push({
    code: 'rd_intensity',
    label: '研究开发费用占销售收入比例',
    required: band.words,
    actual: `${years} ${pct(rd3, rev3)}`,
    met: rdMet,
    gap: rdMet ? '' : rev3 > 0 ? `研发费用还差 ${wanUp(rdNeeded - rd3)}` : '无销售收入',
    distance: rdMet ? 0 : rev3 > 0 ? (rdNeeded - rd3) / rdNeeded : 1,
  });

  const domNeeded = ceilDiv(rd3 * 6, 10);
  const domMet = rd3 > 0 && dom3 >= domNeeded;
  out.push({
    code: 'rd_domestic',
    label: '境内研究开发费用占全部研究开发费用比例',
    required: '≥ 60%',
    actual: `${years} ${pct(dom3, rd3)}`,
    met: domMet,
    gap: domMet ? '' : rd3 > 0 ? `境内研发费用还差 ${wanUp(domNeeded - dom3)}` : '无研发费用',
    distance: domMet ? 0 : rd3 > 0 ? (domNeeded - dom3) / domNeeded : 1,
  });

  const staffNeeded = ceilDiv(latest.staff * 10, 100);
  const staffMet = atLeast(latest.rdStaff, latest.staff, 10, 100);
  out.push({
    code: 'st_staff',
    label: '科技人员占职工总数比例',
    required: '≥ 10%',
    actual: `${latest.year} 年 ${latest.rdStaff}/${latest.staff} = ${pct(latest.rdStaff, latest.staff)}`,
    met: staffMet,
    gap: staffMet ? '' : latest.staff > 0 ? `科技人员还差 ${staffNeeded - latest.rdStaff} 人` : '无职工',
    distance: staffMet ? 0 : latest.staff > 0 ? (staffNeeded - latest.rdStaff) / staffNeeded : 1,
  });

  const htNeeded = ceilDiv(latest.revenue * 6, 10);
  const htMet = atLeast(latest.hightechRevenue, latest.revenue, 60, 100);
  out.push({
    code: 'hightech_revenue',
    label: '高新技术产品（服务）收入占同期总收入比例',
    required: '≥ 60%',
    actual: `${latest.year} 年 ${pct(latest.hightechRevenue, latest.revenue)}`,
    met: htMet,
    gap: htMet ? '' : latest.revenue > 0 ? `高新技术产品收入还差 ${wanUp(htNeeded - latest.hightechRevenue)}` : '无销售收入',
    distance: htMet ? 0 : latest.revenue > 0 ? (htNeeded - latest.hightechRevenue) / htNeeded : 1,
  });

  const ip = latest.patentsInvention + latest.patentsUtility + latest.patentsDesign + latest.softwareCopyrights;
  out.push({
    code: 'core_ip',
    label: '拥有对主要产品（服务）发挥核心支持作用的知识产权',
    required: '≥ 1 项（发明、实用新型、外观设计、软件著作权等）',
    actual: `${ip} 项`,
    met: ip >= 1,
    gap: ip >= 1 ? '' : '尚无知识产权',
    distance: ip >= 1 ? 0 : 1,
  });

  if (foundedYear !== null) {
    const age = latest.year + 1 - foundedYear;
    out.push({
      code: 'registered',
      label: '注册成立一年以上',
      required: '≥ 1 年',
      actual: `${foundedYear} 年成立`,
      met: age >= 1,
      gap: age >= 1 ? '' : '成立未满一年',
      distance: age >= 1 ? 0 : 1,
    });
  }
  return out;
}

// ------------------------------------------------------------------ 科技型中小企业

export interface TsmeScore {
  /** 科技人员指标 (0–20), 研发投入指标 (0–50), 科技成果指标 (0–30). */
  staff: number;
  rd: number;
  ip: number;
  total: number;
  /** Score ≥ 60 with a non-zero staff score. */
  scorePasses: boolean;
  /** ≤ 500 staff, revenue ≤ 2亿, assets ≤ 2亿. */
  size: OfficialCondition[];
  passes: boolean;
  notes: string[];
}

/** Bands: [lower bound as num/den (inclusive), points], highest first. */
function band(n: number, d: number, bands: [number, number, number][]): number {
  if (d <= 0) return 0;
  for (const [num, den, points] of bands) if (n * den >= d * num) return points;
  return 0;
}

export function tsmeScore(latest: Figures): TsmeScore {
  const staff = band(latest.rdStaff, latest.staff, [
    [30, 100, 20],
    [25, 100, 16],
    [20, 100, 12],
    [15, 100, 8],
    [10, 100, 4],
  ]);
  const rd = band(latest.rdExpense, latest.revenue, [
    [6, 100, 50],
    [5, 100, 40],
    [4, 100, 30],
    [3, 100, 20],
    [2, 100, 10],
  ]);
  const class2 = latest.patentsUtility + latest.patentsDesign + latest.softwareCopyrights;
  const ip = latest.patentsInvention >= 1 ? 30 : class2 >= 4 ? 24 : class2 === 3 ? 18 : class2 === 2 ? 12 : class2 === 1 ? 6 : 0;
  const total = staff + rd + ip;
  const size: OfficialCondition[] = [
    { code: 'staff_max', label: '职工总数', required: '≤ 500 人', actual: `${latest.staff} 人`, met: latest.staff <= 500, gap: latest.staff <= 500 ? '' : `超出 ${latest.staff - 500} 人`, distance: latest.staff <= 500 ? 0 : 1 },
    { code: 'revenue_max', label: '年销售收入', required: '≤ 2 亿元', actual: wan(latest.revenue), met: latest.revenue <= 20000 * WAN, gap: latest.revenue <= 20000 * WAN ? '' : `超出 ${wanUp(latest.revenue - 20000 * WAN)}`, distance: latest.revenue <= 20000 * WAN ? 0 : 1 },
    {
      code: 'assets_max',
      label: '资产总额（平台以净资产近似）',
      required: '≤ 2 亿元',
      actual: wan(latest.netAssets),
      met: latest.netAssets <= 20000 * WAN,
      gap: latest.netAssets <= 20000 * WAN ? '' : `超出 ${wanUp(latest.netAssets - 20000 * WAN)}`,
      distance: latest.netAssets <= 20000 * WAN ? 0 : 1,
    },
  ];
  const scorePasses = total >= 60 && staff > 0;
  return {
    staff,
    rd,
    ip,
    total,
    scorePasses,
    size,
    passes: scorePasses && size.every((c) => c.met),
    notes: [
      '研发投入指标按“研发费用占销售收入比例”评分；办法允许的另一口径（占成本费用支出总额比例）平台未记录成本费用，企业可自行选择较高者。',
      'Ⅰ类知识产权按发明专利计；Ⅱ类按实用新型、外观设计、软件著作权计。',
      '资产总额平台未记录，以净资产近似，正式评价以企业填报为准。',
    ],
  };
}
