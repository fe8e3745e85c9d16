import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 1: high-level platforms. Four "最高" ceilings, each for a platform newly approved or built. */
export const m1Items: SupportItem[] = [
  ceilingItem({
    id: 'm1.national_key_lab', measure: 1, title: '全国重点实验室建设', clause: '对在苏州建设的全国重点实验室分类分阶段给予最高2亿元支持。',
    departments: ['kjj'], form: '支持', period: 'per_project', fact: 'nationalKeyLab', label: '在苏州建设全国重点实验室', max: '2亿', maxClause: '分类分阶段给予最高2亿元支持',
  }),
  ceilingItem({
    id: 'm1.national_center', measure: 1, title: '国家级创新中心与重大科技基础设施', clause: '对新获批的国家技术（产业）创新中心、国家制造业创新中心、列入省预研筹建的重大科技基础设施等科技创新平台给予最高5000万元支持。',
    departments: ['fgw', 'kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'nationalInnovationCenter', label: '新获批国家技术（产业）/制造业创新中心或列入省预研筹建的重大科技基础设施', max: '5000万', maxClause: '给予最高5000万元支持',
  }),
  ceilingItem({
    id: 'm1.advanced_institute', measure: 1, title: '高等研究院建设经费', clause: '布局建设一批高等研究院，促进高校科研成果高水平创造、高效率转化，给予最高5亿元建设经费支持。',
    departments: ['jyj', 'kjj'], form: '支持', period: 'per_project', fact: 'advancedInstitute', label: '布局建设的高等研究院', max: '5亿', maxClause: '给予最高5亿元建设经费支持',
  }),
  ceilingItem({
    id: 'm1.science_center', measure: 1, title: '国家基础/前沿科学中心', clause: '争取建设国家基础科学中心、国家前沿科学中心、国家基础学科研究中心，对新获批的给予最高500万元支持。',
    departments: ['jyj', 'kjj'], form: '支持', period: 'per_project', fact: 'nationalScienceCenter', label: '新获批国家基础科学中心、前沿科学中心或基础学科研究中心', max: '500万', maxClause: '对新获批的给予最高500万元支持',
  }),
];
