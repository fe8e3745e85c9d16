/**
 * The rule editor's form, as pure functions: where a node sits in the document (paths written
 * as the checker writes them, e.g. `eligibility.all[1].fact`), what kind of condition or amount
 * a node is (anything else is "unknown" and left to the JSON, never dropped), new nodes of each
 * kind, the facts a document reads, and a line diff of two documents for the reviewer.
 */

export type Path = readonly (string | number)[];

/** The checker's spelling of a path: keys joined by dots, array indexes in brackets. */
export function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy of `doc` with `value` at `path` (undefined removes the key / array element). */
export function setAt(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(doc) ? [...(doc as unknown[])] : [];
    if (rest.length === 0 && value === undefined) arr.splice(head, 1);
    else arr[head] = setAt(arr[head], rest, value);
    return arr;
  }
  const obj: Record<string, unknown> = isObject(doc) ? { ...doc } : {};
  if (rest.length === 0 && value === undefined) delete obj[head!];
  else obj[head!] = setAt(obj[head!], rest, value);
  return obj;
}

export function getAt(doc: unknown, path: Path): unknown {
  let cur = doc;
  for (const p of path) {
    if (typeof p === 'number') cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = isObject(cur) ? cur[p] : undefined;
  }
  return cur;
}

// ------------------------------------------------------------------ conditions
export const COMPARE_OPS = ['gte', 'gt', 'lte', 'lt'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type ConditionKind = 'all' | 'any' | 'not' | 'is' | 'has' | 'in' | 'compare' | 'ratio' | 'unknown';
export const CONDITION_KINDS: readonly Exclude<ConditionKind, 'unknown'>[] = ['compare', 'is', 'has', 'in', 'ratio', 'all', 'any', 'not'];

const only = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

/** What the form can show of a condition node; 'unknown' for shapes it does not know (left to the JSON). */
export function conditionKind(node: unknown): ConditionKind {
  if (!isObject(node)) return 'unknown';
  if (Array.isArray(node.all) && only(node, ['all', 'label'])) return 'all';
  if (Array.isArray(node.any) && only(node, ['any', 'label'])) return 'any';
  if ('not' in node && only(node, ['not', 'label'])) return 'not';
  if (typeof node.fact === 'string' && typeof node.is === 'boolean' && only(node, ['fact', 'is', 'label'])) return 'is';
  if (typeof node.fact === 'string' && typeof node.has === 'string' && only(node, ['fact', 'has', 'label'])) return 'has';
  if (typeof node.fact === 'string' && Array.isArray(node.in) && node.in.every((x) => typeof x === 'string') && only(node, ['fact', 'in', 'label'])) return 'in';
  const opsOk = COMPARE_OPS.every((k) => node[k] === undefined || typeof node[k] === 'string' || typeof node[k] === 'number');
  if (typeof node.fact === 'string' && opsOk && only(node, ['fact', ...COMPARE_OPS, 'label'])) return 'compare';
  if (Array.isArray(node.ratio) && node.ratio.length === 2 && node.ratio.every((x) => typeof x === 'string') && opsOk && only(node, ['ratio', ...COMPARE_OPS, 'label']))
    return 'ratio';
  return 'unknown';
}

/** A new condition of a kind, keeping the label of the node it replaces. */
export function newCondition(kind: Exclude<ConditionKind, 'unknown'>, facts: { money: string; boolean: string; codes: string; choice?: string }, label?: unknown): Record<string, unknown> {
  const l = typeof label === 'string' && label ? { label } : {};
  switch (kind) {
    case 'all':
      return { all: [{ fact: facts.boolean, is: true }], ...l };
    case 'any':
      return { any: [{ fact: facts.boolean, is: true }], ...l };
    case 'not':
      return { not: { fact: facts.boolean, is: true }, ...l };
    case 'is':
      return { fact: facts.boolean, is: true, ...l };
    case 'has':
      return { fact: facts.codes, has: '', ...l };
    case 'in':
      return { fact: facts.choice ?? 'district', in: [], ...l };
    case 'compare':
      return { fact: facts.money, gte: '', ...l };
    case 'ratio':
      return { ratio: [facts.money, facts.money], gte: '', ...l };
  }
}

// ------------------------------------------------------------------ amounts
export type AmountKind = 'fixed' | 'rate' | 'cap' | 'ceiling' | 'perItem' | 'tiers' | 'unknown';
export const AMOUNT_KINDS: readonly Exclude<AmountKind, 'unknown'>[] = ['fixed', 'rate', 'cap', 'ceiling', 'perItem', 'tiers'];
export const ROUNDINGS = ['half_up', 'floor', 'ceil'] as const;

export function amountKind(node: unknown): AmountKind {
  if (!isObject(node)) return 'unknown';
  if (typeof node.fixed === 'string' && only(node, ['fixed'])) return 'fixed';
  if (typeof node.rate === 'string' && typeof node.of === 'string' && only(node, ['rate', 'of', 'rounding'])) return 'rate';
  if ('cap' in node && typeof node.max === 'string' && only(node, ['cap', 'max'])) return 'cap';
  if ('ceiling' in node && only(node, ['ceiling'])) return 'ceiling';
  if (isObject(node.perItem) && only(node, ['perItem']) && only(node.perItem, ['count', 'each', 'quota'])) return 'perItem';
  if (isObject(node.tiers) && only(node, ['tiers']) && Array.isArray(node.tiers.bands) && only(node.tiers, ['of', 'mode', 'rounding', 'bands']) && node.tiers.bands.every((b) => isObject(b) && only(b, ['upTo', 'rate', 'amount'])))
    return 'tiers';
  return 'unknown';
}

export function newAmount(kind: Exclude<AmountKind, 'unknown'>, facts: { money: string; count: string }): Record<string, unknown> {
  switch (kind) {
    case 'fixed':
      return { fixed: '50万' };
    case 'rate':
      return { rate: '5%', of: facts.money, rounding: 'half_up' };
    case 'cap':
      return { cap: { rate: '5%', of: facts.money, rounding: 'half_up' }, max: '100万' };
    case 'ceiling':
      return { ceiling: '100万' };
    case 'perItem':
      return { perItem: { count: facts.count, each: '10万' } };
    case 'tiers':
      return { tiers: { of: facts.money, mode: 'step', rounding: 'half_up', bands: [{ upTo: '1000万', rate: '2%' }, { rate: '1%' }] } };
  }
}

// ------------------------------------------------------------------ the facts a document reads
/** Every fact name the document's eligibility and amount read, in order of appearance. */
export function factsRead(doc: unknown): string[] {
  const out: string[] = [];
  const add = (n: unknown) => {
    if (typeof n === 'string' && n && !out.includes(n)) out.push(n);
  };
  const walk = (node: unknown, inAmount: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inAmount));
    if (!isObject(node)) return;
    add(node.fact);
    if (Array.isArray(node.ratio)) node.ratio.forEach(add);
    if (inAmount) {
      add(node.of);
      add(node.count);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'label' && typeof v === 'object') walk(v, inAmount);
  };
  if (isObject(doc)) {
    walk(doc.eligibility, false);
    walk(doc.amount, true);
  }
  return out;
}

// ------------------------------------------------------------------ the reviewer's diff
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** A line diff (longest common subsequence) of two texts; documents are a few hundred lines at most. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: a[i++]! });
    else out.push({ kind: 'added', text: b[j++]! });
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++]! });
  while (j < m) out.push({ kind: 'added', text: b[j++]! });
  return out;
}

// ------------------------------------------------------------------ money typed in the test panel
/** 元 or 万元 typed by a person → exact 分; null when it is not a non-negative amount to the 分. */
export function moneyToFen(text: string, unit: 'yuan' | 'wan'): number | null {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const places = unit === 'wan' ? 6 : 2;
  const frac = m[2] ?? '';
  if (frac.replace(/0+$/, '').length > places) return null;
  const digits = `${m[1]}${frac.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}
