/**
 * The independent policy-shapes evaluation (eval/policy-shapes/README.md): 12 clauses of
 * other cities' and districts' policies, written by someone who never saw the engine,
 * with 86 hand-computed cases. This runner:
 *
 *  - loads the analyst's rule documents (items/NN-*.json) through loadItem() against the
 *    built-in catalogue joined with the analyst's facts (facts.json), after checking each
 *    fact (type, derived expression units) and that every quoted clause is word for word
 *    in the clause text of its YAML file;
 *  - turns each case's enterprise into facts as the platform would (figures of 上年度 =
 *    year − 1 as F, earlier years as F@-k; qualifications valid in the assessment year;
 *    first:true/false → qualificationsFirst / qualificationsRenewed; grants → PriorAward
 *    under the item of the clause they name; declared → the analyst's declared facts;
 *    district → the district code);
 *  - evaluates every item with evaluateItem() and applyHistoryAndStacking() for the case's
 *    year (a quota reached by quota.approvedBefore is passed as full, as service.ts does);
 *  - compares status, the exact amount to the 分 and the missing facts with `expected`.
 *
 * Cases the engine cannot express are `it.fails` and listed in RESULTS.md with the reason
 * (SHAPES_ALL=1 runs them as plain tests, to see the engine's answer and explanation).
 * A last test runs all cases through the column-wise batch (免申即享, what-if) and checks it
 * agrees with the calculator.
 * Run: npx vitest run eval/policy-shapes/shapes.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Catalogue } from '../../src/policy/engine/catalogue.js';
import { loadItem } from '../../src/policy/engine/check.js';
import { ELIGIBLE, evaluateBatch, missingFacts, NEEDS_INPUT, Population } from '../../src/policy/engine/batch.js';
import { evaluateItem } from '../../src/policy/engine/evaluate.js';
import { exprUnit, type UnitError } from '../../src/policy/engine/expr.js';
import { yearKey, type Expr } from '../../src/policy/engine/expr-schema.js';
import { FACTS, type FactDef, type Facts } from '../../src/policy/engine/facts.js';
import { quotaOf } from '../../src/policy/engine/history.js';
import { formatFen, parseMoney } from '../../src/policy/engine/money.js';
import { policyOf, type SupportItem } from '../../src/policy/engine/schema.js';
import { applyHistoryAndStacking, type PriorAward, type StackedResult } from '../../src/policy/engine/stacking.js';

const DIR = import.meta.dirname;

/**
 * Cases the engine cannot express (see RESULTS.md): "file/case name" → the reason.
 * Each runs as `it.fails`, so it turns red the day the engine gets it right.
 */
const CANNOT_EXPRESS: Record<string, string> = process.env.SHAPES_ALL === '1' ? {} : {
  '03-consecutive-cap/其他项目的历史资助不影响新项目':
    '期限与累计上限按“同一项目”计：limits（maxYears、lifetimeCap）与 granted 只按事项汇总，不看 PriorAward.project；另一项目 2023 年的资助使新项目也被判期满',
  '07-interest-subsidy/两笔贷款其中一笔期满':
    '“同一笔贷款贴息期限最长2年”按贷款计：事实只有标量（没有逐笔贷款的列表），limits 与 granted 也不能按贷款（PriorAward 无贷款维度）汇总；L01 期满使整项被判期满，L02 首年的 30 万无法单独计算',
};

// ---------------------------------------------------------------------------
// The analyst's documents
// ---------------------------------------------------------------------------

/** Policy documents of the evaluation set (by title) → the policy codes the analyst gave them. */
const POLICY_CODES: Record<string, string> = {
  '云溪市关于加大全社会研发投入的若干措施（评测样例）': 'yunxi-rd-2025',
  '东城区促进科技创新高质量发展的若干政策（评测样例）': 'dongcheng-2025',
  '云溪高新区关于支持科技企业梯度培育的实施办法（评测样例）': 'gaoxin-2025',
  '西山区高层次人才引育支持办法（评测样例）': 'xishan-talent-2025',
  '云溪市科技金融支持办法（评测样例）': 'yunxi-fin-2025',
  '云溪市企业研发机构建设奖励办法（评测样例）': 'yunxi-rdinst-2025',
  '云溪工业园区关于鼓励企业加大研发投入的若干措施（评测样例）': 'gongyeyuan-2025',
  // Named only in a grant of the ledger (08): a city policy whose items are not encoded here.
  '云溪市制造业创新能力提升若干政策（评测样例）': 'yunxi-mfg',
};

