import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 6: R&D institutions, and a yearly amount by the enterprise's R&D input. */
export const m6Items: SupportItem[] = [
  ceilingItem({
    id: 'm6.rd_institution', measure: 6, title: '企业研发机构建设', clause: '鼓励企业建设各级工程研究中心、企业技术中心、重点实验室、省工程技术联合实验室等各类研发机构，推进符合条件的工业企业研发机构建设实现动态全覆盖，给予最高2000万元支持。',
    departments: ['fgw', 'kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'rdInstitutionRecognised', label: '建有经认定的各级研发机构', max: '2000万', maxClause: '给予最高2000万元支持',
  }),
  ceilingItem({
    id: 'm6.new_rd_institute', measure: 6, title: '新建苏州市新型研发机构', clause: '高水平建设苏州市新型研发机构，对新建的给予最高 1000 万元支持。',
    departments: ['kjj'], form: '支持', period: 'per_project', fact: 'newRdInstitute', label: '新建苏州市新型研发机构', max: '1000万', maxClause: '对新建的给予最高 1000 万元支持',
  }),
  ceilingItem({
    id: 'm6.foreign_institute', measure: 6, title: '外资及港澳台企业研究院', clause: '支持外资及港澳台企业建设研究院，加快向创新企业转型，给予最高1000万元支持。',
    departments: ['swj', 'kjj'], form: '支持', period: 'per_project', fact: 'foreignInvestedInstitute', label: '外资及港澳台企业建设研究院', max: '1000万', maxClause: '给予最高1000万元支持',
  }),
  {
    id: 'm6.rd_input',
    measure: 6,
    title: '企业研发投入支持',
    clause: '根据企业研发投入情况每年给予最高200万元支持。',
    departments: ['kjj', 'sw_tax'],
    form: '支持',
    period: 'per_year',
    status: 'draft',
    effective: { from: '2026-01-01' },
    parameters: { max: { kind: 'money', value: '200万', label: '上限', clause: '每年给予最高200万元支持' } },
    // The text gives no formula: any recorded R&D input qualifies; the amount is a ceiling decided by review.
    eligibility: { fact: 'rdExpense', gt: '0元', label: '研发费用' },
    amount: { ceiling: '$max' },
  },
];
