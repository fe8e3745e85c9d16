/** Ratios derived from one year's figures, as percentages with two decimals (null when undefined). */
import { percent } from '../../../lib/money.js';
import type { Label } from '../../../lib/i18n.js';
import type { YearlyFigures } from '../../../lib/types.js';

export interface Ratio {
  key: string;
  label: Label;
  value: (f: YearlyFigures) => string | null;
}

export const RATIOS: readonly Ratio[] = [
  { key: 'rdIntensity', label: { zh: '研发费用占营业收入比', en: 'R&D / revenue' }, value: (f) => percent(f.rdExpense, f.revenue) },
  { key: 'rdStaffShare', label: { zh: '科技人员占职工比', en: 'S&T staff / staff' }, value: (f) => percent(f.rdStaff, f.staff) },
  { key: 'hightechShare', label: { zh: '高新收入占营业收入比', en: 'High-tech revenue share' }, value: (f) => percent(f.hightechRevenue, f.revenue) },
  { key: 'domesticRdShare', label: { zh: '境内研发费用占比', en: 'Domestic share of R&D' }, value: (f) => percent(f.rdExpenseDomestic, f.rdExpense) },
];
