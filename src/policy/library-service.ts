/**
 * Policy documents (issue #12 item 1): a policy (city, district or park; issuer;
 * document number; dates in force; full text) holds its articles; support items
 * quote their own policy's articles. Administrators add a policy (its clauses
 * given or read from the text by their numbering) and change its status and dates;
 * its text is fixed once an item quotes it. Every write is audited.
 */
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, conflict, invalid, notFound } from '../platform/errors.js';
import type { CreatePolicyBody, UpdatePolicyBody } from '../shared/policy.js';
import { policyOf } from './engine/schema.js';
import { ClauseParseError, clauseProblems, parseClauses, type ClauseInput } from './library.js';
import {
  clauseOf,
  districtExists,
  insertPolicy,
  listPolicyRows,
  lockPolicy,
  policyClauses,
  policyExistsByCodeOrTitle,
  policyFullText,
  policyQuoted,
  policyRow,
  replaceClauses,
  updatePolicyRow,
  type ClauseRow,
  type PolicyRow,
} from './library-repository.js';
import { latestVersions, type ItemVersion } from './repository.js';

/** Every policy, with how many of the items' newest versions implement it. */
export async function listPolicies(db: Kysely<DB>): Promise<(PolicyRow & { items: number })[]> {
  const counts = new Map<string, number>();
  for (const v of await latestVersions(db)) counts.set(policyOf(v.item), (counts.get(policyOf(v.item)) ?? 0) + 1);
  return (await listPolicyRows(db)).map((p) => ({ ...p, items: counts.get(p.code) ?? 0 }));
}

/** One policy: metadata, full text, its articles, and the items (newest versions) that implement it. */
export async function policyDetail(db: Kysely<DB>, code: string): Promise<PolicyRow & { items: number; fullText: string; articles: ClauseRow[]; implementing: ItemVersion[] }> {
  const p = await policyRow(db, code);
  if (!p) throw notFound('政策', 'code');
  const implementing = (await latestVersions(db)).filter((v) => policyOf(v.item) === code);
  return { ...p, items: implementing.length, fullText: (await policyFullText(db, code)) ?? '', articles: await policyClauses(db, code), implementing };
}

/** The article an item quotes, or a refusal naming `policy` or `measure`. */
export async function articleFor(db: Kysely<DB>, policy: string, measure: number): Promise<ClauseRow> {
  const { policyExists, clause } = await clauseOf(db, policy, measure);
  if (!policyExists) throw invalid('policy', `政策“${policy}”不存在：请先在政策库中添加该政策文件`);
  if (!clause) throw invalid('measure', `政策“${policy}”没有第 ${measure} 条`);
  return clause;
}

/** The clauses to store: the ones given (checked against the text) or the ones read from the text. */
function clausesFrom(fullText: string, given: readonly ClauseInput[] | undefined): ClauseRow[] {
  if (given) {
    const problems = clauseProblems(fullText, given);
    if (problems.length > 0) throw new AppError('VALIDATION', 400, problems[0]![1], problems[0]![0], problems.map(([field, message]) => ({ field, message })));
    return [...given].sort((a, b) => a.no - b.no).map((c) => ({ no: c.no, title: c.title?.trim() ?? '', text: c.text, section: c.section ?? null }));
  }
  try {
    return parseClauses(fullText);
  } catch (e) {
    if (e instanceof ClauseParseError) throw invalid('fullText', `${e.message}；也可以在 clauses 中逐条给出`);
    throw e;
  }
}

function checkDates(from: string | null | undefined, to: string | null | undefined) {
  for (const [field, d] of [['effectiveFrom', from], ['effectiveTo', to]] as const) {
    if (d && Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw invalid(field, '日期不存在');
    if (d && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) throw invalid(field, '日期不存在');
  }
  if (from && to && to < from) throw invalid('effectiveTo', '失效日期不能早于生效日期');
}

/** An administrator adds a policy document. */
export async function createPolicy(db: Kysely<DB>, actor: Actor, body: CreatePolicyBody) {
  const region = body.region ?? null;
  return audited(
    db,
    actor,
    (r: { clauses: number }) => ({ action: 'policy.document.create', objectType: 'policy', objectId: body.code, detail: { title: body.title, level: body.level, region, status: body.status, clauses: r.clauses } }),
    async (trx) => {
      if (body.level === 'city' && region !== null) throw invalid('region', '市级政策不设适用地区（region 应为空）');
      if (body.level !== 'city' && region === null) throw invalid('region', '区级或园区政策应写明适用地区（区县代码如 320571，或名称）');
      if (region !== null && /^\d+$/.test(region) && !(await districtExists(trx, region))) throw invalid('region', `区县代码“${region}”不存在`);
      checkDates(body.effectiveFrom, body.effectiveTo);
      const clauses = clausesFrom(body.fullText, body.clauses);
      const dup = await policyExistsByCodeOrTitle(trx, body.code, body.title);
      if (dup) throw conflict(dup.code === body.code ? 'code' : 'title', dup.code === body.code ? `政策代码“${body.code}”已存在` : `政策“${body.title}”已存在`);
      await insertPolicy(
        trx,
        {
          code: body.code,
          title: body.title,
          level: body.level,
          region,
          issuer: body.issuer,
          docNo: body.docNo ?? null,
          effectiveFrom: body.effectiveFrom ?? null,
          effectiveTo: body.effectiveTo ?? null,
          status: body.status,
          fullText: body.fullText,
          createdBy: actor.userId,
        },
        clauses,
      );
      return { code: body.code, clauses: clauses.length };
    },
    { action: 'policy.document.create', objectType: 'policy', objectId: body.code },
  );
}

/**
 * An administrator changes a policy's status, dates or document number; its text
 * and clauses only while no item quotes it (versions quote the words as they were).
 */
export async function updatePolicy(db: Kysely<DB>, actor: Actor, code: string, body: UpdatePolicyBody) {
  const changed = Object.entries(body)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  return audited(
    db,
    actor,
    (r: { clauses: number | null }) => ({
      action: 'policy.document.update',
      objectType: 'policy',
      objectId: code,
      detail: { changed, status: body.status, effectiveFrom: body.effectiveFrom, effectiveTo: body.effectiveTo, docNo: body.docNo, clauses: r.clauses },
    }),
    async (trx) => {
      if (!(await lockPolicy(trx, code))) throw notFound('政策', 'code');
      const current = (await policyRow(trx, code))!;
      const from = body.effectiveFrom !== undefined ? body.effectiveFrom : current.effectiveFrom;
      const to = body.effectiveTo !== undefined ? body.effectiveTo : current.effectiveTo;
      checkDates(from, to);
      let clauses: ClauseRow[] | null = null;
      if (body.fullText !== undefined || body.clauses !== undefined) {
        if (await policyQuoted(trx, code)) {
          throw new AppError('CONFLICT', 409, '已有支持事项引用该政策的条文，不能修改政策原文或条款；如政策修订，请作为新政策添加', body.fullText !== undefined ? 'fullText' : 'clauses');
        }
        const text = body.fullText ?? (await policyFullText(trx, code))!;
        clauses = clausesFrom(text, body.clauses);
      }
      await updatePolicyRow(trx, code, { status: body.status, effectiveFrom: body.effectiveFrom, effectiveTo: body.effectiveTo, docNo: body.docNo, fullText: body.fullText });
      if (clauses) await replaceClauses(trx, code, clauses);
      return { clauses: clauses?.length ?? null };
    },
    { action: 'policy.document.update', objectType: 'policy', objectId: code },
  );
}
