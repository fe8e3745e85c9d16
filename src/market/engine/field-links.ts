/**
 * Neighbouring fields learned from the market's own data, not from a hand list: two fields are linked as strongly as
 * the items that carry them carry them together. The evidence is field-code sets — each achievement's and each
 * demand's `fields` (a document naming 新材料 and 航空航天 says the two meet) — and, optionally, pairs: a demand's
 * fields × the fields of the achievement it was signed or accepted with (a weighted item whose two sides meet).
 *
 * For fields x ≠ y (at the chosen level: top-level codes by default), with n(x) the weight of the items carrying x,
 * c(x, y) the weight of those carrying both (for a pair: x on one side, y on the other) and N the total weight:
 *   npmi    max(0, ln(c·N / (n(x)·n(y))) / −ln(c / N))   (normalised PMI, 1 when every item carries both; the default)
 *   cosine  c / √(n(x)·n(y))                          (Ochiai)
 *   jaccard c / (n(x) + n(y) − c)
 * each 0–1, and 0 when c is below the minimum support (a coincidence of one or two items says nothing). No field is
 * its own neighbour. Counts are kept per item, so items can be added, replaced and removed one at a time and the
 * strengths always equal those learned from the current items at once. Pure and deterministic.
 */

export type LinkMeasure = 'cosine' | 'jaccard' | 'npmi';

export interface FieldLinkOptions {
  /** The least (weighted) number of items carrying both fields for a link to count. */
  minSupport: number;
  measure: LinkMeasure;
  /** The level linked: a code to its unit (top-level field by default; the identity links subfields). */
  level: (code: string) => string;
}

/**
 * Default minimum support and measure: 3 items carrying both fields, NPMI. Chosen with the matcher's neighbour factor
 * on eval/market-independent's dev half (bench/market-eval.ts --neighbour-support/--neighbour-measure, never its test
 * half; docs/matching.md): with NPMI at factors 1–2, supports 1–5 gave the same dev figures, so 3 is a middle value (one or two items
 * naming two fields is a coincidence however strong its ratio). NPMI rather than cosine or Jaccard: a field most items
 * carry (新材料 in a third of them) co-occurs with everything, and cosine links it to every field — those links
 * brought look-alikes into the top 10 on dev (nDCG@10 down 0.003–0.019 at the factors where recall rose); NPMI counts a
 * pair only as far as it meets more often than chance (原子级制造—集成电路, 航空航天—新材料).
 */
export const FIELD_LINK_MIN_SUPPORT = 3;
export const FIELD_LINK_MEASURE: LinkMeasure = 'npmi';

export const topField = (code: string) => code.split('.')[0]!;

export interface FieldLink {
  a: string;
  b: string;
  /** c(a, b): the weight of the items carrying both. */
  support: number;
  strength: number;
}

/** What one item contributed, to take it back exactly. */
interface Item {
  units: string[];
  pairs: string[];
  weight: number;
}

const SEP = '\u0000';
const pairKey = (x: string, y: string) => (x < y ? `${x}${SEP}${y}` : `${y}${SEP}${x}`);
/** Sums of weights below this are zero (removing non-integer weights can leave rounding residue). */
const EPS = 1e-9;

export class FieldLinks {
  readonly options: FieldLinkOptions;
  private readonly items = new Map<string, Item>();
  private readonly single = new Map<string, number>();
  private readonly joint = new Map<string, number>();
  private total = 0;

  constructor(options: Partial<FieldLinkOptions> = {}) {
    this.options = { minSupport: FIELD_LINK_MIN_SUPPORT, measure: FIELD_LINK_MEASURE, level: topField, ...options };
    if (!(this.options.minSupport > 0)) throw new Error('领域关联的最小支持数必须大于 0');
  }

  private units(codes: readonly string[]): string[] {
    return [...new Set(codes.map(this.options.level))].sort();
  }

  private put(key: string, item: Item): void {
    this.remove(key);
    if (!(item.weight > 0) || item.units.length === 0) return;
    this.items.set(key, item);
    this.total += item.weight;
    for (const u of item.units) this.single.set(u, (this.single.get(u) ?? 0) + item.weight);
    for (const p of item.pairs) this.joint.set(p, (this.joint.get(p) ?? 0) + item.weight);
  }

