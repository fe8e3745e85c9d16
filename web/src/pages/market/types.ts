/**
 * The technology market's response bodies. The routes declare no zod response schemas
 * (200: any), so these write out what src/market/service.ts, pipeline-service.ts and
 * tasks.ts return. Request bodies come from src/shared/market.ts.
 */
import type { ACHIEVEMENT_STATUSES, CONVERSION_MODES } from '../../../../src/shared/market.js';

export type ConversionMode = (typeof CONVERSION_MODES)[number];
export type AchievementStatus = (typeof ACHIEVEMENT_STATUSES)[number];
export type ValuationMethod = 'income' | 'market' | 'cost';
export type DemandStatus = 'open' | 'closed';
export type Visibility = 'public' | 'matched';

export interface TechField {
  code: string;
  name: string;
}
/** GET /api/market/fields */
export interface FieldsBody {
  fields: Array<TechField & { children: TechField[] }>;
  trl: Array<{ level: number; text: string }>;
  modes: ConversionMode[];
}

/** achievementView() */
export interface Achievement {
  id: number;
  ownerOrgId: number;
  ownerOrgName: string | null;
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  patents: string[];
  trl: number;
  valuation: { amountFen: number; method: ValuationMethod | null; date: string | null } | null;
  modes: ConversionMode[];
  publiclyFunded: boolean;
  confidential: boolean;
  team: string;
  status: AchievementStatus;
  dataAsOf: string;
  stale: boolean;
  disclosed: boolean;
}
/** getAchievement(): the view and whether the viewer may edit it (its institution, or an administrator). */
export type AchievementDetail = Achievement & { mine: boolean };

/** demandView() */
export interface Demand {
  id: number;
  orgId: number;
  orgName: string | null;
  title: string;
  problem: string;
  fields: string[];
  requiredTrl: { min: number; max: number };
  budgetFen: { min: number; max: number } | null;
  modes: ConversionMode[];
  deadline: string;
  visibility: Visibility;
  status: DemandStatus;
}
/** getDemand(): the view and whether the viewer may edit and close it (its enterprise, or an administrator). */
export type DemandDetail = Demand & { mine: boolean };

/** A search result: the view plus BM25F score and the matched query tokens (lower-cased, NFKC). */
export type Hit<T> = T & { score: number; highlight: string[] };

export type ReasonKind = 'terms' | 'field' | 'trl' | 'budget' | 'modes' | 'district';
export interface MatchReason {
  kind: ReasonKind;
  /** The reason in words (Chinese, from the server). */
  text: string;
  /** 0–1 */
  score: number;
}

/** GET /api/market/{achievements|demands}/:id/matches → { matches: Candidate[] } */
export interface Candidate {
  /** The other side's id (a demand for an achievement, an achievement for a demand). */
  id: number;
  title: string;
  score: number;
  reasons: MatchReason[];
  sharedTerms: string[];
  /** The other side's organisation. */
  orgId: number;
  orgName: string | null;
  /** The pair's match in the pipeline, when there is one the viewer may act on. */
  match: PipelineMatch | null;
}
/** The whole answer: the candidates at or above the floor (all of them with all=true), and how many were left out. */
export interface CandidateList {
  matches: Candidate[];
  hidden: number;
  floor: number;
}

/** rank.ts: a party's reasons, each 0–1. */
export type PartyReasonKind = 'achievements' | 'demands' | 'terms' | 'field' | 'industry' | 'index' | 'district' | 'affiliation';
export interface PartyReason {
  kind: PartyReasonKind;
  text: string;
  score: number;
}
/**
 * RankedParty: GET /api/market/demands/:id/institutions → { institutions }, …/experts → { experts },
 * GET /api/market/achievements/:id/enterprises → { enterprises }. `id` is the organisation's, or the
 * expert profile's for experts.
 */
export interface RankedParty {
  id: number;
  name: string;
  score: number;
  reasons: PartyReason[];
}

/** experts.ts view(): a 专家库 profile. */
export interface Expert {
  id: number;
  userId: number | null;
  name: string;
  orgId: number | null;
  orgName: string | null;
  /** 回避单位 besides the affiliation (kept by the department; both decide recusal in expert review). */
  avoidOrgs: Array<{ id: number; name: string }>;
  title: string;
  fields: string[];
  expertise: string;
  active: boolean;
}

/** matchView() */
export interface PipelineMatch {
  id: number;
  demandId: number;
  achievementId: number;
  demandTitle: string;
  achievementTitle: string;
  demandOrgId: number;
  achievementOrgId: number;
  demandOrgName: string | null;
  achievementOrgName: string | null;
  score: number;
  reasons: MatchReason[];
  stage: string;
  stageLabel: string;
  stageSince: string;
  responseDue: string | null;
  overdue: boolean;
  brokerUserId: number | null;
  brokerName: string | null;
  contractFen: number | null;
  endReason: string | null;
  endReasonLabel: string | null;
  endNote: string | null;
}

export interface MatchEvent {
  from: string | null;
  to: string;
  action: string;
  reason: string | null;
  note: string | null;
  contractFen: number | null;
  at: string;
  /** The user's display name; null for the platform's own recommendation. */
  by: string | null;
}
export type MatchDetail = PipelineMatch & { events: MatchEvent[] };

/** GET /api/notifications */
export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}
export interface NotificationsBody {
  total: number;
  unread: number;
  items: Notification[];
  page: number;
  pageSize: number;
}

/** listTasks() */
export interface Task {
  id: number;
  title: string;
  description: string;
  fields: string[];
  priority: 'high' | 'normal';
  /** The department's name (not its code). */
  department: string;
  status: 'draft' | 'published' | 'withdrawn';
  publishedAt: string | null;
  /** Officials and administrators only (GET /api/market/tasks/all). */
  demandIds?: number[];
  demandCount: number;
}
