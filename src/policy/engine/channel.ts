/**
 * Which facts an item reads, and from that its channel: 免申即享 when every fact
 * comes from the platform's own records (or is derived from them), otherwise 申报.
 * Derived facts and expressions are expanded to the facts they finally read.
 */
import { BUILTIN_CATALOGUE, exprFacts, type Catalogue } from './catalogue.js';
import type { Expr } from './expr-schema.js';
import type { Amount, Condition, SupportItem } from './schema.js';

export type Channel = 'no_application' | 'application';

function exprInto(e: Expr | undefined, out: Set<string>) {
  if (e !== undefined) for (const f of exprFacts(e)) out.add(f);
}

function conditionFacts(c: Condition, out: Set<string>) {
  if ('all' in c) c.all.forEach((x) => conditionFacts(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionFacts(x, out));
  else if ('not' in c) conditionFacts(c.not, out);
  else if ('ratio' in c) c.ratio.forEach((f) => out.add(f));
  else if ('value' in c) [c.value, c.gte, c.gt, c.lte, c.lt].forEach((e) => exprInto(e, out));
  else out.add(c.fact);
}

function amountFacts(a: Amount, out: Set<string>) {
  if ('rate' in a) out.add(a.of);
  else if ('cap' in a) amountFacts(a.cap, out);
  else if ('ceiling' in a) {
    if (typeof a.ceiling !== 'string') amountFacts(a.ceiling, out);
  } else if ('perItem' in a) out.add(a.perItem.count);
  else if ('tiers' in a) out.add(a.tiers.of);
  else if ('expr' in a) exprInto(a.expr, out);
  else if ('choose' in a) {
    for (const b of a.choose) {
      conditionFacts(b.when, out);
      amountFacts(b.amount, out);
    }
    if (a.otherwise) amountFacts(a.otherwise, out);
  }
}

/** The facts an item's rule names directly (derived facts not expanded), sorted. */
export function factsNamed(item: SupportItem): string[] {
  const out = new Set<string>();
  conditionFacts(item.eligibility, out);
  amountFacts(item.amount, out);
  return [...out].sort();
}

/** The facts an item's amount finally reads (derived facts expanded), sorted. */
export function amountFactsUsed(item: SupportItem, cat: Catalogue = BUILTIN_CATALOGUE): string[] {
  const named = new Set<string>();
  amountFacts(item.amount, named);
  const out = new Set<string>();
  for (const f of named) for (const b of cat.baseFacts(f)) out.add(b);
  return [...out].sort();
}

/** The facts an item finally reads (derived facts expanded to what they read), sorted. */
export function factsUsed(item: SupportItem, cat: Catalogue = BUILTIN_CATALOGUE): string[] {
  const out = new Set<string>();
  for (const f of factsNamed(item)) for (const b of cat.baseFacts(f)) out.add(b);
  return [...out].sort();
}

export function channelOf(item: SupportItem, cat: Catalogue = BUILTIN_CATALOGUE): Channel {
  return factsUsed(item, cat).every((f) => cat.get(f)?.source !== 'declaration') ? 'no_application' : 'application';
}

export const CHANNEL_LABEL: Record<Channel, string> = { no_application: '免申即享', application: '申报' };
