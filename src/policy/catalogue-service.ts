/**
 * The fact catalogue as data: administrators define declared and derived facts;
 * every rule, the calculator form and the docs read the joined catalogue.
 */
import type { Kysely } from 'kysely';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, invalid } from '../platform/errors.js';
import type { FactBody, FactView } from '../shared/policy.js';
import type { CatalogueEntry } from './engine/catalogue.js';
import { exprFacts } from './engine/catalogue.js';
import { exprUnit, type UnitError } from './engine/expr.js';
import { Expr } from './engine/expr-schema.js';
import { upsertFact } from './repository.js';
import { loadCatalogue } from './service.js';

export function factView(f: CatalogueEntry): FactView {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    source: f.source === 'computed' ? 'derived' : f.source,
    meaning: f.meaning,
    path: f.path ?? null,
    values: f.values ? [...f.values] : null,
    expression: f.expression ?? null,
    origin: f.origin,
  };
}

export async function listFacts(db: Kysely<DB>): Promise<FactView[]> {
  return (await loadCatalogue(db)).list().map(factView);
}

/** Checks an administrator's fact against the catalogue: the name is free or their own, a derived fact's expression fits its type and has no cycle. */
export async function checkFact(db: Kysely<DB>, body: FactBody) {
  const catalogue = await loadCatalogue(db);
  const existing = catalogue.get(body.name);
  if (existing?.origin === 'builtin') throw invalid('name', `“${body.name}”是内置事实（${existing.label}），不能改写；请另取名称`);
  if (body.name.includes('@')) throw invalid('name', '事实名不能含 @');
  if (body.type === 'enum' && !body.values) throw invalid('values', '枚举事实须列出可选值');
  if (body.type !== 'enum' && body.values) throw invalid('values', '只有枚举事实可以列出可选值');
  let expression: Expr | undefined;
  if (body.source === 'derived') {
    if (body.expression === undefined) throw invalid('expression', '推导事实须写出表达式');
    const parsed = Expr.safeParse(body.expression);
    if (!parsed.success) throw new AppError('VALIDATION', 400, '表达式格式不正确', 'expression', parsed.error.issues.map((i) => ({ field: ['expression', ...i.path].join('.'), message: i.message })));
    expression = parsed.data;
    if (!['money', 'count', 'ratio'].includes(body.type)) throw invalid('type', '推导事实的类型应为金额、数量或比例');
    const errors: UnitError[] = [];
    const next = catalogue.with({ name: body.name, type: body.type, label: body.label, source: 'derived', meaning: body.meaning, expression });
    const unit = exprUnit(expression, { catalogue: next, params: {}, inItem: false }, 'expression', errors);
    if (errors.length) throw new AppError('VALIDATION', 400, errors.map((e) => `${e.path}：${e.message}`).join('；'), errors[0]!.path, errors.map((e) => ({ field: e.path, message: e.message })));
    if (unit !== body.type) throw invalid('expression', `表达式的结果是${unit === 'money' ? '金额' : unit === 'count' ? '数量' : '比例'}，与类型“${body.type}”不符`);
    // No cycle: the fact must not read itself, directly or through other derived facts.
    const seen = new Set<string>();
    const visit = (name: string): boolean => {
      if (name === body.name) return true;
      if (seen.has(name)) return false;
      seen.add(name);
      const d = next.get(name);
      return d?.source === 'derived' && d.expression !== undefined ? exprFacts(d.expression).some(visit) : false;
    };
    if (exprFacts(expression).some(visit)) throw invalid('expression', `表达式直接或间接引用了“${body.name}”本身`);
  } else if (body.expression !== undefined) throw invalid('expression', '只有推导事实可以写表达式');
  return { ...body, expression: expression ?? null, values: body.values ?? null, path: null };
}

/** Saves (creates or replaces) an administrator's fact; rules read it from the next request on. */
export async function saveFact(db: Kysely<DB>, actor: Actor, body: FactBody) {
  let fact;
  try {
    fact = await checkFact(db, body);
  } catch (e) {
    await appendAudit(db, actor, { action: 'policy.fact.save', objectType: 'policy_fact', objectId: body.name, result: 'error', detail: { error: (e as Error).message.slice(0, 300) } });
    throw e;
  }
  const r = await audited(
    db,
    actor,
    (x: { created: boolean }) => ({ action: 'policy.fact.save', objectType: 'policy_fact', objectId: body.name, detail: { created: x.created, type: body.type, source: body.source } }),
    (trx) => upsertFact(trx, fact, actor.userId ?? null),
    { action: 'policy.fact.save', objectType: 'policy_fact', objectId: body.name },
  );
  const saved = (await loadCatalogue(db)).get(body.name)!;
  return { ...factView(saved), created: r.created };
}
