/**
 * The yearly figures' fields as a table: label, and whether the value is money
 * (integer 分, shown and entered in 万元) or a count. A Record over the body's
 * keys, so a field added to YearlyFiguresBody fails the type check until listed.
 */
import type { Label } from '../../../lib/i18n.js';
import type { YearlyFiguresBody } from '../../../lib/types.js';

export type FigureKey = keyof YearlyFiguresBody;
export interface FigureField {
  label: Label;
  kind: 'money' | 'count';
  /** Net assets may be negative; every other figure is ≥ 0. */
  allowNegative?: boolean;
  group: 'finance' | 'people' | 'ip' | 'market';
}

export const FIGURE_FIELDS: Record<FigureKey, FigureField> = {
  revenue: { label: { zh: '营业收入', en: 'Revenue' }, kind: 'money', group: 'finance' },
  rdExpense: { label: { zh: '研发费用总额', en: 'R&D expense' }, kind: 'money', group: 'finance' },
  rdExpenseDomestic: { label: { zh: '境内研发费用', en: 'Domestic R&D expense' }, kind: 'money', group: 'finance' },
  hightechRevenue: { label: { zh: '高新技术产品（服务）收入', en: 'High-tech product revenue' }, kind: 'money', group: 'finance' },
  netAssets: { label: { zh: '净资产', en: 'Net assets' }, kind: 'money', allowNegative: true, group: 'finance' },
  staff: { label: { zh: '职工总数', en: 'Staff' }, kind: 'count', group: 'people' },
  rdStaff: { label: { zh: '研发/科技人员数', en: 'R&D / S&T staff' }, kind: 'count', group: 'people' },
  patentsInvention: { label: { zh: '发明专利', en: 'Invention patents' }, kind: 'count', group: 'ip' },
  patentsHighValue: { label: { zh: '高价值发明专利', en: 'High-value invention patents' }, kind: 'count', group: 'ip' },
  patentsUtility: { label: { zh: '实用新型专利', en: 'Utility-model patents' }, kind: 'count', group: 'ip' },
  patentsDesign: { label: { zh: '外观设计专利', en: 'Design patents' }, kind: 'count', group: 'ip' },
  softwareCopyrights: { label: { zh: '软件著作权', en: 'Software copyrights' }, kind: 'count', group: 'ip' },
  techContractIncome: { label: { zh: '技术合同成交收入', en: 'Technology-contract income' }, kind: 'money', group: 'market' },
  equityFinancing: { label: { zh: '股权融资额', en: 'Equity financing' }, kind: 'money', group: 'market' },
};

export const FIGURE_KEYS = Object.keys(FIGURE_FIELDS) as FigureKey[];
