/**
 * GET /api/policy/facts: the fact catalogue for the web (rule editor, calculator), in the
 * FactView shape of src/shared/policy.ts. Until facts become data (issue #12, item 2) it lists
 * the built-in catalogue of src/policy/engine/facts.ts: origin 'builtin', source 'computed'
 * shown as 'derived', no path, values or expression.
 */
import { z } from 'zod';
import { PUBLIC } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { FactView } from '../shared/policy.js';
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

export function policyFactRoutes(app: Api) {
  app.get(
    '/api/policy/facts',
    { config: { access: PUBLIC }, schema: { tags: ['policy'], summary: '事实目录：规则可用的事实（名称、中文名、类型、来源、含义）', response: { 200: z.object({ facts: z.array(FactView) }) } } },
    async () => ({ facts: builtinFactViews() }),
  );
}
