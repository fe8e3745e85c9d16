/**
 * What /api/funding/* returns. The routes declare no zod response schemas, so these are written out
 * from src/funding/applications.ts (applicationView, getApplication), budgets.ts, attachments.ts,
 * offers.ts and ledger-repo.ts (reconcileLedger). The budget dashboard's route does declare one
 * (BudgetOverview in src/shared/funding.ts), so its type is inferred from it.
 */
import type { z } from 'zod';
import type { Action, State } from '../../../../src/funding/engine/lifecycle.js';
import type * as funding from '../../../../src/shared/funding.js';

export type { Action, State };

export interface Evaluation {
  status: 'eligible' | 'not_eligible' | 'needs_input';
  explanation: string;
  amount: { min: number; max: number } | null;
  kind: 'entitlement' | 'ceiling' | null;
  missing: Array<{ fact: string; label: string }>;
  steps?: string[];
  failed?: string[];
}

/** applicationView(): one row of the list, and the head of the detail. */
export interface Application {
  id: number;
  orgId: number;
  orgName: string | null;
  itemId: string;
  itemTitle: string;
  itemVersion: number;
  departments: string[];
  year: number;
  origin: 'apply' | 'proactive';
  state: State;
  stateLabel: string;
  /** The actions this viewer may take now (the server's lifecycle table, its people rules and the budget). */
  allowed: Action[];
  /** Whom the application waits for when it is not this viewer's turn, e.g. "等待 市教育局 初审". */
  waitingFor: string | null;
  project: string | null;
  facts: Record<string, unknown>;
  evaluation: Evaluation;
  /** 分 */
  engineFen: { min: number; max: number } | null;
  requestedFen: number | null;
  approvedFen: number | null;
  approvalReason: string | null;
  budgetId: number | null;
  /** The account number masked to its last four digits. */
  bankAccount: { holder: string; bank: string; account: string } | null;
  publicity: { from: string; to: string } | null;
  rejectReason: string | null;
  rejectReasonLabel: string | null;
  rejectNote: string | null;
  returnNote: string | null;
  createdAt: string;
  submittedAt: string | null;
}

export interface Criterion {
  code: string;
  label: string;
  max: number;
}

/** getApplication(): the view plus the record of everything done. */
export interface ApplicationDetail extends Application {
  criteria: Criterion[];
  /** 合作单位: a platform organisation (orgId) or a name. */
  partners: Array<{ orgId: number | null; name: string }>;
  /** Officials and admins see every reviewer; the enterprise sees 评审专家 A, B… (assign_expert's detail.reviewer); an expert themself. */
  events: Array<{ from: string | null; to: string; action: string; note: string | null; detail: Record<string, unknown> | null; at: string; by: string | null }>;
  signoffs: Array<{ department: string; by: string; note: string | null; at: string }>;
  /** Officials and admins see every review with names; an expert their own; the enterprise the scores under 评审专家 A, B…. */
  reviews: Array<{ expertId: number | null; expert: string; conflictDeclared: boolean; scores: Record<string, number> | null; total: number | null; opinion: string | null; scoredAt: string | null }>;
  approvals: Array<{ by: string; amountFen: number; reason: string | null; at: string }>;
  objections: Array<{ id: number; text: string; at: string; resolution: string | null; upheld: boolean | null; resolvedAt: string | null }>;
}

/** POST …/act */
export interface ActResult {
  id: number;
  state: State;
  allowed: Action[];
  payment?: { id: number; amountFen: number; replayed: boolean };
}

export interface Attachment {
  id: number;
  kind: string;
  /** The materials-checklist entry it answers (the item's materials[].key), if any. */
  materialKey?: string | null;
  filename: string;
  mime: string;
  typeLabel: string;
  sizeBytes: number;
  sha256: string;
  at: string;
}

export interface OfferResult {
  runId: number;
  year: number;
  candidates: number;
  created: number;
  noLongerEligible: number;
  more: boolean;
}

export interface Budget {
  id: number;
  name: string;
  kind: 'item' | 'pool';
  itemId: string | null;
  itemTitle: string | null;
  year: number | null;
  years: { from: number; to: number } | null;
  poolId: number | null;
  departmentCode: string;
  fundedFen: number;
  availableFen: number;
  reservedFen: number;
  spentFen: number;
}

export interface Movement {
  id: number;
  kind: string;
  kindLabel: string;
  /** Set when the movement reached this budget through another (a pool's). */
  viaBudgetId: number | null;
  applicationId: number | null;
  amountFen: number;
  note: string | null;
  at: string;
  by: string | null;
}

export interface BudgetLedger {
  budget: Budget;
  total: number;
  items: Movement[];
  page: number;
  pageSize: number;
}

export interface ReconcileReport {
  ok: boolean;
  movements: number;
  debitFen: number;
  creditFen: number;
  problems: string[];
}

/** GET /api/funding/budgets/overview?year (the server validates its answer against this schema). */
export type BudgetOverview = z.infer<typeof funding.BudgetOverview>;
