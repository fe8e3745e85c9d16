import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 3: technology supply. Five items; all "最高" ceilings. */
export const m3Items: SupportItem[] = [
  ceilingItem({
    id: 'm3.joint_fund', measure: 3, title: '省市自然科学联合基金项目', clause: '完善省市自然科学联合基金计划，单个项目给予最高500万元支持。',
    departments: ['kjj'], form: '支持', period: 'per_project', fact: 'jointFundProject', label: '承担省市自然科学联合基金项目', max: '500万', maxClause: '单个项目给予最高500万元支持',
  }),
  ceilingItem({
    id: 'm3.basic_research', measure: 3, title: '市基础研究试点单位', clause: '支持市基础研究试点单位自主组织、经费包干实施基础研究项目，每年给予最高1000万元支持。',
    departments: ['kjj'], form: '支持', period: 'per_year', fact: 'basicResearchPilot', label: '市基础研究试点单位', max: '1000万', maxClause: '每年给予最高1000万元支持',
  }),
  ceilingItem({
    id: 'm3.conversion_project', measure: 3, title: '重大科技成果转化项目', clause: '面向企业征集并凝炼形成技术攻关清单，实施重大科技成果转化项目并给予最高2000万元支持。',
    departments: ['kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'conversionProjectApproved', label: '重大科技成果转化项目立项', max: '2000万', maxClause: '实施重大科技成果转化项目并给予最高2000万元支持',
  }),
  ceilingItem({
    id: 'm3.national_project', measure: 3, title: '牵头承担国家重大科研任务', clause: '对牵头承担国家科技重大专项、国家重点研发计划的企业给予最高2000万元支持。',
    departments: ['kjj'], form: '支持', period: 'per_project', fact: 'leadsNationalProject', label: '牵头承担国家科技重大专项或重点研发计划', max: '2000万', maxClause: '给予最高2000万元支持',
  }),
  {
    id: 'm3.central_local',
    measure: 3,
    title: '央地协同科技重大项目配套',
    clause: '联动支持“创新生物药”等央地协同科技重大项目，对新立项项目最高按上级财政拨款的50%给予支持。',
    departments: ['kjj', 'gxj'],
    form: '配套',
    period: 'per_project',
    status: 'draft',
    effective: { from: '2026-01-01' },
    parameters: { rate: { kind: 'rate', value: '50%', label: '配套比例上限', clause: '最高按上级财政拨款的50%给予支持' } },
    eligibility: { fact: 'upperLevelFunding', gt: '0元', label: '上级财政拨款' },
    amount: { ceiling: { rate: '$rate', of: 'upperLevelFunding', rounding: 'floor' } },
  },
];
