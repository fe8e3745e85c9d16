/**
 * Which pipeline moves to offer. The table of legal moves is the server's own
 * (src/market/pipeline.ts, pure, imported as-is): each action is tried on the
 * match's stage with a complete input, so the buttons follow the table exactly.
 * Only the parties may 拒绝 (the server says so with a 403); they get 拒绝 where
 * it is legal and 终止 where it is not (a signed contract); others get 终止.
 */
import { ACTIONS, END_REASONS, STAGES, move, type Action, type EndReason, type Stage } from '../../../../src/market/pipeline.js';

export { ACTIONS, END_REASONS, STAGES, type Action, type EndReason, type Stage };

export const END_REASON_CODES = Object.keys(END_REASONS) as EndReason[];
/** The stages of the board, in order: 推荐 → 对接 → 洽谈 → 签约 → 转化, and 终止. */
export const OPEN_STAGES: readonly Stage[] = ['recommended', 'contacted', 'negotiating'];

export function isStage(stage: string): stage is Stage {
  return (STAGES as readonly string[]).includes(stage);
}

/** Actions the table allows from a stage. */
export function legalActions(stage: string): Action[] {
  if (!isStage(stage)) return [];
  return ACTIONS.filter((action) => move(stage, { action, reason: 'other', note: '-', contractFen: 1 }).ok);
}

/** The buttons a viewer gets: the legal moves, with 拒绝 for the parties and 终止 for everyone else. */
export function offeredActions(stage: string, party: boolean): Action[] {
  const legal = legalActions(stage);
  const canDecline = party && legal.includes('decline');
  return legal.filter((a) => (a === 'decline' ? canDecline : a === 'terminate' ? !canDecline : true));
}

/** What the move dialog asks for. */
export function needsReason(action: Action): boolean {
  return action === 'decline' || action === 'terminate';
}