/** Districts and parks → their codes in the fictional city. */
const DISTRICTS: Record<string, string> = { 东城区: 'dongcheng', 西山区: 'xishan', 高新区: 'gaoxin', 工业园区: 'gongyeyuan' };

interface AdminFact extends FactDef {
  name: string;
}
const adminFacts = JSON.parse(readFileSync(path.join(DIR, 'facts.json'), 'utf8')) as AdminFact[];
const CAT = new Catalogue(FACTS, adminFacts);

const FACT_UNIT: Partial<Record<string, 'money' | 'count' | 'ratio'>> = { money: 'money', count: 'count', ratio: 'ratio' };

/** The checks an administrator's fact gets before it is saved: a new name, a known type, a derived fact's expression in units. */
function checkFact(f: AdminFact): string[] {
  const errors: string[] = [];
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(f.name)) errors.push(`${f.name}: 名称`);
  if (FACTS[f.name as keyof typeof FACTS]) errors.push(`${f.name}: 与内置事实重名`);
  if (!['money', 'count', 'ratio', 'boolean', 'date', 'enum', 'district', 'codes'].includes(f.type)) errors.push(`${f.name}: 类型 ${f.type}`);
  if (!f.label || !f.meaning) errors.push(`${f.name}: 缺中文名称或含义`);
  if (f.type === 'enum' && !f.values?.length) errors.push(`${f.name}: 枚举缺可选值`);
  if (f.source === 'derived') {
    if (f.expression === undefined) errors.push(`${f.name}: 推导事实缺表达式`);
    else {
      const errs: UnitError[] = [];
      const u = exprUnit(f.expression as Expr, { catalogue: CAT, params: {}, inItem: false }, 'expression', errs);
      errors.push(...errs.map((e) => `${f.name}.${e.path}: ${e.message}`));
      if (u && u !== FACT_UNIT[f.type]) errors.push(`${f.name}: 表达式单位 ${u} 与类型 ${f.type} 不符`);
    }
  } else if (f.expression !== undefined) errors.push(`${f.name}: 只有推导事实有表达式`);
  return errors;
}

// ---------------------------------------------------------------------------
// The evaluation set
// ---------------------------------------------------------------------------

interface Figures {
  revenue?: string;
  rdExpense?: string;
  staff?: number;
}
interface Qualification {
  code: string;
  name: string;
  from: string;
  to: string | null;
  first?: boolean;
}
interface Grant {
  policy: string;
  clause: string;
  year: number;
  amount: string;
  project?: string;
  loan?: string;
  subject?: string;
}
interface Case {
  name: string;
  year: number;
  quota?: { approvedBefore: number };
  enterprise: {
    district: string | null;
    industry: string;
    figures: Record<string, Figures>;
    qualifications: Qualification[];
    grants: Grant[];
    declared: Record<string, unknown>;
  };
  expected: { status: 'eligible' | 'not_eligible' | 'needs_input'; amount?: string; missing: string[]; why: string };
}
interface ShapeFile {
  policy: { title: string; level: string; region: string | null; issuer: string; docNo: string; clause: string };
  cases: Case[];
}

const files = readdirSync(DIR)
  .filter((f) => /^\d\d-.*\.yaml$/.test(f))
  .sort()
  .map((f) => ({ name: f.replace(/\.yaml$/, ''), doc: parse(readFileSync(path.join(DIR, f), 'utf8')) as ShapeFile }));

const itemsByFile = new Map<string, SupportItem[]>();
const loadErrors: string[] = [];
for (const { name } of files) {
  const docs = JSON.parse(readFileSync(path.join(DIR, 'items', `${name}.json`), 'utf8')) as unknown[];
  const loaded: SupportItem[] = [];
  for (const doc of docs) {
    try {
      loaded.push(loadItem(doc, CAT));
    } catch (e) {
      loadErrors.push(`${name}: ${(e as Error).message}`);
    }
  }
  itemsByFile.set(name, loaded);
}
const ALL = [...itemsByFile.values()].flat();

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** "第三条" → 3, "第十条" → 10, "第十二条" → 12. */
function articleNumber(clause: string): number {
  const m = /^第([一二三四五六七八九十]+)条/.exec(clause);
  if (!m) throw new Error(`条款编号无法识别：${clause}`);
  const t = m[1]!;
  if (t === '十') return 10;
  if (t.startsWith('十')) return 10 + CN_DIGIT[t[1]!]!;
  if (t.endsWith('十')) return CN_DIGIT[t[0]!]! * 10;
  if (t.includes('十')) return CN_DIGIT[t[0]!]! * 10 + CN_DIGIT[t[2]!]!;
  return CN_DIGIT[t]!;
}

