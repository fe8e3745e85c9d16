/**
 * Pure helpers of the funding pages: the lifecycle's words in both languages (Chinese straight from
 * src/funding/engine/lifecycle.ts), which buttons a viewer gets (the state's `allowed` actions AND the
 * viewer's role per ACTION_ACTOR; the server decides finally), the steps of an application's path,
 * exact money in 元, and a sequential batch runner with a per-row result.
 */
import { ACTION_ACTOR, ACTION_LABEL, REJECT_REASONS, STATE_LABEL, type Action, type RejectReason, type State } from '../../../../src/funding/engine/lifecycle.js';
import type { Role } from '../../../../src/shared/enums.js';
import type { Lang } from '../../lib/i18n.js';

const STATE_EN: Record<State, string> = {
  draft: 'Draft',
  offered: 'Awaiting confirmation',
  pre_review: 'Department screening',
  expert_review: 'Expert review',
  approval: 'Awaiting approval',
  publicity: 'In publicity',
  payable: 'Awaiting payment',
  paid: 'Paid',
  closed: 'Closed',
  returned: 'Returned for changes',
  rejected: 'Not supported',
  withdrawn: 'Withdrawn',
  clawed_back: 'Clawed back',
};

const ACTION_EN: Record<Action, string> = {
  submit: 'Submit',
  confirm: 'Confirm with bank account',
  withdraw: 'Withdraw',
  pre_pass: 'Pass screening',
  return: 'Return for changes',
  reject: 'Do not support',
  assign_expert: 'Assign an expert',
  declare_conflict: 'Declare a conflict',
  score: 'Score',
  finish_review: 'Finish the review',
  approve: 'Approve',
  object: 'Raise an objection',
  resolve_objection: 'Resolve an objection',
  end_publicity: 'End publicity',
  cancel: 'Cancel the approval',
  pay: 'Pay',
  close: 'Close',
  claw_back: 'Claw back the payment',
  return_payment: 'Payment returned by the bank',
  update_bank: 'Update the bank account',
};

const REASON_EN: Record<RejectReason, string> = {
  not_eligible: 'Does not meet the conditions',
  materials: 'Materials incomplete or untrue',
  score_low: 'Review score too low',
  budget: 'The year\'s budget is used up',
  duplicate: 'Already supported for the same (highest only)',
  objection_upheld: 'Objection upheld',
  other: 'Other',
};

/** Events the lifecycle table does not name (the server writes them). */
const EVENT_WORDS: Record<string, { zh: string; en: string }> = {
  create: { zh: '新建', en: 'Created' },
  offer: { zh: '免申即享推送', en: 'Offered (no application)' },
};

export const stateLabel = (lang: Lang, s: string): string => (s in STATE_LABEL ? (lang === 'zh' ? STATE_LABEL[s as State] : STATE_EN[s as State]) : s);
export const actionLabel = (lang: Lang, a: string): string =>
  a in ACTION_LABEL ? (lang === 'zh' ? ACTION_LABEL[a as Action] : ACTION_EN[a as Action]) : (EVENT_WORDS[a]?.[lang] ?? a);
export const rejectReasonLabel = (lang: Lang, r: string): string => (r in REJECT_REASONS ? (lang === 'zh' ? REJECT_REASONS[r as RejectReason] : REASON_EN[r as RejectReason]) : r);
export const REJECT_REASON_CODES = Object.keys(REJECT_REASONS) as RejectReason[];

export function stateColor(s: State): string {
  switch (s) {
    case 'draft':
    case 'returned':
      return 'orange';
    case 'offered':
      return 'purple';
    case 'pre_review':
    case 'expert_review':
    case 'approval':
      return 'blue';
    case 'publicity':
      return 'cyan';
    case 'payable':
      return 'gold';
    case 'paid':
    case 'closed':
      return 'green';
    case 'rejected':
    case 'clawed_back':
      return 'red';
    case 'withdrawn':
      return 'default';
  }
}

