import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 4: talent. The young-scientist award is a fixed 50万; the team supports are ceilings. */
export const m4Items: SupportItem[] = [
  {
    id: 'm4.young_scientist',
    measure: 4,
    title: '青年科学家支持',
    clause: '建立青年科学家发布制度，给予50万元支持并直接认定为苏州创新创业领军人才',
    departments: ['rcb', 'kjj'],
    form: '支持',
    period: 'once',
    status: 'draft',
    effective: { from: '2026-01-01' },
    parameters: { award: { kind: 'money', value: '50万', label: '支持金额', clause: '给予50万元支持' } },
    eligibility: { fact: 'youngScientist', is: true, label: '入选青年科学家发布' },
    amount: { fixed: '$award' },
    // "并直接认定为苏州创新创业领军人才": the approval (after its 公示) records the recognition, which other rules read.
    effects: [{ qualification: 'leading_talent', label: '直接认定为苏州创新创业领军人才' }],
  },
  ceilingItem({
    id: 'm4.top_talent', measure: 4, title: '顶尖人才（团队）', clause: '对顶尖人才（团队）给予最高1亿元支持',
    departments: ['rcb', 'kjj'], form: '支持', period: 'once', fact: 'topTalentTeam', label: '顶尖人才（团队）', max: '1亿', maxClause: '给予最高1亿元支持',
  }),
  leadingTalent({
    id: 'm4.leading_talent', measure: 4, title: '苏州创新创业领军人才（团队）', clause: '对苏州创新创业领军人才（团队）给予最高3000万元支持',
    departments: ['rcb', 'kjj'], form: '支持', period: 'once', fact: 'leadingTalentTeam', label: '创新创业领军人才（团队）', max: '3000万', maxClause: '给予最高3000万元支持',
  }),
];

/** 领军人才（团队）: declared by the enterprise, or recognised on the platform (a young scientist is "直接认定为苏州创新创业领军人才"). */
function leadingTalent(spec: Parameters<typeof ceilingItem>[0]): SupportItem {
  const item = ceilingItem(spec);
  return { ...item, eligibility: { any: [item.eligibility, { fact: 'qualifications', has: 'leading_talent', label: '已认定为苏州创新创业领军人才' }], label: '创新创业领军人才（团队）' } };
}
