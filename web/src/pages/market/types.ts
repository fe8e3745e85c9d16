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

/** demandView() */
export interface Demand {
  id: number;
  orgId: number;
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
  score: number;
  reasons: MatchReason[];
  stage: string;
  stageLabel: string;
  stageSince: string;
  responseDue: string | null;
  overdue: boolean;
  brokerUserId: number | null;
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
