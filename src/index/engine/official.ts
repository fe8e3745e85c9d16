/**
 * The official conditions the index screens against, exactly as published, in
 * integer arithmetic (money in 分; "不低于 / 以上 / 以下 / （含）" include the number).
 *
 * - 高新技术企业: 《高新技术企业认定管理办法》(国科发火〔2016〕32号) 第十一条 and its
 *   工作指引: R&D / revenue over the last three years ≥ 5% / 4% / 3% by the latest
 *   year's revenue (≤5000万 / 5000万–2亿（含）/ >2亿); 境内 R&D ≥ 60% of all R&D over the
 *   same years; S&T staff ≥ 10% of staff in the year; high-tech product (service)
 *   revenue ≥ 60% of revenue in the latest year; owns intellectual property that
 *   supports its main products; registered "一年以上" on the application date, which the
 *   工作指引 (国科发火〔2016〕195号) defines as 365 calendar days or more (counted in days,
 *   not calendar years).
 * - 科技型中小企业: 《科技型中小企业评价办法》(国科发政〔2017〕115号) 第六条: ≤ 500 staff,
 *   revenue ≤ 2亿, total assets ≤ 2亿 (二); not on the 经营异常名录 or 严重违法失信 list (四);
 *   score ≥ 60 of S&T staff 20 + R&D 50 + IP 30, with a non-zero S&T-staff score (五).
 *   第八条: an enterprise meeting 第六条（一）–（四）that holds one of four titles meets the
 *   conditions directly, whatever its score (see TSME_DIRECT_PATHS).
 * Pure: dates come in as 'YYYY-MM-DD' (the caller reads the clock).
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
 * latest year) on an application date ('YYYY-MM-DD'). Uses the last three years on record
 * (fewer if it has fewer). `foundedOn` is the registration date; without it the
 * registration condition is reported unmet, never assumed.
 */
export function hnteConditions(figures: readonly Figures[], foundedOn: string | null, applicationDate: string): OfficialCondition[] {
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

  out.push(registrationCondition(foundedOn, applicationDate));
  return out;
}

// ------------------------------------------------------------------ dates

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date; throws on anything else (30 February included). */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`日期不存在：${date}`);
  return ms / DAY_MS;
}

/** The 'YYYY-MM-DD' date of a day number. */
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * 《高新技术企业认定管理工作指引》: "注册成立一年以上" is 365 calendar days or more from the
 * registration date to the application date ("以上" includes 365). Over a 29 February a
 * full year is 366 days, so 365 days a day short of the anniversary already qualify.
 */
export const HNTE_MIN_DAYS_REGISTERED = 365;

export function registrationCondition(foundedOn: string | null, applicationDate: string): OfficialCondition {
  const label = '注册成立一年以上（365 个日历天数以上）';
  const required = `至申请日 ${applicationDate} 满 ${HNTE_MIN_DAYS_REGISTERED} 天（含）`;
  if (foundedOn === null) return { code: 'registered', label, required, actual: '未记录成立日期', met: false, gap: '请补充企业成立日期', distance: 1 };
  const days = daysBetween(foundedOn, applicationDate);
  const met = days >= HNTE_MIN_DAYS_REGISTERED;
  const short = HNTE_MIN_DAYS_REGISTERED - days;
  return {
    code: 'registered',
    label,
    required,
    actual: days >= 0 ? `${foundedOn} 成立，至申请日 ${days} 天` : `${foundedOn} 成立（晚于申请日）`,
    met,
    gap: met ? '' : `还差 ${short} 天（${dateOf(dayNumber(foundedOn) + HNTE_MIN_DAYS_REGISTERED)} 起满足）`,
    distance: met ? 0 : Math.min(1, short / HNTE_MIN_DAYS_REGISTERED),
  };
}

// ------------------------------------------------------------------ 科技型中小企业

/**
 * 《科技型中小企业评价办法》第八条: an enterprise meeting 第六条（一）–（四）that meets one of
 * these "可直接确认符合科技型中小企业条件" — the score condition (第六条（五）) is then met
 * directly. `qualification` is the platform's qualification code that records the path (valid
 * on the day), or null where the platform has no record of it.
 */
