/**
 * The support items encoded so far (issue #3 in progress): measures 3, 4, 7, 8, 9,
 * 12, 13, 14 and 18. Each is data checked by the rule schema; more measures follow.
 */
import type { SupportItem } from '../engine/schema.js';
import { m3Items } from './m03.js';
import { m4Items } from './m04.js';
import { m7UniversityContract } from './m07.js';
import { m8Equipment } from './m08.js';
import { m9Challenge } from './m09.js';
import { m12Items } from './m12.js';
import { m13Insurance } from './m13.js';
import { m14Items } from './m14.js';
import { m18HighValueShare, m18Portfolio } from './m18.js';

export const ITEMS: readonly SupportItem[] = [
  ...m3Items,
  ...m4Items,
  m7UniversityContract,
  m8Equipment,
  m9Challenge,
  ...m12Items,
  m13Insurance,
  ...m14Items,
  m18Portfolio,
  m18HighValueShare,
];
