/**
 * The support items encoded so far (issue #3 in progress). Each is data checked
 * by the rule schema; more measures follow.
 */
import type { SupportItem } from '../engine/schema.js';
import { m7UniversityContract } from './m07.js';
import { m8Equipment } from './m08.js';
import { m9Challenge } from './m09.js';
import { m13Insurance } from './m13.js';
import { m18HighValueShare, m18Portfolio } from './m18.js';

export const ITEMS: readonly SupportItem[] = [m7UniversityContract, m8Equipment, m9Challenge, m13Insurance, m18Portfolio, m18HighValueShare];
