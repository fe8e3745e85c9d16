/**
 * The built-in facts support items may use: name, type, meaning and where they come
 * from. This is the catalogue's starting point; administrators add facts as data
 * (src/policy/engine/catalogue.ts joins both). Rules are checked against the
 * catalogue when saved or loaded. (docs/policy-facts.md documents the built-in list.)
 */
import type { Expr } from './expr-schema.js';

/**
 * money: 分; count: a whole number; ratio: an exact fraction (growth, share); boolean; date: "YYYY-MM-DD";
 * enum: one code of `values`; district: the code of a district (区/县级市); codes: a set of codes (qualifications held).
 */
export type FactType = 'money' | 'count' | 'ratio' | 'boolean' | 'date' | 'enum' | 'district' | 'codes';
/**
 * platform: the enterprise's records here (`path` says where); declaration: the enterprise states it;
 * derived: an expression over other facts and the enterprise's history; computed: worked out by the platform
 * from its records in code (kept for the built-in isManufacturing).
 */
export type FactSource = 'platform' | 'declaration' | 'derived' | 'computed';

export interface FactDef {
  type: FactType;
  label: string;
  source: FactSource;
  meaning: string;
  /** Where a platform fact is read from (a record and its field), in words an analyst can check. */
  path?: string;
  /** A yearly figure: `name@-1` is its value in the year before the latest, `name@-2` two years before… */
  yearly?: boolean;
  /** The codes an enum fact may take. */
  values?: readonly { code: string; label: string }[];
  /** A derived fact's expression (src/policy/engine/expr-schema.ts). */
  expression?: Expr;
}