/** The lifecycle's actors a signed-in role may be (department = an official; the server checks the department and the person). */
function actorsOf(role: Role): string[] {
  switch (role) {
    case 'enterprise':
      return ['applicant', 'anyone'];
    case 'official':
      return ['department', 'anyone'];
    case 'expert':
      return ['expert', 'anyone'];
    case 'finance':
      return ['finance', 'anyone'];
    case 'admin':
    case 'institution':
    case 'tech_manager':
    case 'commissioner':
      return ['anyone'];
  }
}

/** The buttons a viewer gets: what the state allows, kept to the actions the viewer's role may take. */
export function actionsFor(role: Role, allowed: readonly Action[]): Action[] {
  const mine = actorsOf(role);
  return allowed.filter((a) => ACTION_ACTOR[a].some((x) => mine.includes(x)));
}

/** The main path of each origin; side states (退回, 不予支持, 撤回) stop on it where they left it. */
const APPLY_PATH: readonly State[] = ['draft', 'pre_review', 'expert_review', 'approval', 'publicity', 'payable', 'paid', 'closed'];
const OFFER_PATH: readonly State[] = ['offered', 'approval', 'publicity', 'payable', 'paid', 'closed'];

export interface StepsView {
  path: readonly State[];
  current: number;
  status: 'process' | 'finish' | 'error' | 'wait';
  /** The side state the application is in, if any (shown on the step where it stopped). */
  side: State | null;
}

/**
 * The steps of an application: its origin's path, the current step, and for a side state the step it
 * left (the last event that started from a state on the path).
 */
export function stepsOf(origin: 'apply' | 'proactive', state: State, events: ReadonlyArray<{ from: string | null; to: string }>): StepsView {
  const path = origin === 'proactive' ? OFFER_PATH : APPLY_PATH;
  const at = path.indexOf(state);
  if (at >= 0) return { path, current: at, status: state === 'closed' ? 'finish' : 'process', side: null };
  const left = [...events].reverse().find((e) => e.to === state && e.from !== null && path.includes(e.from as State));
  const current = left ? path.indexOf(left.from as State) : 0;
  return { path, current, status: state === 'returned' ? 'process' : 'error', side: state };
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 分 → exact 元 ("1,234,567.89 元"), for confirming a payment to the 分. */
export function formatFenYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const abs = Math.abs(fen);
  const text = `${group(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
  return `${fen < 0 ? '-' : ''}${text} 元`;
}

/** An approval needs a reason when its amount is not the engine's figure (the maximum). */
export function approvalNeedsReason(amountFen: number | null, engineMaxFen: number | null): boolean {
  return amountFen !== null && engineMaxFen !== null && amountFen !== engineMaxFen;
}

/** A fresh idempotency key for one payment dialog. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

export interface BatchRow<T> {
  id: number;
  ok: boolean;
  result?: T;
  message?: string;
}

/**
 * Runs one request per id, one after another (each its own audited action; the server judges each),
 * and reports every row: done or the server's sentence.
 */
export async function runBatch<T>(ids: readonly number[], run: (id: number) => Promise<T>, describe: (err: unknown) => string, onRow?: (row: BatchRow<T>) => void): Promise<BatchRow<T>[]> {
  const rows: BatchRow<T>[] = [];
  for (const id of ids) {
    let row: BatchRow<T>;
    try {
      row = { id, ok: true, result: await run(id) };
    } catch (err) {
      row = { id, ok: false, message: describe(err) };
    }
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

/** The 万元 range an evaluation names: exact, or 最高 for a ceiling. */
export function amountRangeKind(amount: { min: number; max: number } | null, kind: string | null): 'none' | 'exact' | 'ceiling' | 'range' {
  if (!amount) return 'none';
  if (kind === 'ceiling') return 'ceiling';
  return amount.min === amount.max ? 'exact' : 'range';
}
