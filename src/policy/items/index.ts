/**
 * The support items written in code: every quantitative clause of the 19 measures
 * (measures 2, 11, 15, 16 and 17 name no amount for an enterprise; coverage.ts says
 * what the platform does for them), including 科创指数惠 from the innovation index. Each is data checked by the rule schema.
 */
import type { SupportItem } from '../engine/schema.js';
import { m1Items } from './m01.js';
import { m3Items } from './m03.js';
import { m4Items } from './m04.js';
import { m5Items } from './m05.js';
import { m6Items } from './m06.js';
import { m7Consortium, m7IndexReward, m7UniversityContract } from './m07.js';
import { m8Equipment } from './m08.js';
import { m9Challenge } from './m09.js';
import { m10Items } from './m10.js';
import { m12Items } from './m12.js';
import { m13Insurance } from './m13.js';
import { m14Items } from './m14.js';
import { m18HighValueShare, m18Portfolio } from './m18.js';
import { m19Items } from './m19.js';
import { AUDIENCES, MATERIALS } from './audiences.js';

const ALL: readonly SupportItem[] = [
  ...m1Items,
  ...m3Items,
  ...m4Items,
  ...m5Items,
  ...m6Items,
  m7UniversityContract,
  m7Consortium,
  m7IndexReward,
  m8Equipment,
  m9Challenge,
  ...m10Items,
  ...m12Items,
  m13Insurance,
  ...m14Items,
  m18Portfolio,
  m18HighValueShare,
  ...m19Items,
];

/** Every item with its audience (适用对象) and materials checklist (audiences.ts). */
export const ITEMS: readonly SupportItem[] = ALL.map((item) => ({
  ...item,
  ...(AUDIENCES[item.id] ? { audience: AUDIENCES[item.id] } : {}),
  ...(MATERIALS[item.id] ? { materials: MATERIALS[item.id] } : {}),
}));
