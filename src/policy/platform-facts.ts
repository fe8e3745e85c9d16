/**
 * The facts the platform knows about an enterprise from its own records: the
 * latest year's figures (with their year and source), the qualifications valid
 * today, its industry. Pure.
 */
import type { Facts, FactValue, RecordOrigin } from './engine/facts.js';
import { BUILTIN_CATALOGUE, type Catalogue } from './engine/catalogue.js';
import { yearKey } from './engine/expr-schema.js';
import type { YearlyFiguresBody } from '../shared/api.js';
import { AppError } from '../platform/errors.js';
import { industrySectionName } from '../reference/industry-sections.js';

export interface EnterpriseRecords {
  industrySection: string | null;
  /** The latest year's figures, with who recorded them (declared by the enterprise, verified by a department, imported). */
  latest: (YearlyFiguresBody & { year: number; source: RecordOrigin }) | undefined;
  qualificationCodes: string[];
  /** Of those, the ones held before (a renewal, 重新认定); the others are first recognitions. */
  renewedCodes?: string[];
  /** The years before the latest, newest first (their figures and who recorded them); read as F@-1, F@-2 … */
  earlier?: (YearlyFiguresBody & { year: number; source: RecordOrigin })[];
  /** The district the enterprise is registered in (code). */
  districtCode?: string | null;
  /** The organisation's kind (organisations.kind) and size band, for an item's audience (适用对象). */
  orgKind?: string | null;
  sizeBand?: string | null;
  /** The latest 科创指数 of the enterprise, when it has been scored. */
  /** `pending`: the grade is flagged for human review and not yet decided (no grade until then). */
  index?: { grade: string | null; score: number | null; percentile: number | null; pending?: boolean; excluded?: string | null } | null;
}

export interface PlatformFactsOptions {
  /**
   * 免申即享 pays without an application, so it relies only on figures a department verified or an import brought:
   * with this set, a latest year the enterprise only declared is treated as missing (its items fall to 申报, or
   * wait for the named facts). Older verified years are not used instead: they are not the latest.
   */
  trustedFiguresOnly?: boolean;
}

/** Whether the latest figures are self-declared only (what a 免申即享 run counts and leaves aside). */
export const declaredOnly = (r: EnterpriseRecords) => r.latest?.source === 'declared';

export function platformFacts(r: EnterpriseRecords, options: PlatformFactsOptions = {}): Facts {
  const facts: Facts = {};
  const latest = options.trustedFiguresOnly && declaredOnly(r) ? undefined : r.latest;
  const putYear = (f: YearlyFiguresBody & { year: number; source: RecordOrigin }, yearsAgo: number) => {
    const note = `${f.year} 年度数据`;
    const record = { year: f.year, origin: f.source };
    const put = (name: string, value: number) => (facts[yearKey(name, yearsAgo)] = { value, source: 'platform', note, record });
    put('revenue', f.revenue);
    put('rdExpense', f.rdExpense);
    put('rdExpenseDomestic', f.rdExpenseDomestic);
    put('staff', f.staff);
    put('rdStaff', f.rdStaff);
    put('hightechRevenue', f.hightechRevenue);
    put('netAssets', f.netAssets);
    put('patentsInvention', f.patentsInvention);
    put('patentsHighValue', f.patentsHighValue);
    put('techContractIncome', f.techContractIncome);
  };
  if (latest) {
    putYear(latest, 0);
    // Earlier years by their distance from the latest (a year with no figures stays missing, never zero);
    // 免申即享 skips a year the enterprise only declared, as it does the latest.
    for (const f of r.earlier ?? []) {
      const k = latest.year - f.year;
      if (k < 1 || k > MAX_YEARS_BACK) continue;
      if (options.trustedFiguresOnly && f.source === 'declared') continue;
      putYear(f, k);
    }
  }
  facts.qualifications = { value: r.qualificationCodes, source: 'platform', note: '当前有效' };
  const renewed = new Set(r.renewedCodes ?? []);
  facts.qualificationsFirst = { value: r.qualificationCodes.filter((c) => !renewed.has(c)), source: 'platform', note: '当前有效且此前未持有' };
  facts.qualificationsRenewed = { value: r.qualificationCodes.filter((c) => renewed.has(c)), source: 'platform', note: '当前有效且此前曾持有' };
  if (r.districtCode) facts.district = { value: r.districtCode, source: 'platform', note: '注册地' };
  if (r.index) {
    const note = '最近一次科创指数计算';
    facts.innovationGrade = { value: r.index.grade ? [r.index.grade] : [], source: 'platform', note: r.index.grade ? note : r.index.pending ? '等级待人工复核' : (r.index.excluded ?? '未参与评分') };
    if (r.index.score !== null) facts.innovationScore = { value: Math.floor(r.index.score), source: 'platform', note };
    if (r.index.percentile !== null) facts.innovationPercentile = { value: Math.floor(r.index.percentile), source: 'platform', note };
  }
  const kind = r.orgKind ? APPLICANT_KIND_OF_ORG[r.orgKind] : undefined;
  if (kind) facts.applicantKind = { value: kind, source: 'platform', note: '组织类型' };
  if (r.sizeBand) facts.sizeBand = { value: r.sizeBand, source: 'platform', note: '组织档案' };
  if (r.industrySection) facts.industrySection = { value: r.industrySection, source: 'platform', note: '组织档案' };
  if (r.industrySection) facts.isManufacturing = { value: r.industrySection === 'C', source: 'computed', note: `行业门类：${industrySectionName(r.industrySection)}` };
  return facts;
}

