/**
 * The built-in fact catalogue (src/policy/engine/facts.ts) in the API's FactView shape
 * (src/shared/policy.ts): origin 'builtin', source 'computed' shown as 'derived', no path,
 * values or expression. Pure data: the web's tests read it too.
 */
import type { FactView } from '../shared/policy.js';
import { FACTS, type FactDef } from './engine/facts.js';

export function builtinFactViews(): FactView[] {
  return Object.entries(FACTS as Record<string, FactDef>).map(([name, def]) => ({
    name,
    label: def.label,
    type: def.type,
    source: def.source === 'computed' ? 'derived' : def.source,
    meaning: def.meaning,
    path: null,
    values: null,
    expression: null,
    origin: 'builtin',
  }));
}
