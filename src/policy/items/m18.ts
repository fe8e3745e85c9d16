import type { SupportItem } from '../engine/schema.js';

/** Measure 18: 15 high-value patent portfolios a year, 50万 each. */
export const m18Portfolio: SupportItem = {
  id: 'm18.portfolio',
  measure: 18,
  title: '高价值专利组合培育',
  clause: '面向创新能力强的科技型中小企业，每年支持 15 项、每项给予 50 万元的资金支持',
  departments: ['scjgj'],
  form: '支持',
  period: 'per_year',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: {
    each: { kind: 'money', value: '50万', label: '每项', clause: '每项给予 50 万元' },
    quota: { kind: 'count', value: 15, label: '年度名额', clause: '每年支持 15 项' },
  },
  eligibility: {
    all: [
      { fact: 'qualifications', has: 'tsme', label: '科技型中小企业' },
      { fact: 'patentPortfolioSelected', is: true, label: '入选高价值专利组合培育' },
    ],
  },
  amount: { perItem: { count: 'patentPortfolioSelected', each: '$each' } },
  // "每年支持 15 项": counted city-wide at approval, under a lock, and shown by the calculator once full.
  quota: { perYear: '$quota', scope: 'city' },
};

/** Measure 18: a 知识产权优势企业 whose high-value patent share is ≥ 35% → up to 250万, once (一次性). */
export const m18HighValueShare: SupportItem = {
  id: 'm18.high_value_share',
  measure: 18,
  title: '知识产权优势企业一次性奖励',
  clause: '对高价值专利占比35%以上的知识产权优势企业，给予最高250万元一次性奖励。',
  departments: ['scjgj'],
  form: '奖励',
  period: 'once',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: {
    share: { kind: 'rate', value: '35%', label: '高价值专利占比门槛', clause: '高价值专利占比35%以上' },
    max: { kind: 'money', value: '250万', label: '上限', clause: '给予最高250万元一次性奖励' },
  },
  eligibility: {
    all: [
      { fact: 'qualifications', has: 'ip_advantage', label: '知识产权优势企业' },
      { ratio: ['patentsHighValue', 'patentsInvention'], gte: '$share', label: '高价值发明专利占发明专利比例' },
    ],
  },
  amount: { ceiling: '$max' },
};
