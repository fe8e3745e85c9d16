import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 7: university–enterprise R&D, up to 10% of the contract amount actually paid each year. */
export const m7UniversityContract: SupportItem = {
  id: 'm7.university_contract',
  measure: 7,
  title: '校企联合攻关技术合同补助',
  clause: '支持企业与高校联合开展核心技术攻关，按照技术开发合同执行情况，每年按技术合同实际成交额给予最高10%补助。',
  departments: ['kjj', 'jyj'],
  form: '补助',
  period: 'per_year',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: {
    rate: { kind: 'rate', value: '10%', label: '补助比例上限', clause: '每年按技术合同实际成交额给予最高10%补助' },
  },
  eligibility: { fact: 'contractPaidThisYear', gt: '0元', label: '本年度技术合同实际成交额' },
  amount: { ceiling: { rate: '$rate', of: 'contractPaidThisYear', rounding: 'floor' } },
};

/** Measure 7: operating funds for an innovation consortium, up to 200万. */
export const m7Consortium: SupportItem = ceilingItem({
  id: 'm7.consortium',
  measure: 7,
  title: '创新联合体运营经费',
  clause: '支持优质企业牵头组建实体化、任务型创新联合体，联合上下游企业、高校院所联合攻克一批行业共性技术，对创新联合体给予最高200万元运营经费支持。',
  departments: ['kjj'],
  form: '支持',
  period: 'per_project',
  fact: 'innovationConsortium',
  label: '牵头组建实体化、任务型创新联合体',
  max: '200万',
  maxClause: '对创新联合体给予最高200万元运营经费支持',
});

/**
 * Measure 7: 科创指数惠, up to 3000万 "综合考量企业科创能力、认定资质等". The index
 * (issue #4) already weighs both (its qualification pillar is the 认定资质); the
 * item grants the ceiling to grade A of the latest index run. The amount within
 * the ceiling is decided by review.
 */
export const m7IndexReward: SupportItem = {
  id: 'm7.kczs_hui',
  measure: 7,
  title: '科创指数惠',
  clause: '持续推进“科创指数惠”，综合考量企业科创能力、认定资质等，给予最高3000万元政策性奖补。',
  departments: ['kjj'],
  form: '奖补',
  period: 'per_year',
  status: 'draft',
  effective: { from: '2026-01-01' },
  parameters: { max: { kind: 'money', value: '3000万', label: '上限', clause: '给予最高3000万元政策性奖补' } },
  eligibility: { fact: 'innovationGrade', has: 'A', label: '科创指数等级为 A' },
  amount: { ceiling: '$max' },
};
