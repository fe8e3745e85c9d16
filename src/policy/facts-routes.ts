/**
 * GET /api/policy/facts: the fact catalogue for the web (rule editor, calculator, application
 * forms), in the FactView shape of src/shared/policy.ts. Until facts become data (issue #12,
 * item 2) it lists the built-in catalogue (src/policy/fact-views.ts).
 */
import { z } from 'zod';
import { PUBLIC } from '../auth/access.js';
import type { Api } from '../platform/http/types.js';
import { FactView } from '../shared/policy.js';
import { builtinFactViews } from './fact-views.js';

export function policyFactRoutes(app: Api) {
  app.get(
    '/api/policy/facts',
    { config: { access: PUBLIC }, schema: { tags: ['policy'], summary: '事实目录：规则可用的事实（名称、中文名、类型、来源、含义）', response: { 200: z.object({ facts: z.array(FactView) }) } } },
    async () => ({ facts: builtinFactViews() }),
  );
}