/** A grant of the ledger → the item of the clause it names (an item not encoded here gets `<policy>.a<article>`). */
function grantItemId(g: Grant): string {
  const code = POLICY_CODES[g.policy];
  if (!code) throw new Error(`付款台账中的政策未登记代码：${g.policy}`);
  const n = articleNumber(g.clause);
  const hits = ALL.filter((i) => policyOf(i) === code && i.measure === n);
  if (hits.length > 1) throw new Error(`${g.policy}${g.clause} 对应多个事项`);
  return hits[0]?.id ?? `${code}.a${n}`;
}

// ---------------------------------------------------------------------------
// An enterprise of a case → facts and history
// ---------------------------------------------------------------------------

const money = (v: unknown, where: string): number => {
  if (typeof v !== 'string') throw new Error(`${where} 应为带单位的金额文字`);
  return parseMoney(v);
};

function enterpriseFacts(c: Case): Facts {
  const e = c.enterprise;
  const facts: Facts = {};
  // Figures: 上年度 (year − 1) is the latest year; earlier years answer as F@-k. A year the case does not list stays missing.
  const latest = c.year - 1;
  for (const [y, fig] of Object.entries(e.figures)) {
    const k = latest - Number(y);
    if (k < 0) throw new Error(`${y} 年度数据晚于上年度 ${latest}`);
    const record = { year: Number(y), origin: 'verified' as const };
    if (fig.revenue !== undefined) facts[yearKey('revenue', k)] = { value: money(fig.revenue, 'revenue'), source: 'platform', record };
    if (fig.rdExpense !== undefined) facts[yearKey('rdExpense', k)] = { value: money(fig.rdExpense, 'rdExpense'), source: 'platform', record };
    if (fig.staff !== undefined) facts[yearKey('staff', k)] = { value: fig.staff, source: 'platform', record };
  }
  facts.isManufacturing = { value: e.industry === 'C', source: 'computed', note: `行业门类 ${e.industry}` };
  if (e.district !== null) {
    const code = DISTRICTS[e.district];
    if (!code) throw new Error(`未登记的区：${e.district}`);
    facts.district = { value: code, source: 'platform', note: '注册地' };
  }
  // Qualifications valid on the first day of the assessment year.
  const day = `${c.year}-01-01`;
  const valid = e.qualifications.filter((q) => q.from <= day && (q.to === null || q.to === undefined || q.to >= day));
  facts.qualifications = { value: [...new Set(valid.map((q) => q.code))].sort(), source: 'platform', note: '当前有效' };
  // First recognition vs renewal as the record says; unknown for one valid qualification leaves both sets unknown.
  if (valid.every((q) => q.first !== undefined)) {
    facts.qualificationsFirst = { value: [...new Set(valid.filter((q) => q.first).map((q) => q.code))].sort(), source: 'platform' };
    facts.qualificationsRenewed = { value: [...new Set(valid.filter((q) => !q.first).map((q) => q.code))].sort(), source: 'platform' };
  }
  // The year of issue of the newest valid certificate of a type (the analyst's platform facts: a date cannot be compared, see RESULTS.md).
  const issued = (code: string) => valid.filter((q) => q.code === code).map((q) => q.from).sort().at(-1);
  for (const [code, fact] of [['hnte', 'hnteIssuedYear'], ['city_erc', 'cityErcRecognisedYear']] as const) {
    const d = issued(code);
    if (d) facts[fact] = { value: Number(d.slice(0, 4)), source: 'platform', note: `发证日期 ${d}` };
  }
  // Declared facts, each to the analyst's declared fact of the same meaning.
  for (const [key, v] of Object.entries(e.declared)) {
    const put = (name: string, value: number | boolean | string) => {
      if (!CAT.get(name)) throw new Error(`事实目录中没有 ${name}`);
      facts[name] = { value, source: 'declaration' };
    };
    switch (key) {
      case 'projectCode':
        break; // a project's number is no fact the rules can read (see RESULTS.md: 按项目的期限与累计)
      case 'projectRdSpend':
      case 'higherFundsReceived':
      case 'rdEquipmentPaid':
        put(key, money(v, key));
        break;
      case 'projectLevel':
        put(key, v as string);
        break;
      case 'noOtherCitySupport':
        put(key, v as boolean);
        break;
      case 'newPhdHires':
        put('phdHiresLastYear', v as number);
        break;
      case 'newMasterHires':
        put('masterHiresLastYear', v as number);
        break;
      case 'loans': {
        const loans = v as { id: string; purpose: string; interestPaid?: string }[];
        const sum = (ls: typeof loans) => (ls.every((l) => l.interestPaid !== undefined) ? ls.reduce((s, l) => s + money(l.interestPaid, `loans[${l.id}]`), 0) : undefined);
        const all = sum(loans);
        const wc = sum(loans.filter((l) => l.purpose === '流动资金'));
        if (all !== undefined) put('loanInterestPaidLastYear', all);
        if (wc !== undefined) put('workingCapitalInterestPaidLastYear', wc);
        break;
      }
      default:
        throw new Error(`未映射的申报事实：${key}`);
    }
  }
  return facts;
}