export const TSME_DIRECT_PATHS: readonly { code: string; clause: string; label: string; qualification: string | null }[] = [
  { code: 'hnte_certificate', clause: '第八条（一）', label: '企业拥有有效期内高新技术企业资格证书', qualification: 'hnte' },
  { code: 'national_st_award', clause: '第八条（二）', label: '企业近五年内获得过国家级科技奖励，并在获奖单位中排在前三名', qualification: null },
  { code: 'rd_institution', clause: '第八条（三）', label: '企业拥有经认定的省部级以上研发机构', qualification: null },
  { code: 'standard_setting', clause: '第八条（四）', label: '企业近五年内主导制定过国际标准、国家标准或行业标准', qualification: null },
];

export interface TsmeDirectPath {
  code: string;
  clause: string;
  label: string;
  /** Whether the platform records this path at all. */
  recorded: boolean;
  /** Met on the day; null when not recorded (the enterprise may still meet it). */
  met: boolean | null;
}

export interface TsmeScore {
  /** 科技人员指标 (0–20), 研发投入指标 (0–50), 科技成果指标 (0–30). */
  staff: number;
  rd: number;
  ip: number;
  total: number;
  /** Score ≥ 60 with a non-zero staff score (第六条（五）by the score). */
  scorePasses: boolean;
  /** 第八条 paths, each met, not met, or not recorded. */
  direct: TsmeDirectPath[];
  /** Whether the score condition is met, and how: by the score, directly (第八条), or not (null). */
  scoreCondition: 'score' | 'direct' | null;
  /** ≤ 500 staff, revenue ≤ 2亿, assets ≤ 2亿. */
  size: OfficialCondition[];
  /** 第六条（四）: on the 经营异常名录 or the 严重违法失信 list, in words; null when neither. */
  gate: string | null;
  passes: boolean;
  notes: string[];
}

/** Bands: [lower bound as num/den (inclusive), points], highest first. */
function band(n: number, d: number, bands: [number, number, number][]): number {
  if (d <= 0) return 0;
  for (const [num, den, points] of bands) if (n * den >= d * num) return points;
  return 0;
}

/**
 * The self-check on the latest year's figures, with the titles valid on the day
 * (`qualifications`, codes) and the gate flags standing on it ('dishonest', 'abnormal').
 */
export function tsmeScore(latest: Figures, on: { qualifications: readonly string[]; flags: readonly string[] } = { qualifications: [], flags: [] }): TsmeScore {
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
  const direct: TsmeDirectPath[] = TSME_DIRECT_PATHS.map((p) => ({
    code: p.code,
    clause: p.clause,
    label: p.label,
    recorded: p.qualification !== null,
    met: p.qualification === null ? null : on.qualifications.includes(p.qualification),
  }));
  const directMet = direct.some((p) => p.met === true);
  const scoreCondition = scorePasses ? 'score' : directMet ? 'direct' : null;
  // 第六条（四）: enterprises on the 经营异常名录 or the 严重违法失信 list cannot be 科技型中小企业 (第八条 too: it needs （一）–（四）).
  const flags = [...new Set(on.flags)].sort();
  const gate = flags.length ? `列入${flags.map((f) => (f === 'dishonest' ? '严重违法失信企业名单' : '经营异常名录')).join('、')}，不得评价为科技型中小企业` : null;
  const unrecorded = direct.filter((p) => !p.recorded);
  return {
    staff,
    rd,
    ip,
    total,
    scorePasses,
    direct,
    scoreCondition,
    size,
    gate,
    passes: scoreCondition !== null && size.every((c) => c.met) && gate === null,
    notes: [
      '研发投入指标按“研发费用占销售收入比例”评分；办法允许的另一口径（占成本费用支出总额比例）平台未记录成本费用，企业可自行选择较高者。',
      'Ⅰ类知识产权按发明专利计；Ⅱ类按实用新型、外观设计、软件著作权计。',
      '资产总额平台未记录，以净资产近似，正式评价以企业填报为准。',
      `评价办法第八条：满足第六条（一）至（四）项且符合下列一项的，直接确认符合条件（不看评分）。平台按资质记录核对有效期内的高新技术企业证书；${unrecorded.map((p) => p.clause).join('、')}（${unrecorded.map((p) => p.label.replace(/^企业/, '')).join('；')}）平台未记录，符合的企业以填报为准。`,
    ],
  };
}
