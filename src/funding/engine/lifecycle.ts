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