function history(c: Case): PriorAward[] {
  return c.enterprise.grants.map((g, i) => ({
    itemId: grantItemId(g),
    year: g.year,
    amount: money(g.amount, 'grants.amount'),
    project: g.project ?? g.loan ?? null,
    reference: `台账 #${i + 1}`,
  }));
}

/** An expected missing fact as the case names it → the engine's facts that carry it. */
function expectedMissing(name: string, year: number): string[] {
  const key = name.replace(/（.*$/, '').trim();
  const fig = /^figures\.(\d{4})\.(\w+)$/.exec(key);
  if (fig) return [yearKey(fig[2]!, year - 1 - Number(fig[1]))];
  if (key === 'enterprise.district') return ['district'];
  if (/^qualifications\.\w+\.first$/.test(key)) return ['qualificationsFirst', 'qualificationsRenewed'];
  if (/^loans\[.+\]\.interestPaid$/.test(key)) return ['loanInterestPaidLastYear'];
  const declared: Record<string, string> = { newPhdHires: 'phdHiresLastYear', newMasterHires: 'masterHiresLastYear' };
  return [declared[key] ?? key];
}

/** Quotas reached (service.ts fullQuotas): the clause's quota item is full once approvedBefore ≥ perYear. */
function fullQuotas(c: Case, items: readonly SupportItem[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!c.quota) return out;
  for (const item of items) {
    const q = quotaOf(item);
    if (!q) continue;
    const used = c.quota.approvedBefore;
    if (used >= q.perYear) out.set(item.id, `${c.year} 年度${q.scope === 'district' ? '本区' : ''}名额 ${q.perYear} 个已满（已批 ${used} 个）`);
  }
  return out;
}

