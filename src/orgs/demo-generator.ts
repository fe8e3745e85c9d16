/**
 * A deterministic, synthetic population of a city's innovation actors: enterprises
 * with 3–5 years of figures and the qualifications those figures support, plus
 * universities, research institutes, one government organisation per department,
 * banks and service agencies.
 *
 * Pure: no database, no clock, no Math.random. Everything is drawn from one seeded
 * PRNG (sfc32 seeded through splitmix32), so the same seed and size give the same
 * output, and the first k enterprises of a population of N are the first k of any
 * larger one with the same seed (enterprises are drawn one after another from their
 * own stream; nothing depends on N).
 *
 * Money is integer 分. Distributions are shaped after what is known of Suzhou's
 * enterprise population: heavy-tailed (lognormal) revenue with most enterprises
 * small, R&D intensity mostly 1–8 %, manufacturing-heavy industry mix, 园区 /
 * 高新区 / 昆山 the largest districts. The numbers are invented; none is real.
 */
import type { OrgFields } from './types.js';
import type { YearlyFiguresBody } from '../shared/api.js';
import type { OrgKind, QualificationLevel, SizeBand } from '../shared/enums.js';
import { usccCheckChar } from '../shared/uscc.js';

// ------------------------------------------------------------------ PRNG

function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** sfc32 (Small Fast Counting, PractRand-clean), seeded through splitmix32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number, stream = 0) {
    const lo = Math.floor(seed) >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    const sm = splitmix32(lo ^ Math.imul(hi, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35));
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm() | 1;
    for (let i = 0; i < 16; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = this.next();
    while (u <= Number.EPSILON) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal with the given median and log-scale spread. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

/** Weighted choice over a fixed table, by binary search on the cumulative weights. */
class Weighted<T> {
  private readonly cum: number[] = [];
  private readonly total: number;
  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let s = 0;
    for (const [, w] of items) this.cum.push((s += w));
    this.total = s;
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]![0];
  }
}

// ------------------------------------------------------------------ output types

export type DemoOrg = OrgFields;

export type DemoFigures = YearlyFiguresBody & { year: number };

export interface DemoQualification {
  typeCode: 'hnte' | 'tsme' | 'isme' | 'srdi' | 'little_giant' | 'single_champion' | 'gazelle' | 'unicorn' | 'ip_advantage';
  level: QualificationLevel;
  certificateNo: string;
  validFrom: string;
  validTo: string;
}

export interface DemoEnterprise extends DemoOrg {
  kind: 'enterprise';
  uscc: string;
  /** Oldest year first; the last entry is the latest year (currentYear − 1). */
  figures: DemoFigures[];
  qualifications: DemoQualification[];
}

export interface DemoPopulation {
  currentYear: number;
  enterprises: DemoEnterprise[];
  universities: DemoOrg[];
  institutes: DemoOrg[];
  governments: DemoOrg[];
  financials: DemoOrg[];
  serviceAgencies: DemoOrg[];
}

export interface DemoOptions {
  enterprises: number;
  seed: number;
  /** The year "now" is in; figures run up to currentYear − 1. Default 2026 (the platform went live in 2026). */
  currentYear?: number;
}

// ------------------------------------------------------------------ reference tables

/** Department codes and names, as in the reference migration. */
export const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['fgw', '市发改委'],
  ['kjj', '市科技局'],
  ['gxj', '市工信局'],
  ['jyj', '市教育局'],
  ['rcb', '市委人才办'],
  ['jrb', '市委金融办'],
  ['swj', '市商务局'],
  ['sw_tax', '市税务局'],
  ['gzw', '市国资委'],
  ['scjgj', '市市监局'],
  ['jgfj', '苏州金融监管分局'],
];

/** Share of enterprises per district: 园区, 昆山 and 高新区 carry the most. */
const DISTRICTS = new Weighted<string>([
  ['320571', 19], // 苏州工业园区
  ['320583', 16], // 昆山市
  ['320505', 12], // 虎丘区（苏州高新区）
  ['320506', 10], // 吴中区
  ['320509', 10], // 吴江区
  ['320581', 9], // 常熟市
  ['320582', 8], // 张家港市
  ['320507', 7], // 相城区
  ['320585', 5], // 太仓市
  ['320508', 4], // 姑苏区
]);

const CITY_PREFIX: Record<string, string> = { '320581': '常熟', '320582': '张家港', '320583': '昆山', '320585': '太仓' };

