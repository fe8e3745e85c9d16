/**
 * The conversion pipeline of a match: 推荐 → 对接 → 洽谈 → 签约 → 转化, or 终止 with
 * a reason code from any open stage. A table of legal moves; everything else is
 * refused with the reason in words. A party that declines must give a reason; a
 * signing needs the contract amount; a stage left without an answer past its
 * response deadline is overdue. Pure.
 */

export const STAGES = ['recommended', 'contacted', 'negotiating', 'signed', 'converted', 'terminated'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABEL: Record<Stage, string> = {
  recommended: '推荐',
  contacted: '对接',
  negotiating: '洽谈',
  signed: '签约',
  converted: '转化',
  terminated: '终止',
};

export const ACTIONS = ['contact', 'negotiate', 'sign', 'convert', 'decline', 'terminate'] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABEL: Record<Action, string> = {
  contact: '对接',
  negotiate: '进入洽谈',
  sign: '签约',
  convert: '确认转化',
  decline: '拒绝',
  terminate: '终止',
};

/** Why a match ended. */
export const END_REASONS = {
  not_relevant: '技术不对口',
  trl_mismatch: '成熟度不匹配',
  price: '价格或预算不一致',
  ip_terms: '知识产权条款未谈妥',
  found_other: '已找到其他方案',
  no_response: '对方未响应',
  demand_withdrawn: '需求已撤回',
  achievement_unavailable: '成果已转化或不可用',
  other: '其他',
} as const;
export type EndReason = keyof typeof END_REASONS;

const NEXT: Partial<Record<Stage, Partial<Record<Action, Stage>>>> = {
  recommended: { contact: 'contacted', decline: 'terminated', terminate: 'terminated' },
  contacted: { negotiate: 'negotiating', decline: 'terminated', terminate: 'terminated' },
  negotiating: { sign: 'signed', decline: 'terminated', terminate: 'terminated' },
  signed: { convert: 'converted', terminate: 'terminated' },
};

export interface MoveInput {
  action: Action;
  reason?: EndReason;
  note?: string;
  /** Contract amount in 分, required to sign. */
  contractFen?: number;
}

export type MoveResult = { ok: true; to: Stage } | { ok: false; field: string; message: string };

export function move(from: Stage, input: MoveInput): MoveResult {
  const to = NEXT[from]?.[input.action];
  if (!to) {
    const allowed = Object.keys(NEXT[from] ?? {}) as Action[];
    return {
      ok: false,
      field: 'action',
      message: allowed.length
        ? `当前为“${STAGE_LABEL[from]}”，不能“${ACTION_LABEL[input.action]}”；可以：${allowed.map((a) => ACTION_LABEL[a]).join('、')}`
        : `当前为“${STAGE_LABEL[from]}”，已结束，不能再变更`,
    };
  }
  if ((input.action === 'decline' || input.action === 'terminate') && !input.reason) return { ok: false, field: 'reason', message: '拒绝或终止须选择原因' };
  if (input.reason && !(input.reason in END_REASONS)) return { ok: false, field: 'reason', message: `未知的原因代码“${input.reason}”` };
  if (input.reason === 'other' && !input.note?.trim()) return { ok: false, field: 'note', message: '原因为“其他”时须填写说明' };
  if (input.action === 'sign' && !(Number.isSafeInteger(input.contractFen) && input.contractFen! > 0)) return { ok: false, field: 'contractFen', message: '签约须填写合同金额（分，正整数）' };
  return { ok: true, to };
}

/** Open stages wait for an answer; a stage entered more than `days` ago without a move is overdue. */
export function isOverdue(stage: Stage, enteredAt: Date, now: Date, responseDays: number): boolean {
  if (stage === 'converted' || stage === 'terminated' || stage === 'signed') return false;
  return now.getTime() - enteredAt.getTime() > responseDays * 86_400_000;
}