  /** One item's fields (an achievement's or a demand's): each two distinct fields in it meet. Replaces the key's earlier evidence. */
  add(key: string, fields: readonly string[], weight = 1): void {
    const units = this.units(fields);
    const pairs: string[] = [];
    for (let i = 0; i < units.length; i++) for (let j = i + 1; j < units.length; j++) pairs.push(pairKey(units[i]!, units[j]!));
    this.put(key, { units, pairs, weight });
  }

  /**
   * A matched pair's fields (a demand's × the achievement's it was signed or accepted with): each field of one side
   * meets each different field of the other. Replaces the key's earlier evidence.
   */
  addPair(key: string, demandFields: readonly string[], achievementFields: readonly string[], weight = 1): void {
    const d = this.units(demandFields);
    const a = this.units(achievementFields);
    const pairs = new Set<string>();
    for (const x of d) for (const y of a) if (x !== y) pairs.add(pairKey(x, y));
    this.put(key, { units: this.units([...demandFields, ...achievementFields]), pairs: [...pairs].sort(), weight });
  }

  remove(key: string): void {
    const item = this.items.get(key);
    if (!item) return;
    this.items.delete(key);
    const less = (m: Map<string, number>, k: string) => {
      const v = (m.get(k) ?? 0) - item.weight;
      if (v > EPS) m.set(k, v);
      else m.delete(k);
    };
    for (const u of item.units) less(this.single, u);
    for (const p of item.pairs) less(this.joint, p);
    this.total = this.items.size ? this.total - item.weight : 0;
  }

  get size(): number {
    return this.items.size;
  }

  private measure(c: number, nx: number, ny: number): number {
    const n = this.total;
    switch (this.options.measure) {
      case 'jaccard':
        return c / (nx + ny - c);
      case 'npmi': {
        if (c >= n - EPS) return 1;
        return Math.max(0, Math.log((c * n) / (nx * ny)) / -Math.log(c / n));
      }
      case 'cosine':
        return c / Math.sqrt(nx * ny);
    }
  }

  /** The link between two units (already at the level, e.g. 'newmat' and 'aerospace'): 0–1, 0 for a field and itself. */
  strength(x: string, y: string): number {
    if (x === y) return 0;
    const c = this.joint.get(pairKey(x, y)) ?? 0;
    if (c < this.options.minSupport - EPS) return 0;
    const s = this.measure(c, this.single.get(x)!, this.single.get(y)!);
    return Math.min(1, Math.max(0, s));
  }

  /**
   * The strongest link from a field of `from` to a different field of `to` (codes at any level), or null when none
   * counts. Ties go to the first pair in code order, so the answer does not depend on the lists' order.
   */
  strongest(from: readonly string[], to: readonly string[]): { from: string; to: string; strength: number } | null {
    let best: { from: string; to: string; strength: number } | null = null;
    for (const x of this.units(from))
      for (const y of this.units(to)) {
        const s = this.strength(x, y);
        if (s > 0 && (!best || s > best.strength)) best = { from: x, to: y, strength: s };
      }
    return best;
  }

  /** Every link that counts, strongest first (then by codes). */
  links(): FieldLink[] {
    const out: FieldLink[] = [];
    for (const [k, c] of this.joint) {
      const [a, b] = k.split(SEP) as [string, string];
      const strength = this.strength(a, b);
      if (strength > 0) out.push({ a, b, support: c, strength });
    }
    return out.sort((p, q) => q.strength - p.strength || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  }
}

/** A matched pair as evidence: a demand's fields and the fields of the achievement it was signed or accepted with. */
export interface FieldPairEvidence {
  demandFields: readonly string[];
  achievementFields: readonly string[];
  weight?: number;
}

/** Links learned at once from field sets (achievements' and demands' `fields`) and, optionally, matched pairs. */
export function learnFieldLinks(sets: readonly (readonly string[])[], pairs: readonly FieldPairEvidence[] = [], options: Partial<FieldLinkOptions> = {}): FieldLinks {
  const links = new FieldLinks(options);
  sets.forEach((s, i) => links.add(`s:${i}`, s));
  pairs.forEach((p, i) => links.addPair(`p:${i}`, p.demandFields, p.achievementFields, p.weight ?? 1));
  return links;
}