/** GB/T 4754-2017 divisions, weighted toward advanced manufacturing and software. */
const DIVISIONS = new Weighted<string>([
  ['39', 10], ['35', 8], ['34', 7.5], ['38', 7], ['27', 5.5], ['26', 4.5], ['40', 4], ['33', 3.5], ['29', 3], ['36', 3],
  ['32', 2], ['30', 1.5], ['17', 1.5], ['18', 0.8], ['13', 0.6], ['14', 0.6], ['22', 0.8], ['23', 0.5], ['24', 0.6], ['28', 0.6],
  ['31', 0.4], ['37', 0.8], ['41', 0.6], ['42', 0.4], ['43', 0.5], ['21', 0.4], ['15', 0.3], ['25', 0.2], ['19', 0.2], ['20', 0.2],
  ['65', 9], ['64', 4], ['63', 0.6],
  ['73', 4], ['75', 4.5], ['74', 3],
  ['51', 3], ['52', 0.8], ['72', 1.5], ['71', 0.3],
  ['44', 0.4], ['45', 0.2], ['46', 0.2], ['48', 0.5], ['50', 0.3], ['59', 0.5], ['58', 0.4], ['77', 0.8], ['86', 0.2], ['87', 0.3], ['05', 0.2], ['01', 0.2],
]);

/** The GB/T 4754-2017 section letter of a two-digit division code. */
export function sectionOf(division: string): string {
  const n = Number(division);
  if (n <= 5) return 'A';
  if (n <= 12) return 'B';
  if (n <= 43) return 'C';
  if (n <= 46) return 'D';
  if (n <= 50) return 'E';
  if (n <= 52) return 'F';
  if (n <= 60) return 'G';
  if (n <= 62) return 'H';
  if (n <= 65) return 'I';
  if (n <= 69) return 'J';
  if (n === 70) return 'K';
  if (n <= 72) return 'L';
  if (n <= 75) return 'M';
  if (n <= 79) return 'N';
  if (n <= 82) return 'O';
  if (n === 83) return 'P';
  if (n <= 85) return 'Q';
  if (n <= 90) return 'R';
  if (n <= 96) return 'S';
  return 'T';
}

/** Divisions where most enterprises are technology-based. */
const TECH_SHARE: Record<string, number> = {
  '39': 0.75, '40': 0.75, '35': 0.65, '27': 0.8, '26': 0.45, '34': 0.5, '38': 0.6, '36': 0.4, '37': 0.5, '32': 0.3,
  '65': 0.75, '64': 0.6, '63': 0.4, '73': 0.9, '74': 0.55, '75': 0.6, '29': 0.25, '33': 0.2, '30': 0.2, '28': 0.3, '42': 0.2,
};

/** Words for the line of business in a name, by division. */
const NAME_WORDS: Record<string, readonly string[]> = {
  '13': ['食品', '农产品'], '14': ['食品', '生物食品'], '15': ['饮品', '茶业'], '17': ['纺织', '丝绸', '纺织科技'], '18': ['服饰', '服装'],
  '19': ['鞋业', '皮革制品'], '20': ['木业'], '21': ['家具'], '22': ['纸业', '包装材料', '包装科技'], '23': ['印务', '包装印刷'], '24': ['文体用品', '工艺品'],
  '25': ['能源'], '26': ['化学', '新材料', '化工科技', '精细化工', '功能材料'], '27': ['生物医药', '医药科技', '生物科技', '药业', '制药'],
  '28': ['化纤', '纤维科技'], '29': ['塑胶', '橡塑科技', '高分子材料'], '30': ['建材', '特种陶瓷', '玻璃科技'], '31': ['特钢', '钢材'],
  '32': ['有色金属', '合金材料', '铜业'], '33': ['金属制品', '五金', '精密钣金'], '34': ['精密机械', '机械设备', '智能装备', '动力科技', '精工', '传动科技'],
  '35': ['自动化设备', '智能装备', '医疗器械', '半导体设备', '激光科技', '机器人'], '36': ['汽车零部件', '汽车科技', '汽车电子'],
  '37': ['航空科技', '船舶配件', '轨道交通设备'], '38': ['电气', '新能源科技', '电源科技', '储能科技', '电机', '光伏科技'],
  '39': ['电子', '微电子', '半导体', '光电科技', '通信技术', '集成电路', '电子科技'], '40': ['仪器', '传感技术', '测控技术', '光学仪器', '精密仪器'],
  '41': ['科技', '制品'], '42': ['再生资源', '环保科技'], '43': ['设备维修', '机电工程'], '44': ['能源', '电力科技'], '45': ['燃气'], '46': ['水务'],
  '48': ['建设工程', '市政工程'], '50': ['装饰工程'], '51': ['贸易', '供应链管理', '商贸', '国际贸易'], '52': ['商业', '零售'],
  '58': ['物流', '国际货运代理'], '59': ['仓储', '物流科技'], '63': ['通信科技', '网络技术'], '64': ['网络科技', '互联网科技', '数据科技', '云计算科技'],
  '65': ['软件', '信息技术', '智能科技', '数字科技', '人工智能科技', '信息科技'], '71': ['设备租赁'], '72': ['企业管理咨询', '商务咨询'],
  '73': ['生物技术研究院', '新材料研究院', '技术研究院', '研发科技', '生命科学'], '74': ['检测技术', '工程技术', '设计', '认证服务'],
  '75': ['科技服务', '技术转移', '科技发展', '科技孵化器'], '77': ['环境科技', '环保工程'], '86': ['文化传媒'], '87': ['影视文化', '数字传媒'],
  '01': ['农业科技', '生态农业'], '05': ['农业服务'],
};

