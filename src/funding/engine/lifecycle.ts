/**
 * The lifecycle of an application for a support item, as a table of legal moves.
 *
 *   申报:     draft → pre_review (each responsible department signs) → expert_review
 *             → approval (one or two officials) → publicity (公示) → payable → paid → closed
 *   免申即享: offered (the batch found the enterprise eligible; data checked)
 *             → the enterprise confirms and gives its bank account → approval → … the same
 *
 * Side moves: returned for changes (and resubmitted), rejected with a reason code
 * and text, withdrawn by the applicant, an approval cancelled during publicity
 * (an upheld objection), a payment returned by the bank (退票: back to 待拨付, to be
 * paid again once the enterprise has corrected its account), a payment clawed
 * back (追回) after it was made. Actions
 * that do not change the state (a department's sign-off before the last one,
 * assigning an expert, a score, an objection and its resolution, a first
 * approval of two) are checked here too, so every action is judged against the
 * state it meets. Pure.
 */

export const STATES = ['draft', 'offered', 'pre_review', 'expert_review', 'approval', 'publicity', 'payable', 'paid', 'closed', 'returned', 'rejected', 'withdrawn', 'clawed_back'] as const;
export type State = (typeof STATES)[number];

export const STATE_LABEL: Record<State, string> = {
  draft: '草稿',
  offered: '待企业确认',
  pre_review: '部门初审',
  expert_review: '专家评审',
  approval: '待审批',
  publicity: '公示中',
  payable: '待拨付',
  paid: '已拨付',
  closed: '已办结',
  returned: '退回修改',
  rejected: '不予支持',
  withdrawn: '已撤回',
  clawed_back: '已追回',
};

