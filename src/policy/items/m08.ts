import type { SupportItem } from '../engine/schema.js';

/** Measure 8: equipment investment ≥ 5000万 in a capacity-expansion or technical-renovation project → 5% of it. */
export const m8Equipment: SupportItem = {
  id: 'm8.equipment',
  measure: 8,
  title: '制造业设备投入奖励',
  clause: '对制造业企业设备投入5000万元以上的增资扩产或技术改造项目，按照设备投资额5%给予奖励。',
  departments: ['gxj'],
  form: '奖励',
  period: 'per_project',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: {
    threshold: { kind: 'money', value: '5000万', label: '门槛', clause: '设备投入5000万元以上' },
    rate: { kind: 'rate', value: '5%', label: '奖励比例', clause: '按照设备投资额5%给予奖励' },
  },
  eligibility: {
    all: [
      { fact: 'isManufacturing', is: true, label: '制造业企业' },
      { fact: 'equipmentInvestment', gte: '$threshold', label: '设备投资' },
    ],
  },
  amount: { rate: '$rate', of: 'equipmentInvestment', rounding: 'half_up' },
};
