import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 14: first-of-a-kind products. (The disclosure of achievements is the market module's part.) */
export const m14Items: SupportItem[] = [
  ceilingItem({
    id: 'm14.first_set', measure: 14, title: '首台（套）、首批次、首版次支持', clause: '对经苏州市及以上认定的首台（套）装备、首批次新材料推广应用产品、首版次软件，给予最高100万元支持。',
    departments: ['gxj'], form: '支持', period: 'per_project', fact: 'firstSetCertified', label: '首台（套）/首批次/首版次认定', max: '100万', maxClause: '给予最高100万元支持',
  }),
];
