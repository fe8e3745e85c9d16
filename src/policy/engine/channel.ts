/**
 * Which facts an item reads, and from that its channel: 免申即享 when every fact
 * comes from the platform's own records (or is computed from them), otherwise 申报.
 */
import { factDef } from './facts.js';
import type { Amount, Condition, SupportItem } from './schema.js';

export type Channel = 'no_application' | 'application';

function conditionFacts(c: Condition, out: Set<string>) {
  if ('all' in c) c.all.forEach((x) => conditionFacts(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionFacts(x, out));
  else if ('not' in c) conditionFacts(c.not, out);
  else if ('ratio' in c) c.ratio.forEach((f) => out.add(f));
  else out.add(c.fact);
}

function amountFacts(a: Amount, out: Set<string>) {
  if ('rate' in a) out.add(a.of);
  else if ('cap' in a) amountFacts(a.cap, out);
  else if ('ceiling' in a) {
    if (typeof a.ceiling !== 'string') amountFacts(a.ceiling, out);
  } else if ('perItem' in a) out.add(a.perItem.count);
  else if ('tiers' in a) out.add(a.tiers.of);
}

/** The facts an item's eligibility and amount read, sorted. */
export function factsUsed(item: SupportItem): string[] {
  const out = new Set<string>();
  conditionFacts(item.eligibility, out);
  amountFacts(item.amount, out);
  return [...out].sort();
}

export function channelOf(item: SupportItem): Channel {
  return factsUsed(item).every((f) => factDef(f)?.source !== 'declaration') ? 'no_application' : 'application';
}

export const CHANNEL_LABEL: Record<Channel, string> = { no_application: '免申即享', application: '申报' };
