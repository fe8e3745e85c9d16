/**
 * Arithmetic over facts, as data: what an analyst writes when a clause says
 * "研发费用较上年度增量的10%", "按上级拨款1:2配套", "近三年研发费用合计" or
 * "已获本政策支持的累计金额".
 *
 *   "5000万" | "5%" | "$param" | 15             a literal or a parameter
 *   { "fact": "rdExpense" }                      a fact (latest year for yearly figures)
 *   { "fact": "rdExpense", "yearsAgo": 1 }       a yearly figure of an earlier year (the year before the latest)
 *   { "sumYears": "rdExpense", "years": 3 }      the latest 3 years added up (every year must be known)
 *   { "add": [a, b, …] }, { "sub": [a, b] }, { "mul": [a, b] }, { "div": [a, b] }, { "min": [a, b, …] }, { "max": [a, b, …] }
 *   { "granted": { "items": ["m4.*", "$self"], "years": 3, "what": "amount" | "count" | "years" } }
 *                                                what the enterprise was granted (the funding ledger's approved awards):
 *                                                the total, the number of awards, or the number of distinct years,
 *                                                of the items matching the patterns, within the last `years` years
 *                                                (this year included; all years when omitted). "$self" is the item itself.
 *
 * Values are exact fractions (BigInt); units are checked when the rule is loaded
 * (money ± money, money × ratio, count × money, money ÷ money = ratio, …), and a
 * money result is rounded to the 分 only at the end, by the rounding the rule declares.
 */
import { z } from 'zod';

export type Expr =
  | string
  | number
  | { fact: string; yearsAgo?: number }
  | { sumYears: string; years: number }
  | { add: Expr[] }
  | { sub: [Expr, Expr] }
  | { mul: [Expr, Expr] }
  | { div: [Expr, Expr] }
  | { min: Expr[] }
  | { max: Expr[] }
  | { granted: { items: string[]; years?: number; what?: 'amount' | 'count' | 'years' } };

/** An item pattern in `granted`: an item id, a prefix with * ("m4.*", "sip-2027.*"), or "$self". */
const ItemPattern = z.string().regex(/^(\$self|[a-z][a-z0-9_-]*(\.[a-z0-9_]+|\.\*|\*))$/, '事项应写成事项编号、带 * 的前缀（如 m4.*）或 $self');

export const Expr: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.number().int().nonnegative(),
    z.strictObject({ fact: z.string().min(1), yearsAgo: z.number().int().min(0).max(10).optional() }),
    z.strictObject({ sumYears: z.string().min(1), years: z.number().int().min(1).max(10) }),
    z.strictObject({ add: z.array(Expr).min(2) }),
    z.strictObject({ sub: z.tuple([Expr, Expr]) }),
    z.strictObject({ mul: z.tuple([Expr, Expr]) }),
    z.strictObject({ div: z.tuple([Expr, Expr]) }),
    z.strictObject({ min: z.array(Expr).min(2) }),
    z.strictObject({ max: z.array(Expr).min(2) }),
    z.strictObject({
      granted: z.strictObject({ items: z.array(ItemPattern).min(1), years: z.number().int().min(1).max(50).optional(), what: z.enum(['amount', 'count', 'years']).optional() }),
    }),
  ]),
);

/** The key under which a yearly figure of an earlier year is held: rdExpense@-1 is the year before the latest. */
export const yearKey = (fact: string, yearsAgo: number): string => (yearsAgo === 0 ? fact : `${fact}@-${yearsAgo}`);

/** "rdExpense@-2" → { base: "rdExpense", yearsAgo: 2 }. */
export function splitYearKey(name: string): { base: string; yearsAgo: number } {
  const m = /^(.+)@-(\d+)$/.exec(name);
  return m ? { base: m[1]!, yearsAgo: Number(m[2]) } : { base: name, yearsAgo: 0 };
}

/** Whether an item id matches a `granted` pattern ("$self" is resolved by the caller). */
export function matchesItem(pattern: string, itemId: string): boolean {
  if (pattern.endsWith('*')) return itemId.startsWith(pattern.slice(0, -1));
  return pattern === itemId;
}