/** The applicant kind (适用对象) of an organisation kind. */
export const APPLICANT_KIND_OF_ORG: Record<string, string> = { enterprise: 'enterprise', university: 'institution', institute: 'institution', service_agency: 'platform_operator', government: 'government' };

/** How many years before the latest figures the platform reads (F@-1 … F@-10). */
export const MAX_YEARS_BACK = 10;

/** Facts stated by the enterprise (or typed into the calculator), checked against the catalogue. */
export function declaredFacts(input: Record<string, unknown>, catalogue: Catalogue = BUILTIN_CATALOGUE): Facts {
  const facts: Facts = {};
  for (const [name, value] of Object.entries(input)) {
    const def = catalogue.get(name);
    const field = `facts.${name}`;
    if (!def) throw new AppError('VALIDATION', 400, `未知的事实“${name}”（见 GET /api/policy/facts）`, field);
    let v: FactValue['value'];
    if (def.type === 'ratio') {
      if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => Number.isSafeInteger(x) && x >= 0) || value[1] === 0) {
        throw new AppError('VALIDATION', 400, `${def.label}应写成 [分子, 分母]（非负整数，分母不为 0）`, field);
      }
      v = [value[0] as number, value[1] as number];
    } else if (def.type === 'date') {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new AppError('VALIDATION', 400, `${def.label}应为日期 YYYY-MM-DD`, field);
      v = value;
    } else if (def.type === 'enum' || def.type === 'district') {
      if (typeof value !== 'string' || value.length === 0 || value.length > 40) throw new AppError('VALIDATION', 400, `${def.label}应为代码`, field);
      if (def.values && !def.values.some((x) => x.code === value)) throw new AppError('VALIDATION', 400, `${def.label}的可选值为 ${def.values.map((x) => `${x.code}（${x.label}）`).join('、')}`, field);
      v = value;
    } else if (def.type === 'money' || def.type === 'count') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new AppError('VALIDATION', 400, `${def.label}应为非负整数${def.type === 'money' ? '（单位：分）' : ''}`, field);
      }
      v = value;
    } else if (def.type === 'boolean') {
      if (typeof value !== 'boolean') throw new AppError('VALIDATION', 400, `${def.label}应为 true 或 false`, field);
      v = value;
    } else {
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) throw new AppError('VALIDATION', 400, `${def.label}应为代码列表`, field);
      v = value as string[];
    }
    facts[name] = { value: v, source: 'declaration' };
  }
  return facts;
}