/** Who may apply for an item (an item's `audience.applicants`; the fact applicantKind). */
export const APPLICANT_KINDS = ['enterprise', 'institution', 'platform_operator', 'person', 'government'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const APPLICANT_KIND_VALUES = [
  { code: 'enterprise', label: '企业' },
  { code: 'institution', label: '高校院所（高校、科研院所、新型研发机构）' },
  { code: 'platform_operator', label: '载体运营方' },
  { code: 'person', label: '个人（人才、团队）' },
  { code: 'government', label: '园区管理机构（高新区等）' },
] as const;
export const SIZE_BAND_VALUES = [
  { code: 'micro', label: '微型' },
  { code: 'small', label: '小型' },
  { code: 'medium', label: '中型' },
  { code: 'large', label: '大型' },
] as const;
/** GB/T 4754-2017 sections. */
export const INDUSTRY_SECTION_VALUES = [
  ['A', '农、林、牧、渔业'], ['B', '采矿业'], ['C', '制造业'], ['D', '电力、热力、燃气及水生产和供应业'], ['E', '建筑业'],
  ['F', '批发和零售业'], ['G', '交通运输、仓储和邮政业'], ['H', '住宿和餐饮业'], ['I', '信息传输、软件和信息技术服务业'], ['J', '金融业'],
  ['K', '房地产业'], ['L', '租赁和商务服务业'], ['M', '科学研究和技术服务业'], ['N', '水利、环境和公共设施管理业'],
  ['O', '居民服务、修理和其他服务业'], ['P', '教育'], ['Q', '卫生和社会工作'], ['R', '文化、体育和娱乐业'], ['S', '公共管理、社会保障和社会组织'], ['T', '国际组织'],
].map(([code, label]) => ({ code: code!, label: label! }));

export const FACTS = {
  revenue: { type: 'money', label: '营业收入', source: 'platform', meaning: '最近年度营业收入（分）', path: 'enterprise_yearly_figures.revenue（最近年度）', yearly: true },
  rdExpense: { type: 'money', label: '研发费用', source: 'platform', meaning: '最近年度研发费用总额（分）', path: 'enterprise_yearly_figures.rd_expense（最近年度）', yearly: true },
  rdExpenseDomestic: { type: 'money', label: '境内研发费用', source: 'platform', meaning: '最近年度境内研发费用（分）', path: 'enterprise_yearly_figures.rd_expense_domestic（最近年度）', yearly: true },
  staff: { type: 'count', label: '职工总数', source: 'platform', meaning: '最近年度职工人数', path: 'enterprise_yearly_figures.staff（最近年度）', yearly: true },
  rdStaff: { type: 'count', label: '科技人员数', source: 'platform', meaning: '最近年度研发/科技人员数', path: 'enterprise_yearly_figures.rd_staff（最近年度）', yearly: true },
  hightechRevenue: { type: 'money', label: '高新技术产品收入', source: 'platform', meaning: '最近年度高新技术产品（服务）收入（分）', path: 'enterprise_yearly_figures.hightech_revenue（最近年度）', yearly: true },
  netAssets: { type: 'money', label: '净资产', source: 'platform', meaning: '最近年度净资产（分）', path: 'enterprise_yearly_figures.net_assets（最近年度）', yearly: true },
  patentsInvention: { type: 'count', label: '发明专利数', source: 'platform', meaning: '有效发明专利（件）', path: 'enterprise_yearly_figures.patents_invention（最近年度）', yearly: true },
  patentsHighValue: { type: 'count', label: '高价值发明专利数', source: 'platform', meaning: '高价值发明专利（件）', path: 'enterprise_yearly_figures.patents_high_value（最近年度）', yearly: true },
  techContractIncome: { type: 'money', label: '技术合同成交额', source: 'platform', meaning: '最近年度技术合同成交收入（分）', path: 'enterprise_yearly_figures.tech_contract_income（最近年度）', yearly: true },
  qualifications: { type: 'codes', label: '有效资质', source: 'platform', meaning: '当前有效的资质称号代码（如 hnte 高新技术企业）', path: 'organisation_qualifications（今日有效）' },
  innovationGrade: { type: 'codes', label: '科创指数等级', source: 'platform', meaning: '最近一次科创指数计算的等级（A/B/C/D；未参与评分时为空）' },
  innovationScore: { type: 'count', label: '科创指数', source: 'platform', meaning: '最近一次科创指数计算的分数（0–100，取整数部分）' },
  innovationPercentile: { type: 'count', label: '科创指数同类百分位', source: 'platform', meaning: '在同行业门类、同规模企业中的百分位（0–100，取整数部分）' },
  isManufacturing: { type: 'boolean', label: '制造业企业', source: 'computed', meaning: '所属行业为 GB/T 4754-2017 门类 C（制造业）' },
  applicantKind: {
    type: 'enum', label: '申请主体类型', source: 'platform', path: 'organisations.kind',
    meaning: '申请主体属于哪一类：企业、高校院所（高校/科研院所/新型研发机构）、载体运营方、个人（人才/团队）、园区管理机构；由组织类型得出',
    values: APPLICANT_KIND_VALUES,
  },
  sizeBand: { type: 'enum', label: '企业规模', source: 'platform', path: 'organisations.size_band', meaning: '大中小微型企业划分（统计上大中小微型企业划分办法）', values: SIZE_BAND_VALUES },
  industrySection: { type: 'enum', label: '行业门类', source: 'platform', path: 'organisations.industry_code → industries.section_code', meaning: '所属行业的 GB/T 4754-2017 门类（A–T）', values: INDUSTRY_SECTION_VALUES },
  isPlatformOperator: { type: 'boolean', label: '载体运营方', source: 'declaration', meaning: '申请主体运营孵化器、概念验证/中试验证中心、公共技术服务平台、离岸创新中心等创新载体' },
  district: { type: 'district', label: '注册所在区', source: 'platform', meaning: '企业注册地所在的区或县级市（区划代码）', path: 'organisations.district_code' },
  qualificationsFirst: { type: 'codes', label: '首次认定的资质', source: 'platform', meaning: '今日有效、且此前从未持有过的资质称号（首次认定）', path: 'organisation_qualifications（今日有效，无更早记录）' },
  qualificationsRenewed: { type: 'codes', label: '重新认定的资质', source: 'platform', meaning: '今日有效、且此前曾持有过同一称号的资质（重新认定、复审）', path: 'organisation_qualifications（今日有效，有更早记录）' },
  newPhdHires: { type: 'count', label: '本年度新引进博士人数', source: 'declaration', meaning: '本年度新引进（全职签约）的博士人数' },
  loanInterestPaid: { type: 'money', label: '本年度实际支付贷款利息', source: 'declaration', meaning: '本年度为科技贷款实际支付的利息（分）' },
  equipmentInvestment: { type: 'money', label: '设备投资额', source: 'declaration', meaning: '增资扩产或技术改造项目的设备投资额（分）' },
  contractPaidThisYear: { type: 'money', label: '技术合同年度实际成交额', source: 'declaration', meaning: '与高校联合攻关的技术开发合同本年度实际支付额（分）' },
  challengeContractAmount: { type: 'money', label: '揭榜挂帅技术合同成交额', source: 'declaration', meaning: '揭榜挂帅项目的技术合同成交额（分）' },
  insurancePremium: { type: 'money', label: '苏转保投保费用', source: 'declaration', meaning: '企业为先使用后付费许可投保“苏转保”的保费（分）' },
  patentPortfolioSelected: { type: 'boolean', label: '入选高价值专利组合培育', source: 'declaration', meaning: '本年度入选市级高价值专利组合培育项目' },
  jointFundProject: { type: 'boolean', label: '承担省市自然科学联合基金项目', source: 'declaration', meaning: '立项承担省市自然科学联合基金项目（措施 3）' },
  basicResearchPilot: { type: 'boolean', label: '市基础研究试点单位', source: 'declaration', meaning: '被认定为市基础研究试点单位（措施 3）' },
  conversionProjectApproved: { type: 'boolean', label: '重大科技成果转化项目立项', source: 'declaration', meaning: '列入技术攻关清单的重大科技成果转化项目获立项（措施 3）' },
  leadsNationalProject: { type: 'boolean', label: '牵头承担国家重大专项或重点研发计划', source: 'declaration', meaning: '牵头承担国家科技重大专项、国家重点研发计划（措施 3）' },
  upperLevelFunding: { type: 'money', label: '上级财政拨款', source: 'declaration', meaning: '央地协同科技重大项目新立项获得的上级财政拨款（分，措施 3）' },
  youngScientist: { type: 'boolean', label: '入选青年科学家发布', source: 'declaration', meaning: '经青年科学家发布制度发布（措施 4）' },
  topTalentTeam: { type: 'boolean', label: '顶尖人才（团队）', source: 'declaration', meaning: '经认定的顶尖人才（团队）项目（措施 4）' },
  leadingTalentTeam: { type: 'boolean', label: '创新创业领军人才（团队）', source: 'declaration', meaning: '入选苏州创新创业领军人才（团队）（措施 4）' },
  pocCenterApproved: { type: 'boolean', label: '概念验证/中试验证中心', source: 'declaration', meaning: '新建的概念验证、中试验证中心获认定（措施 12）' },
  platformInvestment: { type: 'money', label: '公共技术服务平台建设总投资', source: 'declaration', meaning: '新建科技公共技术服务平台的建设总投资（分，措施 12）' },
  platformOpenSharing: { type: 'boolean', label: '平台开放共享择优', source: 'declaration', meaning: '公共技术服务平台对外开放共享并经定期择优入选（措施 12）' },
  benchmarkIncubator: { type: 'boolean', label: '新获批省级标杆孵化器', source: 'declaration', meaning: '新获批省级标杆孵化器（措施 12）' },
  firstSetCertified: { type: 'boolean', label: '首台（套）/首批次/首版次认定', source: 'declaration', meaning: '经苏州市及以上认定的首台（套）装备、首批次新材料、首版次软件（措施 14）' },
  nationalKeyLab: { type: 'boolean', label: '在苏州建设全国重点实验室', source: 'declaration', meaning: '在苏州建设的全国重点实验室（措施 1）' },
  nationalInnovationCenter: { type: 'boolean', label: '新获批国家级创新中心或重大科技基础设施', source: 'declaration', meaning: '新获批国家技术（产业）创新中心、国家制造业创新中心，或列入省预研筹建的重大科技基础设施（措施 1）' },
  advancedInstitute: { type: 'boolean', label: '建设高等研究院', source: 'declaration', meaning: '列入布局建设的高等研究院（措施 1）' },
  nationalScienceCenter: { type: 'boolean', label: '新获批国家基础/前沿科学中心', source: 'declaration', meaning: '新获批国家基础科学中心、国家前沿科学中心或国家基础学科研究中心（措施 1）' },
  globalRdCenter: { type: 'boolean', label: '科技领军企业建设全球研发中心', source: 'declaration', meaning: '经选树的科技领军企业建设全球研发中心（措施 5）' },
  rdInstitutionRecognised: { type: 'boolean', label: '建有经认定的研发机构', source: 'declaration', meaning: '建有经认定的各级工程研究中心、企业技术中心、重点实验室、省工程技术联合实验室等研发机构（措施 6）' },
  newRdInstitute: { type: 'boolean', label: '新建苏州市新型研发机构', source: 'declaration', meaning: '新建并经认定的苏州市新型研发机构（措施 6）' },
  foreignInvestedInstitute: { type: 'boolean', label: '外资及港澳台企业建设研究院', source: 'declaration', meaning: '外资及港澳台企业在苏建设研究院（措施 6）' },
  innovationConsortium: { type: 'boolean', label: '牵头组建创新联合体', source: 'declaration', meaning: '牵头组建实体化、任务型创新联合体（措施 7）' },
  futureIndustryInstitute: { type: 'boolean', label: '新获批省未来产业（技术）研究院', source: 'declaration', meaning: '新获批省未来产业（技术）研究院（措施 10）' },
  nationalAiProject: { type: 'boolean', label: '国家人工智能重大工程或应用场景', source: 'declaration', meaning: '承担国家人工智能重大工程或应用场景（措施 10）' },
  newTrackZone: { type: 'boolean', label: '新获评国家新赛道的高新区', source: 'declaration', meaning: '新获评国家新赛道的省级以上高新区（措施 10）' },
  offshoreCenterBuilt: { type: 'boolean', label: '建设苏州市海外离岸创新中心', source: 'declaration', meaning: '建设并经认定的苏州市海外离岸创新中心（措施 19）' },
  offshoreCenterSelected: { type: 'boolean', label: '海外离岸创新中心择优入选', source: 'declaration', meaning: '海外离岸创新中心根据建设情况经定期择优入选（措施 19）' },
  beltRoadLabNational: { type: 'boolean', label: '“一带一路”国家级联合实验室', source: 'declaration', meaning: '获批建设“一带一路”沿线国家级联合实验室（措施 19）' },
  beltRoadLabProvincial: { type: 'boolean', label: '“一带一路”省级联合实验室', source: 'declaration', meaning: '获批建设“一带一路”沿线省级联合实验室（措施 19）' },
} as const satisfies Record<string, FactDef>;

export type FactName = keyof typeof FACTS;

/** A built-in fact's definition (for the catalogue with administrators' facts, use Catalogue.get). */
export function builtinFactDef(name: string): FactDef | undefined {
  return (FACTS as Record<string, FactDef>)[name];
}

/** Who put a yearly figure into the platform's records: the enterprise itself, a department that checked it, or an import. */
export type RecordOrigin = 'declared' | 'verified' | 'imported';
export const RECORD_ORIGIN_LABEL: Record<RecordOrigin, string> = { declared: '企业自报', verified: '部门核实', imported: '导入' };

/** A fact's value with where it came from. Money in 分. */
export interface FactValue {
  /** money and count: an integer; ratio: [numerator, denominator]; boolean; date, enum, district: a string; codes: a list. */
  value: number | boolean | string | string[] | readonly [number, number];
  source: FactSource;
  /** e.g. "2025 年报" or "企业申报 2026-03-01" */
  note?: string;
  /** For a fact read from a year's figures: that year and who recorded it (the trace names both). */
  record?: { year: number; origin: RecordOrigin };
}

export type Facts = Partial<Record<string, FactValue>>;
