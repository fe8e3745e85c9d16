import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/**
 * Measure 5: the one amount in the text is the global R&D centre of a 科技领军企业.
 * (Titles such as 高新技术企业 are rewarded "按照相关政策", i.e. under other policies:
 * see coverage.ts.)
 */
export const m5Items: SupportItem[] = [
  ceilingItem({
    id: 'm5.global_rd_center', measure: 5, title: '科技领军企业全球研发中心', clause: '动态选树科研投入高、领军人才优、技术产品强的科技领军企业，支持其建设全球研发中心，给予最高1亿元支持。',
    departments: ['kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'globalRdCenter', label: '科技领军企业建设全球研发中心', max: '1亿', maxClause: '给予最高1亿元支持',
  }),
];
