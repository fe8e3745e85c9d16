import type { SupportItem } from '../engine/schema.js';

/** Measure 9: 揭榜挂帅, up to 50% of the technology contract amount, at most 1000万. */
export const m9Challenge: SupportItem = {
  id: 'm9.challenge',
  measure: 9,
  title: '“揭榜挂帅”重大攻关项目资助',
  clause: '实施面向全球“揭榜挂帅”重大攻关项目，最高按技术合同成交额的50%、给予最高1000万元资助。',
  departments: ['fgw', 'kjj', 'gxj'],
  form: '资助',
  period: 'per_project',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: {
    rate: { kind: 'rate', value: '50%', label: '资助比例上限', clause: '最高按技术合同成交额的50%' },
    max: { kind: 'money', value: '1000万', label: '上限', clause: '给予最高1000万元资助' },
  },
  eligibility: { fact: 'challengeContractAmount', gt: '0元', label: '揭榜挂帅技术合同成交额' },
  amount: { ceiling: { cap: { rate: '$rate', of: 'challengeContractAmount', rounding: 'floor' }, max: '$max' } },
};
