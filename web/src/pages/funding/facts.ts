/**
 * The facts an application declares, as the policy calculator asks for them (its view of the fact
 * catalogue, web/src/pages/policy/facts.ts): only the item's own declaration facts; money typed in
 * 万元 and sent in exact 分, yes/no as a choice (left empty = not declared), counts as whole numbers.
 */
import { fenToWanString, parseWanToFen } from '../../lib/money.js';
import { declaredFacts, type DeclaredFact } from '../policy/facts.js';

export type FactValue = string | number | boolean | undefined;
export type FactValues = Record<string, FactValue>;

/** The declaration facts an item reads (in the catalogue's order). */
export function declaredFactsOf(itemFacts: readonly string[] | undefined): DeclaredFact[] {
  if (!itemFacts) return [];
  return declaredFacts().filter((f) => itemFacts.includes(f.name));
}

/** Form values → the body's facts (empty fields declare nothing; a bad amount is left to the field's rule). */
export function factsBody(facts: readonly DeclaredFact[], values: FactValues | undefined): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const f of facts) {
    const raw = values?.[f.name];
    if (raw === undefined || raw === null || raw === '') continue;
    if (f.def.type === 'money') {
      const r = typeof raw === 'string' ? parseWanToFen(raw) : null;
      if (r?.ok) out[f.name] = r.fen;
    } else if (f.def.type === 'boolean') {
      if (typeof raw === 'boolean') out[f.name] = raw;
    } else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) {
      out[f.name] = raw;
    }
  }
  return out;
}

/** A saved application's facts → form values (分 back to exact 万元). */
export function factsValues(facts: readonly DeclaredFact[], saved: Record<string, unknown> | null | undefined): FactValues {
  const out: FactValues = {};
  for (const f of facts) {
    const v = saved?.[f.name];
    if (v === undefined) continue;
    if (f.def.type === 'money' && typeof v === 'number') out[f.name] = fenToWanString(v);
    else if (typeof v === 'boolean' || typeof v === 'number') out[f.name] = v;
  }
  return out;
}
