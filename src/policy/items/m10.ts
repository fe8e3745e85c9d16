import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 10: future industries. Three "最高" ceilings. */
export const m10Items: SupportItem[] = [
  ceilingItem({
    id: 'm10.future_institute', measure: 10, title: '省未来产业（技术）研究院', clause: '对新获批省未来产业（技术）研究院给予最高100万元支持。',
    departments: ['kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'futureIndustryInstitute', label: '新获批省未来产业（技术）研究院', max: '100万', maxClause: '给予最高100万元支持',
  }),
  ceilingItem({
    id: 'm10.ai_project', measure: 10, title: '国家人工智能重大工程和应用场景', clause: '加快布局人工智能行业应用基地，对国家人工智能重大工程和应用场景给予最高1亿元支持。',
    departments: ['gxj', 'fgw'], form: '支持', period: 'per_project', fact: 'nationalAiProject', label: '承担国家人工智能重大工程或应用场景', max: '1亿', maxClause: '给予最高1亿元支持',
  }),
  ceilingItem({
    id: 'm10.new_track_zone', measure: 10, title: '新获评国家新赛道的高新区', clause: '对新获评国家新赛道的高新区给予最高1000万元支持。',
    departments: ['kjj', 'fgw'], form: '支持', period: 'per_project', fact: 'newTrackZone', label: '新获评国家新赛道的高新区', max: '1000万', maxClause: '给予最高1000万元支持',
  }),
];
