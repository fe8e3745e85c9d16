import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/**
 * Measure 19: the text says 最高500万 twice, for building an offshore innovation
 * centre and for periodic merit-based support of one; they are two items. The
 * national and provincial joint laboratories are one group: a laboratory gets the
 * higher of the two, never both.
 */
export const m19Items: SupportItem[] = [
  ceilingItem({
    id: 'm19.offshore_build', measure: 19, title: '海外离岸创新中心建设', clause: '支持建设苏州市海外离岸创新中心，给予最高500万元支持。',
    departments: ['swj', 'kjj'], form: '支持', period: 'per_project', fact: 'offshoreCenterBuilt', label: '建设苏州市海外离岸创新中心', max: '500万', maxClause: '给予最高500万元支持',
  }),
  ceilingItem({
    id: 'm19.offshore_merit', measure: 19, title: '海外离岸创新中心择优支持', clause: '对符合条件的苏州市海外离岸创新中心，根据建设情况定期择优给予最高500万元支持。',
    departments: ['swj', 'kjj'], form: '支持', period: 'per_year', fact: 'offshoreCenterSelected', label: '海外离岸创新中心经定期择优入选', max: '500万', maxClause: '根据建设情况定期择优给予最高500万元支持',
  }),
  {
    ...ceilingItem({
      id: 'm19.joint_lab_national', measure: 19, title: '“一带一路”国家级联合实验室', clause: '争取建设一批“一带一路”沿线国家级、省级联合实验室，分别给予最高1000万元、500万元支持。',
      departments: ['kjj', 'swj'], form: '支持', period: 'per_project', fact: 'beltRoadLabNational', label: '获批“一带一路”沿线国家级联合实验室', max: '1000万', maxClause: '分别给予最高1000万元、500万元支持',
    }),
    stacking: { group: 'm19.joint_lab', policy: 'max' },
  },
  {
    ...ceilingItem({
      id: 'm19.joint_lab_provincial', measure: 19, title: '“一带一路”省级联合实验室', clause: '争取建设一批“一带一路”沿线国家级、省级联合实验室，分别给予最高1000万元、500万元支持。',
      departments: ['kjj', 'swj'], form: '支持', period: 'per_project', fact: 'beltRoadLabProvincial', label: '获批“一带一路”沿线省级联合实验室', max: '500万', maxClause: '分别给予最高1000万元、500万元支持',
    }),
    stacking: { group: 'm19.joint_lab', policy: 'max' },
  },
];
