/**
 * Words for the market's codes, from the dictionary (web/src/lib/messages.ts). The Chinese
 * entries repeat the server's labels (TRL_LEVELS, STAGE_LABEL, ACTION_LABEL, END_REASONS,
 * the matcher's mode names); labels.test.ts keeps them equal, so a new code or a changed
 * word fails the unit tests rather than showing a raw code.
 */
import { messages, type MessageKey } from '../../lib/messages.js';
import type { Action, EndReason, Stage } from './moves.js';
import type { AchievementStatus, ConversionMode, DemandStatus, PartyReasonKind, ReasonKind, Task, ValuationMethod, Visibility } from './types.js';
import { isMarketKey, type MarketKey } from './words.js';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const modeLabel = (t: T, mode: ConversionMode | string) => (isKey(`market.mode.${mode}`) ? t(`market.mode.${mode}` as MessageKey) : mode);
export const stageLabel = (t: T, stage: Stage | string) => (isKey(`market.stage.${stage}`) ? t(`market.stage.${stage}` as MessageKey) : stage);
export const actionLabel = (t: T, action: Action | string) => (isKey(`market.action.${action}`) ? t(`market.action.${action}` as MessageKey) : action);
export const endReasonLabel = (t: T, reason: EndReason | string) => (isKey(`market.endReason.${reason}`) ? t(`market.endReason.${reason}` as MessageKey) : reason);
export const methodLabel = (t: T, method: ValuationMethod | string) => (isKey(`market.method.${method}`) ? t(`market.method.${method}` as MessageKey) : method);
export const visibilityLabel = (t: T, v: Visibility) => t(`market.visibility.${v}`);
export const achievementStatusLabel = (t: T, s: AchievementStatus) => t(`market.achievementStatus.${s}`);
export const demandStatusLabel = (t: T, s: DemandStatus) => t(`market.demandStatus.${s}`);
export const reasonKindLabel = (t: T, k: ReasonKind | string) => (isKey(`market.reason.${k}`) ? t(`market.reason.${k}` as MessageKey) : k);
/**
 * A ranked party's reason kind: the match reasons' words where they share a kind (terms, field,
 * district), the market's own for the others (achievements, demands, industry, index, affiliation).
 */
export const partyReasonLabel = (t: (key: MarketKey | MessageKey) => string, k: PartyReasonKind | string) =>
  isKey(`market.reason.${k}`) ? t(`market.reason.${k}` as MessageKey) : isMarketKey(`market.x.kind.${k}`) ? t(`market.x.kind.${k}` as MarketKey) : k;
export const priorityLabel = (t: T, p: Task['priority']) => t(`market.task.priority.${p}`);
export const taskStatusLabel = (t: T, s: Task['status']) => t(`market.task.status.${s}`);
/** A TRL level's definition (GB/T 22900 paraphrased). */
export const trlDefinition = (t: T, level: number) => (isKey(`market.trl.${level}`) ? t(`market.trl.${level}` as MessageKey) : '');

function isKey(key: string): boolean {
  return key in messages.zh;
}

export const STAGE_COLOR: Record<Stage, string> = {
  recommended: 'blue',
  contacted: 'cyan',
  negotiating: 'geekblue',
  signed: 'purple',
  converted: 'green',
  terminated: 'default',
};

/**
 * A match score (0–1) in words: 高 from 0.6, 中 from 0.45 (the score a recommendation needs,
 * src/market/pipeline-service.ts MIN_SCORE), 低 below; the number is shown on hover.
 */
export type MatchStrength = 'high' | 'mid' | 'low';
export function matchStrength(score: number): MatchStrength {
  return score >= 0.6 ? 'high' : score >= 0.45 ? 'mid' : 'low';
}