const BRAND_CHARS = Array.from(
  '华瑞鼎博创恒信新微芯达泰德源智联盛弘晟锐捷迈宏嘉凯领航卓越英明光启睿远浩天宇海昊辰星汇聚耀腾飞云峰晶誉臻优精诚和美康安禾润丰通易维纳格贝尔思特迪奥泽汉唐东方中正元亿兆同合众力富成锦程铭佳益立昌隆旭骏驰赛凌峻彤璟炬铂钛硕哲奕衡朗策',
);

/** Revenue medians (元) and revenue per head (元/人) by section. */
const SECTION_PROFILE: Record<string, { revenue: number; perHead: number }> = {
  C: { revenue: 22_000_000, perHead: 900_000 },
  I: { revenue: 7_000_000, perHead: 550_000 },
  M: { revenue: 5_000_000, perHead: 420_000 },
  F: { revenue: 20_000_000, perHead: 3_000_000 },
  L: { revenue: 6_000_000, perHead: 700_000 },
  D: { revenue: 60_000_000, perHead: 2_500_000 },
  E: { revenue: 30_000_000, perHead: 800_000 },
  G: { revenue: 15_000_000, perHead: 900_000 },
};
const DEFAULT_PROFILE = { revenue: 8_000_000, perHead: 600_000 };

// ------------------------------------------------------------------ size bands

const WAN = 10_000 * 100; // 1 万元 in 分

/**
 * 统计上大中小微型企业划分办法（2017）: the largest band whose thresholds the
 * enterprise meets (all thresholds of a band must be met; 以上 includes the number).
 * Revenue in 分.
 */
export function sizeBandFor(division: string, staff: number, revenueFen: number): SizeBand {
  const section = sectionOf(division);
  const rev = revenueFen / WAN; // 万元
  type T = [staff: number, revenue: number];
  let large: T, medium: T, small: T;
  switch (section) {
    case 'B': case 'C': case 'D': // 工业
      large = [1000, 40000]; medium = [300, 2000]; small = [20, 300]; break;
    case 'E': // 建筑业 (revenue only)
      large = [0, 80000]; medium = [0, 6000]; small = [0, 300]; break;
    case 'F':
      if (division === '51') { large = [200, 40000]; medium = [20, 5000]; small = [5, 1000]; }
      else { large = [300, 20000]; medium = [50, 500]; small = [10, 100]; }
      break;
    case 'I':
      if (division === '65') { large = [300, 10000]; medium = [100, 1000]; small = [10, 50]; }
      else { large = [2000, 100000]; medium = [100, 1000]; small = [10, 100]; }
      break;
    case 'G': large = [1000, 30000]; medium = [300, 3000]; small = [20, 200]; break;
    case 'L': large = [300, 0]; medium = [100, 0]; small = [10, 0]; break; // by staff (资产总额 not modelled)
    default: large = [300, 0]; medium = [100, 0]; small = [10, 0]; // 其他未列明行业: staff only
  }
  const meets = (t: T) => staff >= t[0] && rev >= t[1];
  if (meets(large)) return 'large';
  if (meets(medium)) return 'medium';
  if (meets(small)) return 'small';
  return 'micro';
}

// ------------------------------------------------------------------ codes and dates

