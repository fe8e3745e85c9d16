/**
 * Rule documents in the editor: printed with their keys in the order of
 * docs/policy-rules.md (the store keeps them in canonical, alphabetical order),
 * a small valid template of a 最高X item for a chosen measure, and the facts of a
 * trial run with money accepted as "6000万" as well as in 分.
 */
import { parseWanToFen } from '../../lib/money.js';
import type { FactView, Measure } from '../../lib/types.js';
import { factDef } from './facts.js';

const ITEM_ORDER = ['id', 'measure', 'title', 'clause', 'departments', 'form', 'period', 'status', 'effective', 'parameters', 'eligibility', 'amount', 'stacking'];
const PARAMETER_ORDER = ['kind', 'value', 'label', 'clause'];
/** Inside conditions and amounts: the operator first, its label last. */
const NODE_ORDER = ['all', 'any', 'not', 'fact', 'ratio', 'is', 'has', 'gte', 'gt', 'lte', 'lt', 'fixed', 'rate', 'of', 'rounding', 'cap', 'max', 'ceiling', 'perItem', 'count', 'each', 'quota', 'tiers', 'mode', 'bands', 'upTo', 'amount', 'from', 'to', 'group', 'policy', 'priority'];

function ordered(obj: Record<string, unknown>, order: readonly string[], child: (key: string, v: unknown) => unknown): Record<string, unknown> {
  const rank = (k: string) => {
    if (k === 'label' && order !== PARAMETER_ORDER) return order.length + 1;
    const i = order.indexOf(k);
    return i === -1 ? order.length : i;
  };
  const keys = Object.keys(obj).sort((a, b) => rank(a) - rank(b));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = child(k, obj[k]);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function orderNode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(orderNode);
  if (!isObject(v)) return v;
  return ordered(v, NODE_ORDER, (_k, x) => orderNode(x));
}

/** The document with its keys in reading order (values untouched). */
export function orderDocument(doc: unknown): unknown {
  if (!isObject(doc)) return doc;
  return ordered(doc, ITEM_ORDER, (k, v) => {
    if (k === 'parameters' && isObject(v)) {
      const params: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(v)) params[name] = isObject(p) ? ordered(p, PARAMETER_ORDER, (_k, x) => x) : p;
      return params;
    }
    return orderNode(v);
  });
}

export function formatDocument(doc: unknown): string {
  return JSON.stringify(orderDocument(doc), null, 2);
}

const FORMS = ['奖补', '补助', '资助', '补贴', '配套', '奖励'] as const;

/**
 * A 最高X item for a measure, valid as it stands: the clause is the measure's first
 * sentence naming 最高X元 (or its first sentence), the ceiling that amount, and the
 * condition a yes/no fact the catalogue ties to the measure (or a placeholder to replace).
 */
export function templateFor(measure: Measure, takenIds: ReadonlySet<string>, facts: readonly FactView[]): Record<string, unknown> {
  const sentences = measure.clauseText
    .replace(/（责任单位[:：][^）]*）\s*$/, '')
    .split(/(?<=。)/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
  const withMax = sentences.find((s) => /最高\d+(?:\.\d+)?(?:万|亿)元/.test(s));
  const clause = withMax ?? sentences[0] ?? measure.clauseText.slice(0, 20);
  const max = /最高(\d+(?:\.\d+)?)(万|亿)元/.exec(clause);
  const form = FORMS.find((f) => clause.includes(f)) ?? '支持';
  const fact = facts.find((f) => f.type === 'boolean' && f.meaning.includes(`措施 ${measure.no}）`));

  let id = `m${measure.no}.new_item`;
  for (let n = 2; takenIds.has(id); n++) id = `m${measure.no}.new_item_${n}`;

  return {
    id,
    measure: measure.no,
    title: '新支持事项',
    clause,
    departments: measure.departments.map((d) => d.code),
    form,
    period: 'once',
    status: 'draft',
    effective: { from: `${new Date().getFullYear()}-01-01` },
    parameters: {
      max: max ? { kind: 'money', value: `${max[1]}${max[2]}`, label: '上限', clause: max[0] } : { kind: 'money', value: '100万', label: '上限（示例，请按条文修改）', clause },
    },
    eligibility: fact ? { fact: fact.name, is: true, label: fact.label } : { fact: 'isManufacturing', is: true, label: '示例条件，请按条文修改' },
    amount: { ceiling: '$max' },
  };
}

/** Moves the decimal point of a plain decimal string: shift("1.5", 4) = "15000", shift("123.45", -4) = "0.012345". */
function shiftDecimal(text: string, places: number): string {
  const [whole = '0', frac = ''] = text.split('.');
  if (places >= 0) {
    const f = frac.padEnd(places, '0');
    const out = `${whole}${f.slice(0, places)}${f.length > places ? `.${f.slice(places)}` : ''}`;
    return out.replace(/^0+(?=\d)/, '');
  }
  const w = whole.padStart(-places + 1, '0');
  const cut = w.length + places;
  return `${w.slice(0, cut)}.${w.slice(cut)}${frac}`;
}

export type TrialFacts = { ok: true; facts: Record<string, unknown> } | { ok: false; fact: string; reason: 'notObject' | 'money' };

const MONEY_TEXT = /^\s*(\d+(?:\.\d+)?)\s*(亿|万|元)元?\s*$/;

/**
 * The facts of a trial run as the API takes them: money facts may be written as in rule
 * documents ("6000万", "2亿", "123.45元") and are converted to 分 exactly; everything else
 * is passed on for the server to check.
 */
export function trialFacts(value: unknown): TrialFacts {
  if (!isObject(value)) return { ok: false, fact: '', reason: 'notObject' };
  const facts: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const def = factDef(name);
    const m = typeof v === 'string' && def?.type === 'money' ? MONEY_TEXT.exec(v) : null;
    if (!m) {
      facts[name] = v;
      continue;
    }
    const wan = m[2] === '亿' ? shiftDecimal(m[1]!, 4) : m[2] === '元' ? shiftDecimal(m[1]!, -4) : m[1]!;
    const r = parseWanToFen(wan);
    if (!r.ok) return { ok: false, fact: name, reason: 'money' };
    facts[name] = r.fen;
  }
  return { ok: true, facts };
}
