/**
 * The built-in fact catalogue (src/policy/engine/facts.ts) in the API's FactView shape, as
 * GET /api/policy/facts lists it before any administrator adds a fact (catalogue-service.ts
 * factView: source 'computed' shown as 'derived'). Pure data, for the web's unit tests, which
 * cannot fetch the catalogue.
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
    path: def.path ?? null,
    values: null,
    expression: null,
    origin: 'builtin',
  }));
}