const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The 9-character organisation code (GB 11714: 8 body characters and a check character). */
function orgCode(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += v * GB11714_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** A valid 统一社会信用代码 from the registration prefix ('91', '12', '11', '52'), the division code and an org-code body. */
export function makeUscc(prefix: string, division: string, body8: string): string {
  const first17 = prefix + division + orgCode(body8);
  return first17 + usccCheckChar(first17);
}

function randomBody(rng: Rng, newStyle: boolean): string {
  let s = newStyle ? 'MA' : '';
  const n = 8 - s.length;
  for (let i = 0; i < n; i++) s += newStyle ? ORG_CODE_CHARS[rng.int(0, ORG_CODE_CHARS.length - 1)]! : String(rng.int(0, 9));
  return s;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
function daysIn(year: number, month: number): number {
  return month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : DAYS_IN_MONTH[month - 1]!;
}
const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
function iso(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}
/** The day before the same date `years` later: the last day of a validity of `years` years. */
function endOfValidity(from: string, years: number): string {
  const y = Number(from.slice(0, 4)) + years;
  const m = Number(from.slice(5, 7));
  let d = Math.min(Number(from.slice(8, 10)), daysIn(y, m));
  // the day before
  if (d > 1) return iso(y, m, d - 1);
  const pm = m === 1 ? 12 : m - 1;
  const py = m === 1 ? y - 1 : y;
  d = daysIn(py, pm);
  return iso(py, pm, d);
}
function randomDate(rng: Rng, year: number, monthFrom = 1, monthTo = 12): string {
  const m = rng.int(monthFrom, monthTo);
  return iso(year, m, rng.int(1, daysIn(year, m)));
}

const YUAN = 100; // 分 per 元
/** Amounts stay within the API's Fen bound (shared/api.ts: 9×10^12 分 = 900 亿元). */
const MAX_REVENUE_FEN = 6_000_000_000_000; // 600 亿元
const MAX_AMOUNT_FEN = 8_000_000_000_000;
const clampMoney = (n: number) => Math.max(-MAX_AMOUNT_FEN, Math.min(MAX_AMOUNT_FEN, n));
const MAX_INT4 = 2_147_483_647;
const clampInt = (n: number) => Math.max(0, Math.min(MAX_INT4, Math.round(n)));
const fen = (yuan: number) => Math.round(yuan * YUAN);

// ------------------------------------------------------------------ other organisations

interface FixedOrg {
  name: string;
  district: string | null;
  industry: string;
  prefix: string;
  founded: string;
}

const UNIVERSITIES: readonly FixedOrg[] = [
  { name: '苏州大学', district: '320508', industry: '83', prefix: '12', founded: '1900-03-08' },
  { name: '西交利物浦大学', district: '320571', industry: '83', prefix: '52', founded: '2006-05-18' },
  { name: '苏州科技大学', district: '320505', industry: '83', prefix: '12', founded: '2001-07-01' },
  { name: '常熟理工学院', district: '320581', industry: '83', prefix: '12', founded: '1958-09-01' },
  { name: '苏州城市学院', district: '320508', industry: '83', prefix: '12', founded: '1998-06-01' },
  { name: '昆山杜克大学', district: '320583', industry: '83', prefix: '52', founded: '2013-09-01' },
  { name: '南京大学苏州校区', district: '320505', industry: '83', prefix: '12', founded: '2022-09-01' },
  { name: '东南大学苏州校区', district: '320571', industry: '83', prefix: '12', founded: '2021-09-01' },
  { name: '西北工业大学太仓校区', district: '320585', industry: '83', prefix: '12', founded: '2021-09-01' },
  { name: '苏州市职业大学', district: '320506', industry: '83', prefix: '12', founded: '1982-08-01' },
];

const INSTITUTES: readonly FixedOrg[] = [
  { name: '中国科学院苏州纳米技术与纳米仿生研究所', district: '320571', industry: '73', prefix: '12', founded: '2006-01-01' },
  { name: '中国科学院苏州生物医学工程技术研究所', district: '320505', industry: '73', prefix: '12', founded: '2008-06-01' },
  { name: '苏州实验室', district: '320571', industry: '73', prefix: '12', founded: '2022-01-01' },
  { name: '清华大学苏州汽车研究院', district: '320507', industry: '73', prefix: '12', founded: '2011-11-01' },
  { name: '中国科学技术大学苏州高等研究院', district: '320571', industry: '73', prefix: '12', founded: '2008-06-01' },
  { name: '哈尔滨工业大学苏州研究院', district: '320571', industry: '73', prefix: '12', founded: '2009-04-01' },
  { name: '昆山工业技术研究院', district: '320583', industry: '73', prefix: '12', founded: '2009-06-01' },
  { name: '苏州市农业科学院', district: '320506', industry: '73', prefix: '12', founded: '1956-01-01' },
];

const FINANCIALS: readonly FixedOrg[] = [
  { name: '苏州银行股份有限公司', district: '320571', industry: '66', prefix: '91', founded: '2004-12-24' },
  { name: '中国工商银行股份有限公司苏州分行', district: '320508', industry: '66', prefix: '91', founded: '1985-01-01' },
  { name: '中国银行股份有限公司苏州分行', district: '320571', industry: '66', prefix: '91', founded: '1985-01-01' },
  { name: '中国建设银行股份有限公司苏州分行', district: '320571', industry: '66', prefix: '91', founded: '1985-01-01' },
  { name: '江苏银行股份有限公司苏州分行', district: '320571', industry: '66', prefix: '91', founded: '2007-01-24' },
  { name: '招商银行股份有限公司苏州分行', district: '320571', industry: '66', prefix: '91', founded: '1998-06-01' },
  { name: '江苏苏州农村商业银行股份有限公司', district: '320509', industry: '66', prefix: '91', founded: '2004-08-25' },
  { name: '东吴证券股份有限公司', district: '320571', industry: '67', prefix: '91', founded: '1993-04-10' },
  { name: '苏州创新投资集团有限公司', district: '320571', industry: '69', prefix: '91', founded: '2006-08-01' },
];

const SERVICE_AGENCIES: readonly FixedOrg[] = [
  { name: '苏州科技商学院', district: '320571', industry: '75', prefix: '52', founded: '2023-04-01' },
  { name: '先进技术成果长三角转化中心', district: '320505', industry: '75', prefix: '12', founded: '2021-05-01' },
  { name: '苏州市生产力促进中心', district: '320508', industry: '75', prefix: '12', founded: '1995-01-01' },
  { name: '苏州国家大学科技园', district: '320508', industry: '75', prefix: '91', founded: '2002-06-01' },
  { name: '中国（苏州）知识产权保护中心', district: '320505', industry: '74', prefix: '12', founded: '2018-08-01' },
  { name: '苏州工业园区科技创新服务中心', district: '320571', industry: '75', prefix: '12', founded: '2009-01-01' },
  { name: '苏州市技术产权交易所', district: '320508', industry: '72', prefix: '91', founded: '2000-10-01' },
];

// ------------------------------------------------------------------ the generator

interface Registry {
  names: Set<string>;
  usccs: Set<string>;
}

function uniqueUscc(rng: Rng, reg: Registry, prefix: string, division: string, newStyle: boolean): string {
  for (;;) {
    const code = makeUscc(prefix, division, randomBody(rng, newStyle));
    if (!reg.usccs.has(code)) {
      reg.usccs.add(code);
      return code;
    }
  }
}

function fixedOrgs(rng: Rng, reg: Registry, kind: OrgKind, list: readonly FixedOrg[]): DemoOrg[] {
  return list.map((o) => {
    reg.names.add(o.name);
    return {
      kind,
      name: o.name,
      uscc: uniqueUscc(rng, reg, o.prefix, o.district ?? '320500', Number(o.founded.slice(0, 4)) >= 2016),
      districtCode: o.district,
      industryCode: o.industry,
      sizeBand: null,
      foundedOn: o.founded,
      departmentCode: null,
    };
  });
}

function otherOrgs(seed: number, reg: Registry) {
  const rng = new Rng(seed, 1);
  const governments: DemoOrg[] = DEPARTMENTS.map(([code, name]) => {
    reg.names.add(name);
    return {
      kind: 'government',
      name,
      uscc: uniqueUscc(rng, reg, '11', '320500', false),
      districtCode: '320508',
      industryCode: '92',
      sizeBand: null,
      foundedOn: null,
      departmentCode: code,
    };
  });
  return {
    universities: fixedOrgs(rng, reg, 'university', UNIVERSITIES),
    institutes: fixedOrgs(rng, reg, 'institute', INSTITUTES),
    governments,
    financials: fixedOrgs(rng, reg, 'financial', FINANCIALS),
    serviceAgencies: fixedOrgs(rng, reg, 'service_agency', SERVICE_AGENCIES),
  };
}

function enterpriseName(rng: Rng, reg: Registry, district: string, division: string, size: SizeBand): string {
  const words = NAME_WORDS[division] ?? (sectionOf(division) === 'C' ? ['精密制造', '科技', '新材料', '工业技术', '智能制造'] : ['科技', '实业', '发展']);
  const city = CITY_PREFIX[district];
  for (let attempt = 0; ; attempt++) {
    const r = rng.next();
    const prefix = city ? (r < 0.6 ? city : r < 0.8 ? '苏州' : '江苏') : r < 0.72 ? '苏州' : r < 0.9 ? '江苏' : district === '320571' ? '苏州工业园区' : '苏州市';
    let brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
    if (attempt >= 4 || rng.chance(0.08)) brand += rng.pick(BRAND_CHARS);
    if (attempt >= 12) brand += rng.pick(BRAND_CHARS);
    const suffix = size === 'large' && rng.chance(0.6) ? '股份有限公司' : size === 'medium' && rng.chance(0.2) ? '股份有限公司' : '有限公司';
    const name = prefix + brand + rng.pick(words) + suffix;
    if (!reg.names.has(name)) {
      reg.names.add(name);
      return name;
    }
  }
}

interface YearState {
  revenue: number;
  staff: number;
}

function makeEnterprise(rng: Rng, reg: Registry, currentYear: number): DemoEnterprise {
  const district = DISTRICTS.pick(rng);
  const division = DIVISIONS.pick(rng);
  const section = sectionOf(division);
  const profile = SECTION_PROFILE[section] ?? DEFAULT_PROFILE;
  const tech = rng.chance(TECH_SHARE[division] ?? 0.1);
  const foreign = rng.chance(section === 'C' ? 0.14 : 0.06);

  const nYears = rng.int(3, 5);
  const latest = currentYear - 1;
  const firstYear = latest - nYears + 1;
  const foundedYear = Math.max(1980, firstYear - Math.floor(rng.exponential(tech ? 6 : 9)));
  const foundedOn = randomDate(rng, foundedYear);
  const age = latest - foundedYear; // full years at the latest figures

  // Revenue in the latest year (元): lognormal, young and research firms smaller.
  const preRevenue = (section === 'M' || division === '27') && age <= 6 ? rng.chance(0.18) : rng.chance(0.012);
  let revenueMedian = profile.revenue * (tech ? 1.1 : 1);
  if (age < 3) revenueMedian *= 0.25;
  else if (age < 6) revenueMedian *= 0.6;
  else if (age > 15) revenueMedian *= 1.8;
  const revLatest = preRevenue ? 0 : Math.min(MAX_REVENUE_FEN / YUAN, rng.lognormal(revenueMedian, 1.75));

  // Growth: an enterprise trend plus yearly noise; walked backwards from the latest year.
  const trend = rng.normal() * 0.15 + (age < 6 ? 0.18 : 0.05);
  const revs: number[] = new Array<number>(nYears);
  revs[nYears - 1] = revLatest;
  for (let i = nYears - 2; i >= 0; i--) {
    const g = Math.max(-0.45, Math.min(1.8, trend + rng.normal() * 0.1));
    revs[i] = revs[i + 1]! / (1 + g);
  }

  // Staff follow revenue (per-head productivity by sector), damped year to year.
  const perHead = rng.lognormal(profile.perHead, 0.45);
  const staffLatest = revLatest > 0 ? Math.max(1, Math.min(150_000, Math.round(revLatest / perHead))) : rng.int(3, 45);
  const states: YearState[] = revs.map((rev, i) => {
    const ratio = revLatest > 0 ? rev / revLatest : 1;
    const staff = i === nYears - 1 ? staffLatest : Math.max(1, Math.round(staffLatest * Math.pow(ratio, 0.65) * (1 + rng.normal() * 0.03)));
    return { revenue: Math.min(MAX_REVENUE_FEN, fen(rev)), staff };
  });

  // R&D: intensity mostly 1–8 %, higher in research and software.
  const intensityMedian =
    division === '73' ? 0.2 : section === 'I' ? (division === '63' ? 0.03 : 0.07) : section === 'M' ? 0.06 : section === 'C' ? (tech ? 0.045 : 0.022) : 0.01;
  const intensity = Math.min(0.6, rng.lognormal(intensityMedian, 0.42));
  const noRd = !tech && rng.chance(0.12);
  const domesticShare = foreign ? rng.uniform(0.3, 0.9) : rng.chance(0.55) ? 1 : rng.uniform(0.88, 1);
  const stRatio = Math.min(0.85, (0.035 + intensity * 2) * rng.lognormal(1, 0.28));
  const hightechShare = tech ? rng.uniform(0.45, 0.98) : rng.chance(0.3) ? rng.uniform(0, 0.45) : 0;
  const netAssetRatio = rng.chance(0.06) ? -rng.uniform(0.02, 0.35) : rng.lognormal(0.5, 0.6);
  const preRevenueBurn = fen(rng.lognormal(4_000_000, 0.9));
  const patentCost = tech ? rng.lognormal(700_000, 0.5) : rng.lognormal(2_000_000, 0.5); // 元 of R&D per new invention patent
  const utilityFactor = section === 'C' ? rng.uniform(1, 4) : rng.uniform(0, 0.6);
  const designFactor = ['21', '24', '38', '39', '18', '36'].includes(division) ? rng.uniform(0.2, 1) : rng.uniform(0, 0.15);
  const softwarePerYuan = section === 'I' ? 1 / rng.lognormal(120_000, 0.5) : 1 / rng.lognormal(1_500_000, 0.7);
  const highValueShare = rng.uniform(0.15, 0.7);
  const contractShare =
    division === '73' || division === '75' || division === '74' ? (rng.chance(0.6) ? rng.uniform(0.05, 0.6) : 0) : tech && rng.chance(0.15) ? rng.uniform(0.003, 0.06) : 0;
  const financingChance = tech ? (age < 8 ? 0.16 : 0.04) : 0.01;

  // Patent stocks at the start, then growing with R&D.
  let inv = 0;
  let util = 0;
  let design = 0;
  let soft = 0;
  const figures: DemoFigures[] = [];
  for (let i = 0; i < nYears; i++) {
    const s = states[i]!;
    const year = firstYear + i;
    const rdYuanIntensity = noRd ? rng.uniform(0, 0.004) : intensity * rng.lognormal(1, 0.12);
    const rdExpense = s.revenue > 0 ? Math.min(s.revenue, Math.round(s.revenue * Math.min(0.9, rdYuanIntensity))) : noRd ? 0 : Math.round(preRevenueBurn * rng.lognormal(1, 0.2));
    const rdYuan = rdExpense / YUAN;
    const newInv = Math.pow(rdYuan / patentCost, 0.85); // sublinear: large R&D budgets yield fewer patents per 元
    if (i === 0) {
      const history = Math.min(age - nYears + 1, 8) * rng.uniform(0.3, 1);
      inv = clampInt(newInv * Math.max(0, history));
      util = clampInt(inv * utilityFactor * rng.uniform(0.8, 1.2) + (section === 'C' ? rng.int(0, 3) : 0));
      design = clampInt(inv * designFactor);
      soft = clampInt(rdYuan * softwarePerYuan * Math.max(0, history));
    }
    inv = clampInt(inv + newInv * rng.lognormal(1, 0.5));
    util = clampInt(util + newInv * utilityFactor * rng.lognormal(1, 0.5));
    design = clampInt(design + newInv * designFactor * rng.lognormal(1, 0.6));
    soft = clampInt(soft + rdYuan * softwarePerYuan * rng.lognormal(1, 0.5));
    const staff = s.staff;
    const rdStaff = Math.min(staff, Math.floor(staff * (noRd ? rng.uniform(0, 0.04) : stRatio * rng.lognormal(1, 0.06))));
    const hightechRevenue = Math.min(s.revenue, Math.floor(s.revenue * Math.min(1, hightechShare * rng.lognormal(1, 0.04))));
    const netBase = s.revenue > 0 ? s.revenue : preRevenueBurn * 3;
    figures.push({
      year,
      revenue: s.revenue,
      rdExpense,
      rdExpenseDomestic: Math.min(rdExpense, Math.floor(rdExpense * domesticShare)),
      staff,
      rdStaff,
      hightechRevenue,
      netAssets: clampMoney(Math.round(netBase * netAssetRatio * rng.lognormal(1, 0.05))),
      patentsInvention: inv,
      patentsUtility: util,
      patentsDesign: design,
      softwareCopyrights: soft,
      patentsHighValue: Math.min(inv, Math.floor(inv * highValueShare)),
      techContractIncome: clampMoney(Math.round(s.revenue * contractShare * rng.lognormal(1, 0.2))),
      equityFinancing: rng.chance(financingChance) ? fen(Math.min(5e9, Math.max(1e6, rng.lognormal(30_000_000, 1.1)))) : 0,
    });
  }

  const last = figures[nYears - 1]!;
  const sizeBand = sizeBandFor(division, last.staff, last.revenue);
  const name = enterpriseName(rng, reg, district, division, sizeBand);
  const uscc = uniqueUscc(rng, reg, '91', district, foundedYear >= 2016);
  const qualifications = qualify(rng, { currentYear, division, section, tech, foundedYear, sizeBand, figures });

  return { kind: 'enterprise', name, uscc, districtCode: district, industryCode: division, sizeBand, foundedOn, departmentCode: null, figures, qualifications };
}

// ------------------------------------------------------------------ qualifications

/** The 高新技术企业 R&D-intensity threshold for a revenue (分): 5 % / 4 % / 3 % for ≤5000万 / 5000万–2亿 / >2亿. */
export function hnteIntensityThreshold(revenueFen: number): number {
  if (revenueFen <= 5000 * WAN) return 0.05;
  if (revenueFen <= 20000 * WAN) return 0.04;
  return 0.03;
}

/** Whether the latest figures meet the quantitative 高新技术企业 thresholds. */
export function meetsHnte(f: DemoFigures): boolean {
  if (f.revenue <= 0 || f.staff <= 0) return false;
  return (
    f.rdExpense / f.revenue >= hnteIntensityThreshold(f.revenue) &&
    f.rdStaff / f.staff >= 0.1 &&
    f.hightechRevenue / f.revenue >= 0.6 &&
    (f.rdExpense === 0 || f.rdExpenseDomestic / f.rdExpense >= 0.6) &&
    f.patentsInvention + f.patentsUtility + f.softwareCopyrights >= 1
  );
}

/** 科技型中小企业: ≤500 staff, revenue ≤2亿 and (net) assets ≤2亿. */
export function meetsTsmeSize(f: DemoFigures): boolean {
  return f.staff <= 500 && f.revenue <= 20000 * WAN && f.netAssets <= 20000 * WAN;
}

interface QualifyInput {
  currentYear: number;
  division: string;
  section: string;
  tech: boolean;
  foundedYear: number;
  sizeBand: SizeBand;
  figures: DemoFigures[];
}

function certNo(rng: Rng, prefix: string, digits: number): string {
  let s = prefix;
  for (let i = 0; i < digits; i++) s += String(rng.int(0, 9));
  return s;
}

function qualify(rng: Rng, q: QualifyInput): DemoQualification[] {
  const out: DemoQualification[] = [];
  const f = q.figures[q.figures.length - 1]!;
  const first = q.figures[0]!;
  const latest = q.currentYear - 1;
  const intensity = f.revenue > 0 ? f.rdExpense / f.revenue : 0;
  const held = new Set<string>();
  const add = (typeCode: DemoQualification['typeCode'], level: QualificationLevel, certificateNo: string, validFrom: string, years: number) => {
    held.add(typeCode);
    out.push({ typeCode, level, certificateNo, validFrom, validTo: endOfValidity(validFrom, years) });
  };
  // Certificates can be issued from the year after founding.
  const issueYear = (back: number) => Math.max(q.foundedYear + 1, latest - back);

  // 高新技术企业: three years; mostly only those meeting the thresholds (a few hold an older certificate).
  if (rng.chance(meetsHnte(f) ? 0.8 : 0.005)) {
    const y = Math.min(latest, issueYear(rng.int(0, 2)));
    add('hnte', 'national', certNo(rng, `GR${y}32`, 6), randomDate(rng, y, 10, 12), 3);
    // Some renewed: the previous, expired certificate is on record too.
    if (y - 3 >= q.foundedYear + 1 && rng.chance(0.5)) add('hnte', 'national', certNo(rng, `GR${y - 3}32`, 6), randomDate(rng, y - 3, 10, 12), 3);
  }
  // 科技型中小企业: evaluated each year on last year's figures; valid to the end of the year.
  if (meetsTsmeSize(f) && (intensity >= 0.02 || f.patentsInvention > 0 || held.has('hnte')) && rng.chance(0.65)) {
    add('tsme', 'provincial', certNo(rng, `${q.currentYear}3205`, 8), randomDate(rng, q.currentYear, 3, 6), 1);
    out[out.length - 1]!.validTo = `${q.currentYear}-12-31`;
  }
  const sme = q.sizeBand !== 'large';
  // 创新型中小企业 → 专精特新中小企业 → 专精特新“小巨人”: a ladder, each step rarer.
  if (sme && intensity >= 0.03 && f.patentsInvention + f.patentsUtility + f.softwareCopyrights >= 1 && rng.chance(0.35)) {
    const y = issueYear(rng.int(0, 2));
    if (y <= latest) add('isme', 'provincial', certNo(rng, `CX${y}32`, 6), randomDate(rng, y, 4, 9), 3);
  }
  if (held.has('isme') && q.currentYear - q.foundedYear >= 3 && f.revenue >= 1000 * WAN && rng.chance(0.4)) {
    const y = issueYear(rng.int(0, 1));
    if (y <= latest) add('srdi', 'provincial', certNo(rng, `ZJ${y}32`, 6), randomDate(rng, y, 6, 12), 3);
  }
  if (held.has('srdi') && q.section === 'C' && f.revenue >= 10000 * WAN && f.patentsInvention >= 5 && rng.chance(0.25)) {
    const y = issueYear(rng.int(0, 2));
    if (y <= latest) add('little_giant', 'national', certNo(rng, `XJR${y}`, 6), randomDate(rng, y, 7, 9), 3);
  }
  // 制造业单项冠军: large, long-established manufacturers only.
  if (q.section === 'C' && q.sizeBand === 'large' && f.revenue >= 40000 * WAN && latest - q.foundedYear >= 10 && rng.chance(0.06)) {
    const y = issueYear(rng.int(0, 2));
    add('single_champion', 'national', certNo(rng, `DXGJ${y}`, 4), randomDate(rng, y, 11, 12), 3);
  }
  // 瞪羚企业: fast growth over the years on record.
  const span = q.figures.length - 1;
  const cagr = first.revenue > 0 && span > 0 ? Math.pow(f.revenue / first.revenue, 1 / span) - 1 : 0;
  if (cagr >= 0.2 && f.revenue >= 500 * WAN && latest - q.foundedYear <= 15 && rng.chance(0.3)) {
    add('gazelle', 'municipal', certNo(rng, `DL${q.currentYear}`, 5), randomDate(rng, q.currentYear, 5, 7), 1);
  }
  // 独角兽: young, tech, heavily financed. Very rare.
  const financing = q.figures.reduce((s, x) => s + x.equityFinancing, 0);
  if (q.tech && latest - q.foundedYear <= 10 && financing >= 50000 * WAN && rng.chance(0.25)) {
    add('unicorn', 'municipal', certNo(rng, `DJS${q.currentYear}`, 4), randomDate(rng, q.currentYear, 3, 6), 1);
  }
  // 知识产权优势企业 (市场监管部门认定): a sizeable invention-patent portfolio.
  if (f.patentsInvention >= 10 && rng.chance(0.3)) {
    const y = issueYear(rng.int(0, 2));
    if (y <= latest) add('ip_advantage', 'municipal', certNo(rng, `ZSCQ${y}`, 5), randomDate(rng, y, 9, 11), 3);
  }
  return out;
}

// ------------------------------------------------------------------ entry points

/**
 * The population in streaming form: the fixed organisations first (returned at
 * once), then an iterator over the enterprises, generated one at a time (for
 * inserting 100,000 without holding them all).
 */
export function demoStream(opts: DemoOptions): Omit<DemoPopulation, 'enterprises'> & { enterprises: () => Generator<DemoEnterprise> } {
  if (!Number.isInteger(opts.enterprises) || opts.enterprises < 0) throw new Error('enterprises must be a non-negative integer');
  const currentYear = opts.currentYear ?? 2026;
  const reg: Registry = { names: new Set(), usccs: new Set() };
  const others = otherOrgs(opts.seed, reg);
  let started = false;
  return {
    currentYear,
    ...others,
    *enterprises() {
      if (started) throw new Error('demoStream enterprises can be iterated once');
      started = true;
      const rng = new Rng(opts.seed, 0);
      for (let i = 0; i < opts.enterprises; i++) yield makeEnterprise(rng, reg, currentYear);
    },
  };
}

/** The whole population as plain objects. Same options → identical output. */
export function generateDemo(opts: DemoOptions): DemoPopulation {
  const s = demoStream(opts);
  return { ...s, enterprises: Array.from(s.enterprises()) };
}
