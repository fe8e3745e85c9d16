/**
 * The facts support items may use: name, type, unit, meaning and where they come
 * from. Rules are checked against this catalogue when saved or loaded.
 * (docs/policy-facts.md documents the same list for analysts.)
 */
export type FactType = 'money' | 'count' | 'boolean' | 'codes';
export type FactSource = 'platform' | 'declaration' | 'computed';

export interface FactDef {
  type: FactType;
  label: string;
  /** platform: the enterprise's records here; declaration: the enterprise states it; computed: derived. */
  source: FactSource;
  meaning: string;
}

export const FACTS = {
  revenue: { type: 'money', label: '营业收入', source: 'platform', meaning: '最近年度营业收入（分）' },
  rdExpense: { type: 'money', label: '研发费用', source: 'platform', meaning: '最近年度研发费用总额（分）' },
  rdExpenseDomestic: { type: 'money', label: '境内研发费用', source: 'platform', meaning: '最近年度境内研发费用（分）' },
  staff: { type: 'count', label: '职工总数', source: 'platform', meaning: '最近年度职工人数' },
  rdStaff: { type: 'count', label: '科技人员数', source: 'platform', meaning: '最近年度研发/科技人员数' },
  hightechRevenue: { type: 'money', label: '高新技术产品收入', source: 'platform', meaning: '最近年度高新技术产品（服务）收入（分）' },
  netAssets: { type: 'money', label: '净资产', source: 'platform', meaning: '最近年度净资产（分）' },
  patentsInvention: { type: 'count', label: '发明专利数', source: 'platform', meaning: '有效发明专利（件）' },
  patentsHighValue: { type: 'count', label: '高价值发明专利数', source: 'platform', meaning: '高价值发明专利（件）' },
  techContractIncome: { type: 'money', label: '技术合同成交额', source: 'platform', meaning: '最近年度技术合同成交收入（分）' },
  qualifications: { type: 'codes', label: '有效资质', source: 'platform', meaning: '当前有效的资质称号代码（如 hnte 高新技术企业）' },
  isManufacturing: { type: 'boolean', label: '制造业企业', source: 'computed', meaning: '所属行业为 GB/T 4754-2017 门类 C（制造业）' },
  equipmentInvestment: { type: 'money', label: '设备投资额', source: 'declaration', meaning: '增资扩产或技术改造项目的设备投资额（分）' },
  contractPaidThisYear: { type: 'money', label: '技术合同年度实际成交额', source: 'declaration', meaning: '与高校联合攻关的技术开发合同本年度实际支付额（分）' },
  challengeContractAmount: { type: 'money', label: '揭榜挂帅技术合同成交额', source: 'declaration', meaning: '揭榜挂帅项目的技术合同成交额（分）' },
  insurancePremium: { type: 'money', label: '苏转保投保费用', source: 'declaration', meaning: '企业为先使用后付费许可投保“苏转保”的保费（分）' },
  patentPortfolioSelected: { type: 'boolean', label: '入选高价值专利组合培育', source: 'declaration', meaning: '本年度入选市级高价值专利组合培育项目' },
} as const satisfies Record<string, FactDef>;

export type FactName = keyof typeof FACTS;

export function factDef(name: string): FactDef | undefined {
  return (FACTS as Record<string, FactDef>)[name];
}

/** A fact's value with where it came from. Money in 分. */
export interface FactValue {
  value: number | boolean | string[];
  source: FactSource;
  /** e.g. "2025 年报" or "企业申报 2026-03-01" */
  note?: string;
}

export type Facts = Partial<Record<string, FactValue>>;
