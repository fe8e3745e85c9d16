/**
 * Reason codes in words, and the few that may leave the enterprise's own page.
 *
 * explain.ts gives an enterprise up to four lifts and four holds, each an indicator code
 * with `_high` (its contribution is above the cohort's median contribution) or `_low`
 * (below). Where a decision about the enterprise is made or supported automatically — the
 * bank view, an automated-decision notice — at most MAX_DECISION_REASONS are given in all,
 * the largest first, each with its label here (个人信息保护法 第二十四条: an explanation
 * that can be understood, not every factor). The enterprise's own page shows all of them,
 * with figures. Pure.
 */

/** The Chinese label of every reason code explain.ts can emit (one per indicator and direction). */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  rd_intensity_high: '研发投入强度高于同类企业中位水平',
  rd_intensity_low: '研发投入强度低于同类企业中位水平',
  rd_growth_high: '研发费用增长率高于同类企业中位水平',
  rd_growth_low: '研发费用增长率低于同类企业中位水平',
  st_staff_share_high: '科技人员占比高于同类企业中位水平',
  st_staff_share_low: '科技人员占比低于同类企业中位水平',
  invention_per_100_high: '每百名职工发明专利数高于同类企业中位水平',
  invention_per_100_low: '每百名职工发明专利数低于同类企业中位水平',
  high_value_share_high: '高价值发明专利占比高于同类企业中位水平',
  high_value_share_low: '高价值发明专利占比低于同类企业中位水平',
  software_copyrights_high: '软件著作权数量高于同类企业中位水平',
  software_copyrights_low: '软件著作权数量低于同类企业中位水平',
  software_per_100_high: '每百名职工软件著作权数高于同类企业中位水平',
  software_per_100_low: '每百名职工软件著作权数低于同类企业中位水平',
  hightech_share_high: '高新技术产品收入占比高于同类企业中位水平',
  hightech_share_low: '高新技术产品收入占比低于同类企业中位水平',
  tech_contract_income_high: '技术合同成交额高于同类企业中位水平',
  tech_contract_income_low: '技术合同成交额低于同类企业中位水平',
  tech_contract_per_staff_high: '人均技术合同成交额高于同类企业中位水平',
  tech_contract_per_staff_low: '人均技术合同成交额低于同类企业中位水平',
  rd_institutions_high: '研发机构与合作平台数量高于同类企业中位水平',
  rd_institutions_low: '研发机构与合作平台数量低于同类企业中位水平',
  revenue_growth_high: '营业收入成长性高于同类企业中位水平',
  revenue_growth_low: '营业收入成长性低于同类企业中位水平',
  net_assets_growth_high: '净资产成长性高于同类企业中位水平',
  net_assets_growth_low: '净资产成长性低于同类企业中位水平',
  equity_financing_high: '近三年股权融资额高于同类企业中位水平',
  equity_financing_low: '近三年股权融资额低于同类企业中位水平',
  equity_per_staff_high: '人均股权融资额高于同类企业中位水平',
  equity_per_staff_low: '人均股权融资额低于同类企业中位水平',
  qualification_points_high: '有效资质称号积分高于同类企业中位水平',
  qualification_points_low: '有效资质称号积分低于同类企业中位水平',
};

/** The most reasons given where a decision is made or supported automatically. */
export const MAX_DECISION_REASONS = 4;

/** A code's label; a code no longer in the table (an indicator since removed) still reads as a sentence. */
export function reasonLabel(code: string): string {
  const known = REASON_LABELS[code];
  if (known) return known;
  const m = /^(.*)_(high|low)$/.exec(code);
  return m ? `指标 ${m[1]} ${m[2] === 'high' ? '高于' : '低于'}同类企业中位水平` : `原因 ${code}`;
}

const indicatorOf = (code: string) => code.replace(/_(high|low)$/, '');

export interface StoredReason {
  code: string;
  /** Points above (+) or below (−) the cohort's median contribution. */
  points: number;
}

/**
 * The reasons to give where a decision is automated: lifts and holds together, the largest
 * |points| first, at most `max`. Each list is already in explain.ts's order (largest first,
 * then by indicator code); they are merged, equal sizes going to the lower code, so the order
 * within each list is kept.
 */
export function decisionReasons(lifts: readonly StoredReason[], holds: readonly StoredReason[], max = MAX_DECISION_REASONS): { code: string; label: string }[] {
  const out: { code: string; label: string }[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < lifts.length || j < holds.length)) {
    const a = lifts[i];
    const b = holds[j];
    const takeLift = a !== undefined && (b === undefined || Math.abs(a.points) > Math.abs(b.points) || (Math.abs(a.points) === Math.abs(b.points) && indicatorOf(a.code) <= indicatorOf(b.code)));
    const r = takeLift ? lifts[i++]! : holds[j++]!;
    out.push({ code: r.code, label: reasonLabel(r.code) });
  }
  return out;
}
