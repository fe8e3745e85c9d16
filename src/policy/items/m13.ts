import type { SupportItem } from '../engine/schema.js';

/** Measure 13: 50% of the 苏转保 premium paid for a use-first-pay-later licence. */
export const m13Insurance: SupportItem = {
  id: 'm13.insurance',
  measure: 13,
  title: '“苏转保”保费补助',
  clause: '联合金融机构开发先使用后付费“苏转保”专项保险产品，对企业投保费用给予50%补助。',
  departments: ['kjj', 'jrb'],
  form: '补助',
  period: 'per_year',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: {
    rate: { kind: 'rate', value: '50%', label: '补助比例', clause: '对企业投保费用给予50%补助' },
  },
  eligibility: { fact: 'insurancePremium', gt: '0元', label: '投保费用' },
  amount: { rate: '$rate', of: 'insurancePremium', rounding: 'floor' },
};
