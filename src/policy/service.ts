/** Policy use cases: the items in force, and evaluating them for facts or for an enterprise. */
import { effectiveScores } from '../index/review-repository.js';
import { suzhouDay, suzhouYear } from '../platform/clock.js';
import { sql, type Kysely } from 'kysely';
import { appendAudit, audited, SYSTEM_ACTOR, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import { listFigures } from '../orgs/repository.js';
import { mayReadFigures } from '../orgs/service.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { loadItem, RuleDocumentError } from './engine/check.js';
import { evaluateItem } from './engine/evaluate.js';
import { classify } from './engine/audience.js';
import { DEFAULT_POLICY, policyOf, type SupportItem } from './engine/schema.js';
import { applyHistoryAndStacking, type FullQuotas, type PriorAward, type StackedResult } from './engine/stacking.js';
import { FACTS, type Facts } from './engine/facts.js';
import { Catalogue } from './engine/catalogue.js';
import type { EvalContext } from './engine/evaluate.js';
import { quotaOf } from './engine/history.js';
import { ITEMS } from './items/index.js';
import { articleFor } from './library-service.js';
import { policyStates } from './library-repository.js';
import { declaredFacts, platformFacts, type PlatformFactsOptions } from './platform-facts.js';
import { adminFacts, approvalsByDistrict, contentHash, decideProposal, districtsAndRenewals, factsStamp, getProposal, grantHistory, insertProposal, latestVersionOf, latestVersions, lockProposal, saveVersion, type ItemVersion } from './repository.js';

export interface VersionedResult extends StackedResult {
  /** The policy the item implements. */
  policy: string;
  version: number;
  contentHash: string;
}

/**
 * Puts the items written in code (src/policy/items) into the versioned store: an
 * item with no version gets one; a changed built-in item gets a new version unless
 * an administrator's version has superseded it. Runs at start.
 */
export async function syncBuiltinItems(db: Kysely<DB>): Promise<number> {
  // One read of every item's newest version; only new or changed built-in items are written.
  const latest = new Map((await latestVersions(db)).map((v) => [v.item.id, v]));
  let created = 0;
  for (const item of ITEMS) {
    const current = latest.get(item.id);
    if (current?.origin === 'admin') continue;
    // Normalised through the same loader as an administrator's document, so equal content hashes equal.
    const doc = loadItem(structuredClone(item));
    if (current && current.contentHash === contentHash(doc).hash) continue;
    const r = await audited(
      db,
      SYSTEM_ACTOR,
      (v: { version: number; contentHash: string }) => ({ action: 'policy.item.builtin', objectType: 'policy_item', objectId: item.id, detail: { version: v.version, contentHash: v.contentHash } }),
      (trx) => saveVersion(trx, doc, 'builtin', null, '内置事项（src/policy/items）'),
      { action: 'policy.item.builtin', objectType: 'policy_item', objectId: item.id },
    );
    if (r.created) created++;
  }
  return created;
}

/**
 * The newest versions, cached per database. Versions are only ever inserted, never
 * changed or deleted, so the number of rows identifies the state exactly: one
 * count(*) per call replaces reading and parsing every document, and a version
 * saved by any process is seen on the next call.
 */
const latestCache = new WeakMap<Kysely<DB>, { rows: number; versions: ItemVersion[] }>();

async function cachedLatestVersions(db: Kysely<DB>): Promise<ItemVersion[]> {
  const { n } = await db.selectFrom('policy_item_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = Number(n);
  const hit = latestCache.get(db);
  if (hit && hit.rows === rows) return hit.versions;
  const versions = await latestVersions(db);
  latestCache.set(db, { rows, versions });
  return versions;
}

/** The newest version of each item, if it is not repealed and is in effect on the day. */
export async function itemsInForce(db: Kysely<DB>, day = suzhouDay()): Promise<ItemVersion[]> {
  // An item is in force only while its policy is: a repealed policy, or one not yet or no longer in effect, carries none.
  const closed = new Set((await policyStates(db)).filter((p) => p.status === 'repealed' || (p.from !== null && p.from > day) || (p.to !== null && p.to < day)).map((p) => p.code));
  return (await cachedLatestVersions(db)).filter(
    (v) => v.item.status !== 'repealed' && v.item.effective.from <= day && (!v.item.effective.to || v.item.effective.to >= day) && !closed.has(policyOf(v.item)),
  );
}

/** The fact catalogue: built-in facts and the administrators' (policy_facts), cached until a fact changes. */
const catalogueCache = new WeakMap<Kysely<DB>, { stamp: string; catalogue: Catalogue }>();

export async function loadCatalogue(db: Kysely<DB>): Promise<Catalogue> {
  const stamp = await factsStamp(db);
  const hit = catalogueCache.get(db);
  if (hit && hit.stamp === stamp) return hit.catalogue;
  const stored = await adminFacts(db);
  const catalogue = new Catalogue(
    FACTS,
    stored.map((f) => ({ name: f.name, type: f.type, label: f.label, source: f.source, meaning: f.meaning, path: f.path ?? undefined, values: f.values ?? undefined, expression: f.expression ?? undefined })),
  );
  catalogueCache.set(db, { stamp, catalogue });
  return catalogue;
}

/** What evaluating for one enterprise reads besides its facts: the catalogue, what it was granted, the year. */
export async function evaluationContext(db: Kysely<DB>, orgId: number | undefined, year = suzhouYear()): Promise<Required<EvalContext>> {
  const catalogue = await loadCatalogue(db);
  const history = orgId === undefined ? [] : ((await grantHistory(db, orgId)).get(orgId) ?? []);
  return { catalogue, history, year };
}

/**
 * Quotas already used up for an enterprise (city-wide, or in its district), as the reason shown. With no
 * enterprise, only city-wide quotas are known.
 */
export async function fullQuotas(db: Kysely<DB>, items: readonly SupportItem[], year: number, district: string | null | undefined): Promise<Map<string, string>> {
  const withQuota = items.filter((i) => quotaOf(i));
  const counts = await approvalsByDistrict(db, year, withQuota.map((i) => i.id));
  const out = new Map<string, string>();
  for (const item of withQuota) {
    const quota = quotaOf(item)!;
    const rows = counts.filter((c) => c.itemId === item.id);
    if (quota.scope === 'district' && district === undefined) continue;
    const used = quota.scope === 'city' ? rows.reduce((s, c) => s + c.n, 0) : rows.filter((c) => c.district === (district ?? null)).reduce((s, c) => s + c.n, 0);
    if (used >= quota.perYear) out.set(item.id, `${year} 年度${quota.scope === 'district' ? '本区' : ''}名额 ${quota.perYear} 个已满（已批 ${used} 个）`);
  }
  return out;
}

/** Evaluates the stored items in force, each result naming the version it used. */
export async function evaluateStored(db: Kysely<DB>, facts: Facts, context?: Required<EvalContext>, quotas: FullQuotas = new Map()): Promise<VersionedResult[]> {
  const versions = await itemsInForce(db);
  const items = versions.map((v) => v.item);
  const ctx = context ?? (await evaluationContext(db, undefined));
  const results = applyHistoryAndStacking(items, items.map((i) => evaluateItem(i, facts, ctx)), ctx.history, ctx.year, quotas);
  return results.map((r, i) => ({ ...r, policy: policyOf(versions[i]!.item), version: versions[i]!.version, contentHash: versions[i]!.contentHash }));
}

/**
 * Every item for one enterprise's facts, then periods and stacking groups.
 * `history` is what the enterprise has already been granted (the funding module
 * of issue #6 supplies it; until then it is empty).
 */
export function evaluateAll(facts: Facts, history: readonly PriorAward[] = [], year = suzhouYear()): StackedResult[] {
  return applyHistoryAndStacking(ITEMS, ITEMS.map((item) => evaluateItem(item, facts, { history, year })), history, year);
}

/** An enterprise's facts from its records; `options.trustedFiguresOnly` for 免申即享 (self-declared figures count as missing). */
export async function enterpriseFacts(db: Kysely<DB>, orgId: number, options: PlatformFactsOptions = {}): Promise<Facts> {
  return organisationFacts(db, orgId, options, true);
}

/**
 * An organisation's facts from its records: its kind (whom items are for), size and sector when it has them, its
 * yearly figures, valid qualifications, district and latest index. An institution has what it has (often only its
 * kind, qualifications and district); `enterpriseOnly` refuses other kinds (免申即享 is for enterprises).
 */
export async function organisationFacts(db: Kysely<DB>, orgId: number, options: PlatformFactsOptions = {}, enterpriseOnly = false): Promise<Facts> {
  const org = await db
    .selectFrom('organisations as o')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'o.kind', 'o.size_band', 'i.section_code'])
    .where('o.id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw notFound('组织', 'orgId');
  if (enterpriseOnly && org.kind !== 'enterprise') throw invalid('orgId', '只能为企业测算政策');
  const figures = await listFigures(db, orgId);
  const day = suzhouDay();
  const { districts, renewed } = await districtsAndRenewals(db, day, orgId);
  const quals = await db
    .selectFrom('organisation_qualifications')
    .select('type_code')
    .distinct()
    .where('org_id', '=', orgId)
    .where(sql<boolean>`valid_from <= ${day}::date AND (valid_to IS NULL OR valid_to >= ${day}::date)`)
    .execute();
  // The grade as reviewed (a flagged one waiting for review is no grade yet: index/review-repository.ts).
  const index = await effectiveScores(db).where('s.org_id', '=', orgId).executeTakeFirst();
  return platformFacts(
    {
      industrySection: org.section_code,
      orgKind: org.kind,
      sizeBand: org.size_band,
      latest: figures[figures.length - 1],
      earlier: figures.slice(0, -1).reverse(),
      qualificationCodes: quals.map((q) => q.type_code).sort(),
      renewedCodes: renewed.get(orgId) ?? [],
      districtCode: districts.get(orgId) ?? null,
      index: index ?? null,
    },
    options,
  );
}

/**
 * The calculator: declared facts override the platform's. With an enterprise id the
 * caller must be allowed to read its finances, and the read is audited.
 */
export async function calculate(db: Kysely<DB>, actor: Actor, user: AuthUser, input: { orgId?: number; facts?: Record<string, unknown> }) {
  const context = await evaluationContext(db, undefined);
  const declared = declaredFacts(input.facts ?? {}, context.catalogue);
  let facts: Facts = declared;
  let ctx = context;
  if (input.orgId !== undefined) {
    if (!mayReadFigures(user, input.orgId)) {
      await appendAudit(db, actor, { action: 'policy.evaluate', objectType: 'organisation', objectId: input.orgId, result: 'denied' });
      throw forbidden('无权使用该企业的数据测算');
    }
    facts = { ...(await organisationFacts(db, input.orgId)), ...declared };
    // An applicant's own declarations are remembered and offered next time (calculator, application form).
    if ((user.role === 'enterprise' || user.role === 'institution') && user.orgId === input.orgId) await rememberDeclared(db, input.orgId, user.id, input.facts ?? {}, context.catalogue);
    // What it was already granted counts here as at approval (once, per year, years and totals, exclusions).
    ctx = await evaluationContext(db, input.orgId);
    await appendAudit(db, actor, { action: 'policy.evaluate', objectType: 'organisation', objectId: input.orgId, detail: { declared: Object.keys(declared) } });
  }
  const district = typeof facts.district?.value === 'string' ? facts.district.value : undefined;
  const items = (await itemsInForce(db)).map((v) => v.item);
  const results = await evaluateStored(db, facts, ctx, await fullQuotas(db, items, ctx.year, district));
  // Whom each item is for (适用对象) and what the organisation still has to say: applies / might / cannot.
  const byId = new Map(items.map((i) => [i.id, i]));
  return results.map((r) => {
    const item = byId.get(r.itemId);
    return item ? { ...r, ...classify(item, r, facts, ctx) } : r;
  });
}

/**
 * Checks a rule document as saving would, without saving: strict schema and
 * meaning, its clause and its parameters' clauses quoted word for word from the
 * article `measure` of its own policy (policyOf(item)), its departments known.
 */
export async function checkItemDocument(db: Kysely<DB>, doc: unknown): Promise<SupportItem> {
  let item: SupportItem;
  try {
    item = loadItem(doc, await loadCatalogue(db));
  } catch (e) {
    if (e instanceof RuleDocumentError) {
      throw new AppError('VALIDATION', 400, e.message, e.errors[0]?.path, e.errors.map((x) => ({ field: x.path, message: x.message })));
    }
    throw e;
  }
  // The item's own policy (default: Suzhou's 19 measures) and its article `measure`.
  const policy = policyOf(item);
  const article = await articleFor(db, policy, item.measure);
  const where = policy === DEFAULT_POLICY ? `第 ${item.measure} 条` : `政策“${policy}”第 ${item.measure} 条`;
  if (!article.text.includes(item.clause)) throw invalid('clause', `clause 应逐字引用${where}的原文，未在该条中找到`);
  for (const [name, p] of Object.entries(item.parameters)) {
    if (!article.text.includes(p.clause)) throw invalid(`parameters.${name}.clause`, `参数的 clause 应逐字引用${where}的原文，未在该条中找到`);
  }
  const known = new Set((await db.selectFrom('departments').select('code').execute()).map((d) => d.code));
  item.departments.forEach((d, i) => {
    if (!known.has(d)) throw invalid(`departments[${i}]`, `部门代码“${d}”不存在`);
  });
  return item;
}

/** The id a (possibly invalid) document names, for the audit of a refused one. */
function documentId(doc: unknown): string | null {
  return typeof doc === 'object' && doc !== null && typeof (doc as { id?: unknown }).id === 'string' ? (doc as { id: string }).id.slice(0, 60) : null;
}

/** A proposal with the item's newest version beside it (for the checker's diff). */
export async function proposalView(db: Kysely<DB>, id: number) {
  const p = await getProposal(db, id);
  if (!p) throw notFound('修订提案', 'id');
  const latest = await latestVersionOf(db, p.itemId);
  return { ...p, inForce: latest ? { version: latest.version, contentHash: latest.contentHash, document: latest.item } : null };
}

/**
 * Maker-checker, the maker's half: an administrator's rule document, checked as by
 * checkItemDocument, is stored as a PENDING proposal; it takes effect only when a
 * different administrator approves it (approveProposal). A document identical to the
 * item's newest version is refused (nothing to approve).
 */
export async function saveItemFromDocument(db: Kysely<DB>, actor: Actor, doc: unknown, note: string | null) {
  if (actor.userId === null) throw forbidden('修订提案须由管理员提交');
  let item: SupportItem;
  try {
    item = await checkItemDocument(db, doc);
  } catch (e) {
    await appendAudit(db, actor, { action: 'policy.item.propose', objectType: 'policy_item', objectId: documentId(doc), result: 'error', detail: { error: (e as Error).message.slice(0, 500) } });
    throw e;
  }
  const proposer = actor.userId;
  const id = await audited(
    db,
    actor,
    (pid: number) => ({ action: 'policy.item.propose', objectType: 'policy_item', objectId: item.id, detail: { proposal: pid, contentHash: contentHash(item).hash, note } }),
    async (trx) => {
      const latest = await latestVersionOf(trx, item.id);
      if (latest && latest.contentHash === contentHash(item).hash) throw conflict('document', `内容与该事项现行的第 ${latest.version} 版相同，无需提交审核`);
      return insertProposal(trx, item, latest?.version ?? null, proposer, note);
    },
    { action: 'policy.item.propose', objectType: 'policy_item', objectId: item.id },
  );
  return proposalView(db, id);
}

/**
 * The checker's half: a different administrator approves a pending proposal. The
 * document is checked again (measures and departments may have changed) and saved
 * as the item's next version, recording who proposed and who approved it. Refused
 * when the item has gained a version since the proposal was made (the checker would
 * otherwise overwrite a change they did not see): the maker proposes again.
 */
export async function approveProposal(db: Kysely<DB>, actor: Actor, id: number, note: string | null) {
  const checker = actor.userId;
  const r = await audited(
    db,
    actor,
    (v: { itemId: string; version: number; contentHash: string; created: boolean }) => ({ action: 'policy.proposal.approve', objectType: 'policy_proposal', objectId: id, detail: { ...v, note } }),
    async (trx) => {
      const row = await lockProposal(trx, id);
      if (!row) throw notFound('修订提案', 'id');
      if (row.status !== 'pending') throw conflict('status', `该提案已${PROPOSAL_STATUS_LABEL[row.status as 'approved'] ?? row.status}，不能再审核`);
      if (checker === null || checker === row.proposed_by) throw forbidden('不能审核自己提交的修订：须由另一位管理员审核通过');
      const p = (await getProposal(trx, id))!;
      const latest = await latestVersionOf(trx, p.itemId);
      if ((latest?.version ?? null) !== p.baseVersion) {
        throw conflict('baseVersion', latest ? `提交该提案后，事项 ${p.itemId} 已有第 ${latest.version} 版：请驳回，由提交人按现行版本重新提交` : `事项 ${p.itemId} 的版本已变化，请重新提交`);
      }
      const item = await checkItemDocument(trx, p.document);
      const saved = await saveVersion(trx, item, 'admin', p.proposedBy.id, p.note, { approvedBy: checker, proposalId: id });
      await decideProposal(trx, id, { status: 'approved', decidedBy: checker, note, resultVersion: saved.version });
      return { itemId: item.id, ...saved };
    },
    { action: 'policy.proposal.approve', objectType: 'policy_proposal', objectId: id },
  );
  return { ...r, proposal: await proposalView(db, id) };
}

const PROPOSAL_STATUS_LABEL = { pending: '待审核', approved: '通过', rejected: '驳回', withdrawn: '撤回' } as const;

/** A different administrator rejects a pending proposal, with a reason; nothing takes effect. */
export async function rejectProposal(db: Kysely<DB>, actor: Actor, id: number, reason: string) {
  const checker = actor.userId;
  await audited(
    db,
    actor,
    { action: 'policy.proposal.reject', objectType: 'policy_proposal', objectId: id, detail: { reason } },
    async (trx) => {
      const row = await lockProposal(trx, id);
      if (!row) throw notFound('修订提案', 'id');
      if (row.status !== 'pending') throw conflict('status', `该提案已${PROPOSAL_STATUS_LABEL[row.status as 'approved'] ?? row.status}，不能再审核`);
      if (checker === null || checker === row.proposed_by) throw forbidden('不能驳回自己提交的修订：如不再需要，请撤回');
      await decideProposal(trx, id, { status: 'rejected', decidedBy: checker, note: reason, resultVersion: null });
    },
  );
  return proposalView(db, id);
}

/** The maker withdraws their own pending proposal. */
export async function withdrawProposal(db: Kysely<DB>, actor: Actor, id: number) {
  const maker = actor.userId;
  await audited(db, actor, { action: 'policy.proposal.withdraw', objectType: 'policy_proposal', objectId: id }, async (trx) => {
    const row = await lockProposal(trx, id);
    if (!row) throw notFound('修订提案', 'id');
    if (row.status !== 'pending') throw conflict('status', `该提案已${PROPOSAL_STATUS_LABEL[row.status as 'approved'] ?? row.status}，不能撤回`);
    if (maker === null || maker !== row.proposed_by) throw forbidden('只有提交人可以撤回提案');
    await decideProposal(trx, id, { status: 'withdrawn', decidedBy: maker, note: null, resultVersion: null });
  });
  return proposalView(db, id);
}

/**
 * The editor's live test: an UNSAVED document, checked as saving would, evaluated for
 * declared facts alone (no enterprise, no grant history), in the calculator's result shape.
 */
export async function tryItemDocument(db: Kysely<DB>, doc: unknown, input: Record<string, unknown>): Promise<StackedResult & { policy: string }> {
  const item = await checkItemDocument(db, doc);
  const ctx = await evaluationContext(db, undefined);
  const facts = declaredFacts(input, ctx.catalogue);
  const [r] = applyHistoryAndStacking([item], [evaluateItem(item, facts, ctx)], ctx.history, ctx.year);
  return { ...r!, policy: policyOf(item) };
}

/**
 * The organisation's facts for an item's audience (适用对象) and its platform facts: an enterprise's from its
 * records; another kind of organisation (an institution …) only its kind.
 */
export async function audienceFacts(db: Kysely<DB>, orgId: number): Promise<Facts> {
  return organisationFacts(db, orgId);
}

/** Classifies an enterprise's 免申即享 results (its benefits) by the items' audience, applies first. */
export async function classifyBenefits<T extends { itemId: string; status: 'eligible' | 'not_eligible' | 'needs_input'; missing: { fact: string; label: string }[]; setAside: string | null }>(
  db: Kysely<DB>,
  orgId: number,
  benefits: readonly T[],
): Promise<(T & { relevance?: 'applies' | 'might' | 'cannot'; relevanceReason?: string; relevanceMissing?: { fact: string; label: string }[] })[]> {
  if (benefits.length === 0) return [];
  const facts = await audienceFacts(db, orgId);
  const catalogue = await loadCatalogue(db);
  const items = new Map((await latestVersions(db)).map((v) => [v.item.id, v.item]));
  return benefits.map((b) => {
    const item = items.get(b.itemId);
    return item ? { ...b, ...classify(item, { ...b, failed: [] }, facts, { catalogue }) } : b;
  });
}

// ------------------------------------------------------------------ declared facts, remembered per enterprise

export interface DeclaredFactView {
  fact: string;
  label: string;
  year: number;
  value: unknown;
  source: 'declared';
  declaredAt: string;
}

/** Saves what the enterprise typed into the calculator (declaration facts only): one value per fact and year. */
export async function rememberDeclared(db: Kysely<DB>, orgId: number, userId: number, input: Record<string, unknown>, catalogue: Catalogue): Promise<void> {
  const year = suzhouYear();
  const rows = Object.entries(input)
    .filter(([name]) => catalogue.get(name)?.source === 'declaration')
    .map(([fact, value]) => ({ org_id: orgId, fact, year, value: JSON.stringify(value), declared_by: userId }));
  if (rows.length === 0) return;
  await db
    .insertInto('org_declared_facts')
    .values(rows)
    .onConflict((oc) => oc.columns(['org_id', 'fact', 'year']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), declared_by: eb.ref('excluded.declared_by'), declared_at: new Date() })))
    .execute();
}

/** The latest declaration of each fact an enterprise made (newest year first), labelled as declarations. */
export async function declaredFactsOf(db: Kysely<DB>, orgId: number): Promise<DeclaredFactView[]> {
  const catalogue = await loadCatalogue(db);
  const rows = await db.selectFrom('org_declared_facts').selectAll().where('org_id', '=', orgId).orderBy('fact').orderBy('year', 'desc').orderBy('declared_at', 'desc').execute();
  const out: DeclaredFactView[] = [];
  for (const r of rows) {
    if (out.some((x) => x.fact === r.fact)) continue;
    if (!catalogue.get(r.fact)) continue; // a fact since removed from the catalogue
    const value = typeof r.value === 'string' ? (JSON.parse(r.value) as unknown) : r.value;
    out.push({ fact: r.fact, label: catalogue.label(r.fact), year: r.year, value, source: 'declared', declaredAt: new Date(r.declared_at as unknown as string).toISOString() });
  }
  return out;
}