export const ACTIONS = [
  'submit',
  'confirm',
  'withdraw',
  'pre_pass',
  'return',
  'reject',
  'assign_expert',
  'declare_conflict',
  'score',
  'finish_review',
  'approve',
  'object',
  'resolve_objection',
  'end_publicity',
  'cancel',
  'pay',
  'close',
  'claw_back',
  'return_payment',
  'update_bank',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABEL: Record<Action, string> = {
  submit: '提交',
  confirm: '确认并填写收款账户',
  withdraw: '撤回',
  pre_pass: '初审通过',
  return: '退回修改',
  reject: '不予支持',
  assign_expert: '指派专家',
  declare_conflict: '声明回避',
  score: '专家评分',
  finish_review: '结束评审',
  approve: '审批通过',
  object: '提出异议',
  resolve_objection: '处理异议',
  end_publicity: '结束公示',
  cancel: '撤销审批',
  pay: '拨付',
  close: '办结',
  claw_back: '追回资金',
  return_payment: '支付退回（退票）',
  update_bank: '更新收款账户',
};

/** Who may take an action: the applicant (the enterprise), an official of a responsible department, an assigned expert, anyone signed in (objections), finance. */
export type Actor = 'applicant' | 'department' | 'expert' | 'anyone' | 'finance';

export const ACTION_ACTOR: Record<Action, readonly Actor[]> = {
  submit: ['applicant'],
  confirm: ['applicant'],
  withdraw: ['applicant'],
  pre_pass: ['department'],
  return: ['department'],
  reject: ['department'],
  assign_expert: ['department'],
  declare_conflict: ['expert'],
  score: ['expert'],
  finish_review: ['department'],
  approve: ['department'],
  object: ['anyone'],
  resolve_objection: ['department'],
  end_publicity: ['department'],
  cancel: ['department'],
  pay: ['department'],
  close: ['department'],
  claw_back: ['department'],
  return_payment: ['department'],
  update_bank: ['applicant'],
};

/**
 * Legal moves: for each state, the actions it allows and where they lead.
 * `stay` marks actions that are recorded without changing the state (or that
 * change it only when their condition is met: the last sign-off, the second approval).
 */
const NEXT: Record<State, Partial<Record<Action, State | 'stay'>>> = {
  draft: { submit: 'pre_review', withdraw: 'withdrawn' },
  offered: { confirm: 'approval', withdraw: 'withdrawn' },
  pre_review: { pre_pass: 'stay', return: 'returned', reject: 'rejected', withdraw: 'withdrawn' },
  expert_review: { assign_expert: 'stay', declare_conflict: 'stay', score: 'stay', finish_review: 'approval', return: 'returned', reject: 'rejected', withdraw: 'withdrawn' },
  approval: { approve: 'stay', return: 'returned', reject: 'rejected' },
  publicity: { object: 'stay', resolve_objection: 'stay', end_publicity: 'payable', cancel: 'rejected' },
  payable: { pay: 'paid', cancel: 'rejected', update_bank: 'stay' },
  paid: { close: 'closed', claw_back: 'clawed_back', return_payment: 'payable' },
  closed: { claw_back: 'clawed_back' },
  returned: { submit: 'pre_review', withdraw: 'withdrawn' },
  rejected: {},
  withdrawn: {},
  clawed_back: {},
};

/** Why an application was not supported. */
export const REJECT_REASONS = {
  not_eligible: '不符合支持条件',
  materials: '材料不全或不实',
  score_low: '评审得分未达要求',
  budget: '年度预算已用完',
  duplicate: '已获同类支持（就高不重复）',
  objection_upheld: '公示异议成立',
  other: '其他',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export const FINAL: readonly State[] = ['closed', 'rejected', 'withdrawn', 'clawed_back'];

export type TransitionResult = { ok: true; to: State | 'stay' } | { ok: false; field: string; message: string };

/** The table lookup, with the refusal in words (what the state allows instead). */
export function transition(from: State, action: Action): TransitionResult {
  const to = NEXT[from]?.[action];
  if (to) return { ok: true, to };
  const allowed = Object.keys(NEXT[from] ?? {}) as Action[];
  return {
    ok: false,
    field: 'action',
    message: allowed.length ? `申报当前为“${STATE_LABEL[from]}”，不能“${ACTION_LABEL[action]}”；可以：${allowed.map((a) => ACTION_LABEL[a]).join('、')}` : `申报当前为“${STATE_LABEL[from]}”，已结束，不能再办理`,
  };
}

/** The actions a state allows (for the web's buttons). */
export function allowedActions(state: State): Action[] {
  return Object.keys(NEXT[state]) as Action[];
}

// ------------------------------------------------------------------ working days (公示期)

/**
 * The date `n` working days after `start` (exclusive): weekends and the given
 * public holidays are skipped, the given adjusted working days (调休) count.
 * Dates are YYYY-MM-DD in Suzhou time.
 */
export function addWorkingDays(start: string, n: number, holidays: ReadonlySet<string> = new Set(), workdays: ReadonlySet<string> = new Set()): string {
  let d = new Date(`${start}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (workdays.has(iso) || (!weekend && !holidays.has(iso))) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** The states in which an application counts as an award the enterprise holds (caps, limits, quotas, grant history). */
export const APPROVED_STATES: readonly State[] = ['publicity', 'payable', 'paid', 'closed'];

// ------------------------------------------------------------------ what a viewer may do now, and whom it waits for

/** What the server knows about an application and one viewer, for viewerActions (read by the service, judged here). */
export interface ViewerContext {
  state: State;
  year: number;
  today: string;
  /** The viewer's enterprise made the application. */
  applicant: boolean;
  /** The viewer is the person who made it (may not approve it). */
  applicantUser: boolean;
  /** The viewer's department, when it is one of the item's responsible departments; else null. */
  department: string | null;
  /** Signed in at all (objections during 公示). */
  signedIn: boolean;
  /** The viewer's own review, when assigned as an expert. */
  expert: { scored: boolean; conflict: boolean } | null;
  /** The item's responsible departments, in order, with their Chinese names. */
  departments: readonly { code: string; name: string }[];
  /** Departments that signed the pre-review. */
  signed: readonly string[];
  /** Experts assigned and not recused, and how many of them scored. */
  reviews: { active: number; scored: number };
  /** Approvals recorded so far (one, in 待审批, means a second official must approve), and whether the viewer gave one. */
  approvals: { count: number; byViewer: boolean };
  /** The viewer signed the pre-review or scored it (may not approve). */
  viewerReviewed: boolean;
  /** The item has a budget for the application's year. */
  hasBudget: boolean;
  publicityTo: string | null;
  openObjections: number;
}

/**
 * The actions the viewer may take now (each one the server would accept as far as the state, the
 * person and the budget go; amounts and texts are still judged when the action comes), and, when
 * someone else must move the application on, who: "等待 市教育局 初审". Pure; the same table as transition().
 */
export function viewerActions(c: ViewerContext): { actions: Action[]; waitingFor: string | null } {
  const dept = c.department !== null;
  const names = (codes?: readonly string[]) => (codes ? c.departments.filter((d) => codes.includes(d.code)) : c.departments).map((d) => d.name);
  const anyDept = names().join('或');
  const inPublicity = c.publicityTo !== null && c.today <= c.publicityTo;
  const may: Record<Action, () => boolean> = {
    submit: () => c.applicant,
    confirm: () => c.applicant,
    withdraw: () => c.applicant,
    update_bank: () => c.applicant,
    pre_pass: () => dept && !c.signed.includes(c.department!),
    return: () => dept,
    reject: () => dept,
    assign_expert: () => dept,
    declare_conflict: () => !!c.expert && !c.expert.conflict && !c.expert.scored,
    score: () => !!c.expert && !c.expert.conflict && !c.expert.scored,
    finish_review: () => dept && c.reviews.active > 0 && c.reviews.scored === c.reviews.active,
    approve: () => dept && c.hasBudget && !c.approvals.byViewer && !c.viewerReviewed && !c.applicantUser,
    object: () => c.signedIn && inPublicity,
    resolve_objection: () => dept && c.openObjections > 0,
    end_publicity: () => dept && !inPublicity && c.openObjections === 0,
    cancel: () => dept,
    pay: () => dept,
    close: () => dept,
    claw_back: () => dept,
    return_payment: () => dept,
  };
  const actions = allowedActions(c.state).filter((a) => may[a]());
  return { actions, waitingFor: waitingFor(c, dept, names, anyDept, inPublicity, actions) };
}

function waitingFor(c: ViewerContext, dept: boolean, names: (codes?: readonly string[]) => string[], anyDept: string, inPublicity: boolean, actions: readonly Action[]): string | null {
  switch (c.state) {
    case 'draft':
    case 'returned':
      return c.applicant ? null : '等待 申报单位 提交';
    case 'offered':
      return c.applicant ? null : '等待 企业 确认并填写收款账户';
    case 'pre_review': {
      const left = c.departments.map((d) => d.code).filter((d) => !c.signed.includes(d));
      if (dept && left.includes(c.department!)) return null;
      return `等待 ${names(left).join('、')} 初审`;
    }
    case 'expert_review':
      if (c.reviews.active === 0) return dept ? null : `等待 ${anyDept} 指派评审专家`;
      if (c.reviews.scored < c.reviews.active) return actions.includes('score') ? null : `等待 评审专家 评分（还有 ${c.reviews.active - c.reviews.scored} 位未评分）`;
      return dept ? null : `等待 ${anyDept} 结束评审`;
    case 'approval':
      if (!c.hasBudget) return `尚未设立 ${c.year} 年度预算：等待 ${anyDept} 设立预算后审批`;
      if (actions.includes('approve')) return null;
      if (dept && (c.viewerReviewed || c.applicantUser || c.approvals.byViewer)) return `等待 ${anyDept} 另一位工作人员${c.approvals.count > 0 ? '作第二位审批' : '审批'}（参与初审、评审或已审批的人员不能再审批）`;
      return c.approvals.count > 0 ? `等待 ${anyDept} 第二位审批人审批` : `等待 ${anyDept} 审批`;
    case 'publicity':
      if (inPublicity) return `公示中，公示期至 ${c.publicityTo}`;
      if (c.openObjections > 0) return dept ? null : `等待 ${anyDept} 处理异议`;
      return dept ? null : `等待 ${anyDept} 结束公示`;
    case 'payable':
      return dept ? null : `等待 ${anyDept} 拨付`;
    case 'paid':
    case 'closed':
    case 'rejected':
    case 'withdrawn':
    case 'clawed_back':
      return null;
  }
}