/** The clause's outcome from its items' results (one item per clause here; several would add up). */
function outcome(results: StackedResult[]) {
  const eligible = results.filter((r) => r.status === 'eligible');
  if (eligible.length) {
    const amounts = eligible.map((r) => r.amount!);
    return { status: 'eligible' as const, amount: { min: amounts.reduce((s, a) => s + a.min, 0), max: amounts.reduce((s, a) => s + a.max, 0) }, kinds: eligible.map((r) => r.kind), missing: [] as string[] };
  }
  const needs = results.filter((r) => r.status === 'needs_input');
  if (needs.length) return { status: 'needs_input' as const, amount: null, kinds: [], missing: [...new Set(needs.flatMap((r) => r.missing.map((m) => m.fact)))].sort() };
  return { status: 'not_eligible' as const, amount: null, kinds: [], missing: [] as string[] };
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

describe('policy shapes: the analyst documents', () => {
  it('every fact of facts.json passes the checks a fact gets before it is saved', () => {
    expect(adminFacts.flatMap(checkFact)).toEqual([]);
  });

  it('every rule document loads strictly (loadItem) against the catalogue', () => {
    expect(loadErrors).toEqual([]);
    for (const { name } of files) expect(itemsByFile.get(name)!.length, name).toBeGreaterThan(0);
  });

  it('every item belongs to its file’s policy and quotes its clause (and its parameters) word for word', () => {
    for (const { name, doc } of files) {
      const text = doc.policy.clause;
      for (const item of itemsByFile.get(name)!) {
        expect(policyOf(item), `${name}: ${item.id}`).toBe(POLICY_CODES[doc.policy.title]);
        expect(item.measure, `${name}: ${item.id}`).toBe(articleNumber(text));
        expect(text, `${name}: ${item.id} clause`).toContain(item.clause);
        for (const [p, def] of Object.entries(item.parameters)) expect(text, `${name}: ${item.id} $${p}`).toContain(def.clause);
      }
    }
  });
});

const cases = files.flatMap(({ name, doc }) => doc.cases.map((c) => ({ file: name, c })));

describe('policy shapes: the 86 hand-computed cases', () => {
  it('the set holds 86 cases', () => {
    expect(cases.length).toBe(86);
  });

  for (const { file, c } of cases) {
    const key = `${file}/${c.name}`;
    const run = CANNOT_EXPRESS[key] ? it.fails : it;
    run(key, () => {
      const facts = enterpriseFacts(c);
      const prior = history(c);
      const own = itemsByFile.get(file)!;
      const raw = ALL.map((item) => evaluateItem(item, facts, { catalogue: CAT, history: prior, year: c.year }));
      const stacked = applyHistoryAndStacking(ALL, raw, prior, c.year, fullQuotas(c, own));
      const mine = stacked.filter((r) => own.some((i) => i.id === r.itemId));
      const got = outcome(mine);
      const explanation = mine.map((r) => `${r.itemId}: ${r.explanation}`).join('\n');
      const exp = c.expected;
      const want = {
        status: exp.status,
        amount: exp.status === 'eligible' ? formatFen(money(exp.amount, 'expected.amount')) : null,
        missing: exp.status === 'needs_input' ? [...new Set(exp.missing.flatMap((m) => expectedMissing(m, c.year)))].sort() : [],
      };
      const actual = {
        status: got.status,
        amount: got.amount ? (got.amount.min === got.amount.max && got.kinds.every((k) => k === 'entitlement') ? formatFen(got.amount.max) : `${formatFen(got.amount.min)}–${formatFen(got.amount.max)}（评审区间）`) : null,
        missing: got.status === 'needs_input' ? got.missing : [],
      };
      expect(actual, `${key}\n预期：${exp.why}\n引擎：${explanation}`).toEqual(want);
    });
  }
});

/**
 * Where the column-wise batch (免申即享, what-if) disagrees with the calculator today, reported to the lead:
 * the batch applies periods and limits only to rows with earlier awards or a stacking group, so a lifetime
 * cap does not trim a first award that alone exceeds it. Listed exactly, so a fix (or a new disagreement) shows.
 */
/** The batch once skipped lifetime caps for a first award (05/超过累计上限按上限: 400万 vs 300万); fixed in the engine. */
const KNOWN_BATCH_DISAGREEMENTS: string[] = [];

describe('policy shapes: the 免申即享 batch agrees with the calculator', () => {
  it('all cases as one population, column by column: the same status, amount and missing facts for every item', () => {
    const yuan = (fen: number) => `${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元`;
    const disagreements: string[] = [];
    const years = [...new Set(cases.map(({ c }) => c.year))];
    for (const year of years) {
      const rows = cases.filter(({ c }) => c.year === year);
      const pop = new Population(rows.length, CAT);
      const hist = new Map<number, PriorAward[]>();
      rows.forEach(({ c }, i) => {
        pop.setFacts(i, enterpriseFacts(c));
        const h = history(c);
        if (h.length) hist.set(i, h);
      });
      const quotas = rows.map(({ file, c }) => fullQuotas(c, itemsByFile.get(file)!));
      const batch = evaluateBatch(ALL, pop, hist, year, (itemId, row) => quotas[row]!.get(itemId));
      rows.forEach(({ file, c }, i) => {
        const facts = enterpriseFacts(c);
        const prior = history(c);
        const single = applyHistoryAndStacking(ALL, ALL.map((item) => evaluateItem(item, facts, { catalogue: CAT, history: prior, year })), prior, year, quotas[i]);
        single.forEach((s, k) => {
          const col = batch.items[k]!;
          const status = col.status[i] === ELIGIBLE ? 'eligible' : col.status[i] === NEEDS_INPUT ? 'needs_input' : 'not_eligible';
          const where = `${file}/${c.name} · ${s.itemId}`;
          if (status !== s.status) disagreements.push(`${where}: 状态 批量 ${status} / 计算器 ${s.status}`);
          else if (s.status === 'eligible' && (col.min[i] !== s.amount!.min || col.max[i] !== s.amount!.max)) {
            disagreements.push(`${where}: 金额 批量 ${col.min[i] === col.max[i] ? yuan(col.max[i]!) : `${yuan(col.min[i]!)}–${yuan(col.max[i]!)}`} / 计算器 ${s.amount!.min === s.amount!.max ? yuan(s.amount!.max) : `${yuan(s.amount!.min)}–${yuan(s.amount!.max)}`}`);
          } else if (s.status === 'needs_input') {
            const a = missingFacts(ALL[k]!, pop, i).join('、');
            const b = s.missing.map((m) => m.fact).sort().join('、');
            if (a !== b) disagreements.push(`${where}: 缺少 批量 ${a} / 计算器 ${b}`);
          }
        });
      });
    }
    expect(disagreements).toEqual(KNOWN_BATCH_DISAGREEMENTS);
  });
});
