/**
 * The worked examples of docs/policy-rules.md run as written: every ```json block after an
 * `<!-- example: name -->` marker is loaded with the checks of saving and evaluated for the cases below,
 * the numbers the page states. A page example without cases here, or cases without an example, fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItem } from './engine/check.js';
import { evaluateItem } from './engine/evaluate.js';
import type { Facts } from './engine/facts.js';
import type { PriorAward } from './engine/history.js';
import { applyHistoryAndStacking } from './engine/stacking.js';
import { parseMoney } from './engine/money.js';

const page = readFileSync(path.join(import.meta.dirname, '../../docs/policy-rules.md'), 'utf8');
const EXAMPLES = new Map([...page.matchAll(/<!-- example: (\w+) -->\s*```json\n([\s\S]*?)```/g)].map((m) => [m[1]!, JSON.parse(m[2]!) as unknown]));

type Case = { name: string; facts: Record<string, number | boolean | string | string[]>; history?: PriorAward[]; full?: string; expect: 'not_eligible' | 'needs_input' | string; missing?: string[] };
const W = (t: string) => parseMoney(t);
const award = (itemId: string, year: number, amount: string): PriorAward => ({ itemId, year, amount: W(amount) });

const CASES: Record<string, Case[]> = {
  increment: [
    { name: '600万 × 10%', facts: { rdExpense: W('1600万'), 'rdExpense@-1': W('1000万') }, expect: '60万' },
    { name: 'capped', facts: { rdExpense: W('3000万'), 'rdExpense@-1': W('1000万') }, expect: '100万' },
    { name: 'fell', facts: { rdExpense: W('800万'), 'rdExpense@-1': W('1000万') }, expect: 'not_eligible' },
    { name: 'no earlier year', facts: { rdExpense: W('800万') }, expect: 'needs_input', missing: ['rdExpense@-1'] },
  ],
  revenue_bands: [
    { name: 'exactly 1亿', facts: { revenue: W('1亿') }, expect: '50万' },
    { name: 'exactly 5亿', facts: { revenue: W('5亿') }, expect: '50万' },
    { name: '5亿 + 1分', facts: { revenue: W('5亿') + 1 }, expect: '100万' },
    { name: '9999.99万', facts: { revenue: W('9999.99万') }, expect: '20万' },
    { name: '1999万', facts: { revenue: W('1999万') }, expect: 'not_eligible' },
  ],
  consecutive_lifetime: [
    { name: 'trimmed to what is left', facts: { rdExpense: W('5000万') }, history: [award('demo-city.sustained', 2024, '200万'), award('demo-city.sustained', 2025, '200万')], expect: '100万' },
    { name: 'fourth year', facts: { rdExpense: W('5000万') }, history: [award('demo-city.sustained', 2023, '100万'), award('demo-city.sustained', 2024, '100万'), award('demo-city.sustained', 2025, '100万')], expect: 'not_eligible' },
    { name: 'run broken', facts: { rdExpense: W('5000万') }, history: [award('demo-city.sustained', 2023, '100万')], expect: 'not_eligible' },
  ],
  first_renewal: [
    { name: 'first', facts: { qualifications: ['hnte'], qualificationsFirst: ['hnte'], qualificationsRenewed: [] }, expect: '30万' },
    { name: 'renewal', facts: { qualifications: ['hnte'], qualificationsFirst: [], qualificationsRenewed: ['hnte'] }, expect: '10万' },
    { name: 'none', facts: { qualifications: [], qualificationsFirst: [], qualificationsRenewed: [] }, expect: 'not_eligible' },
  ],
  matching: [
    { name: '800万', facts: { upperLevelFunding: W('800万') }, expect: '800万' },
    { name: 'capped', facts: { upperLevelFunding: W('1500万') }, expect: '1000万' },
  ],
  per_head: [
    { name: '3 PhDs', facts: { newPhdHires: 3 }, expect: '15万' },
    { name: '12 PhDs', facts: { newPhdHires: 12 }, expect: '50万' },
    { name: 'not declared', facts: {}, expect: 'needs_input', missing: ['newPhdHires'] },
  ],
  interest: [
    { name: '120.01万', facts: { loanInterestPaid: W('120.01万') }, expect: '600050元' },
    { name: 'half up', facts: { loanInterestPaid: W('33.33元') }, expect: '16.67元' },
    { name: 'capped', facts: { loanInterestPaid: W('300万') }, expect: '100万' },
    { name: 'second year', facts: { loanInterestPaid: W('100万') }, history: [award('demo-city.interest', 2025, '50万')], expect: '50万' },
    { name: 'third year', facts: { loanInterestPaid: W('100万') }, history: [award('demo-city.interest', 2024, '50万'), award('demo-city.interest', 2025, '50万')], expect: 'not_eligible' },
  ],
  no_double: [
    { name: 'within 3 years', facts: { rdInstitutionRecognised: true }, history: [award('m6.rd_input', 2024, '100万')], expect: 'not_eligible' },
    { name: 'four years ago', facts: { rdInstitutionRecognised: true }, history: [award('m6.rd_input', 2023, '100万')], expect: '50万' },
  ],
  district_only: [
    { name: 'in the park', facts: { district: '320571' }, expect: '10万' },
    { name: 'elsewhere', facts: { district: '320505' }, expect: 'not_eligible' },
    { name: 'unknown', facts: {}, expect: 'needs_input', missing: ['district'] },
  ],
  quota: [
    { name: 'a place left', facts: { qualifications: ['gazelle'] }, expect: '20万' },
    { name: 'full', facts: { qualifications: ['gazelle'] }, full: '2026 年度本区名额 10 个已满（已批 10 个）', expect: 'not_eligible' },
  ],
};

describe('docs/policy-rules.md worked examples', () => {
  it('every example on the page has cases here and every case an example', () => {
    expect([...EXAMPLES.keys()].sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [name, cases] of Object.entries(CASES)) {
    describe(name, () => {
      for (const c of cases) {
        it(c.name, () => {
          const item = loadItem(EXAMPLES.get(name));
          const facts: Facts = Object.fromEntries(Object.entries(c.facts).map(([k, v]) => [k, { value: v, source: 'declaration' as const }]));
          const history = c.history ?? [];
          const [r] = applyHistoryAndStacking([item], [evaluateItem(item, facts, { history, year: 2026 })], history, 2026, new Map(c.full ? [[item.id, c.full]] : []));
          if (c.expect === 'not_eligible' || c.expect === 'needs_input') {
            expect(r!.status, r!.explanation).toBe(c.expect);
            if (c.missing) expect(r!.missing.map((m) => m.fact)).toEqual(c.missing);
          } else {
            expect(r!.status, r!.explanation).toBe('eligible');
            expect(r!.amount).toEqual({ min: W(c.expect), max: W(c.expect) });
          }
        });
      }
    });
  }
});
