/**
 * 免申即享 runs: the batch over every enterprise and every item in force, stored
 * with the versions it used, with progress, repeatable after data changes. One
 * run at a time (a unique index); a run is visible to readers only once done.
 */
import { suzhouDay } from '../platform/clock.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import { appendAudit, audited, type Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, notFound } from '../platform/errors.js';
import { runInWorker, stopped, workerEntry, type Progress } from '../platform/jobs/worker-pool.js';
import { ELIGIBLE, NEEDS_INPUT, type BatchResult } from './engine/batch.js';
import { channelOf, factsUsed, type Channel } from './engine/channel.js';
import type { Catalogue } from './engine/catalogue.js';
import type { SupportItem } from './engine/schema.js';
import { loadPopulation } from './population.js';
import { EXPECTED_NO_HISTORY, expectedFor } from './engine/expected.js';
import { formatFen } from './engine/money.js';
import { approvedAmountsByItem } from './repository.js';
import type { RunView } from '../shared/policy.js';
import { fullQuotas, itemsInForce, loadCatalogue } from './service.js';
import type { PolicyOutput, PolicyTask } from './worker.js';

/** The batch runs in a worker thread (src/policy/worker.ts): the server keeps answering during a 100,000-enterprise run. */
const WORKER = workerEntry(import.meta.url, './worker');

export interface RunItem {
  id: string;
  version: number;
  contentHash: string;
  title: string;
  measure: number;
  departments: string[];
  kind: 'entitlement' | 'ceiling';
  channel: Channel;
  facts: string[];
}

const LETTER = { [ELIGIBLE]: 'E', [NEEDS_INPUT]: 'I', 0: 'N' } as Record<number, string>;
const SAVE_CHUNK = 1000;

function kindOf(item: SupportItem): 'entitlement' | 'ceiling' {
  let a = item.amount;
  while ('cap' in a) a = a.cap;
  return 'ceiling' in a ? 'ceiling' : 'entitlement';
}

/** Marks runs left 'running' by a process that stopped (called at start). */
export async function failInterruptedRuns(db: Kysely<DB>): Promise<number> {
  const r = await db
    .updateTable('policy_runs')
    .set({ status: 'failed', error: '服务重启，本次运行中断；请重新运行', finished_at: new Date() })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Creates the run row (refused while another run is going). */
export async function createRun(db: Kysely<DB>, actor: Actor, day = suzhouDay()): Promise<number> {
  try {
    // The run row and its audit record in one transaction; a refusal (another run going) is recorded by audited().
    return await audited(
      db,
      actor,
      (id: number) => ({ action: 'policy.run.start', objectType: 'policy_run', objectId: id }),
      async (trx) => (await trx.insertInto('policy_runs').values({ status: 'running', data_day: day, started_by: actor.userId ?? null }).returning('id').executeTakeFirstOrThrow()).id,
      { action: 'policy.run.start', objectType: 'policy_run' },
    );
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict(undefined, '已有一次免申即享测算正在运行，请等待其完成');
    throw e;
  }
}

/**
 * Runs a created run to the end: load the population, evaluate, save in chunks
 * (progress = rows saved), totals, done. On any error the run is marked failed
 * and its partial rows removed.
 */
export async function executeRun(db: Kysely<DB>, actor: Actor, runId: number, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<void> {
  let recordFailure = true;
  try {
    const run = await db.selectFrom('policy_runs').select(['data_day']).where('id', '=', runId).executeTakeFirstOrThrow();
    const versions = await itemsInForce(db, run.data_day);
    const items = versions.map((v) => v.item);
    const catalogue = await loadCatalogue(db);
    const runItems: RunItem[] = versions.map((v) => ({
      id: v.item.id,
      version: v.version,
      contentHash: v.contentHash,
      title: v.item.title,
      measure: v.item.measure,
      departments: v.item.departments,
      kind: kindOf(v.item),
      channel: channelOf(v.item, catalogue),
      facts: factsUsed(v.item, catalogue),
    }));
    // 免申即享 relies only on verified or imported figures: self-declared ones count as missing (see population.ts).
    const loaded = await loadPopulation(db, run.data_day, { trustedFiguresOnly: true }, catalogue);
    const { orgIds, pop, declaredOnly } = loaded;
    await db.updateTable('policy_runs').set({ phase: 'evaluate', total: orgIds.length, items: JSON.stringify(runItems), declared_only: declaredOnly }).where('id', '=', runId).execute();

    // The population's columns are copied to the worker (this thread keeps them for the rows below).
    const year = Number(run.data_day.slice(0, 4));
    const out = await runInWorker<PolicyTask, PolicyOutput>(WORKER, { task: 'batch', items, ...(await workerContext(db, items, loaded, catalogue, year)) }, { signal });
    const result = out.results[0]!;
    const evaluateMs = out.evaluateMs;
    await db.updateTable('policy_runs').set({ phase: 'save', evaluate_ms: evaluateMs }).where('id', '=', runId).execute();

    const platformFacts = [...new Set(runItems.flatMap((i) => i.facts))].filter((f) => catalogue.get(f)?.source !== 'declaration');
    for (let start = 0; start < orgIds.length; start += SAVE_CHUNK) {
      const rows = [];
      for (let i = start; i < Math.min(orgIds.length, start + SAVE_CHUNK); i++) rows.push(resultRow(runId, orgIds[i]!, i, result, runItems, platformFacts.filter((f) => !pop.isPresent(i, f))));
      await db.insertInto('policy_run_results').values(rows).execute();
      await db.updateTable('policy_runs').set({ done: start + rows.length }).where('id', '=', runId).execute();
      onProgress?.(start + rows.length, orgIds.length);
      if (signal?.aborted) throw stopped();
    }
    // The rows saved so far count only once the run is 'done': its totals, that status and the
    // audit record are one transaction (audited() records a failure of this step itself).
    // 预计金额: past approved amounts per item (for "最高" items decided by review).
    const history = await approvedAmountsByItem(db, items.map((i) => i.id));
    recordFailure = false;
    await audited(db, actor, { action: 'policy.run.done', objectType: 'policy_run', objectId: runId, detail: { enterprises: orgIds.length, items: runItems.length, evaluateMs } }, async (trx) => {
      await trx.insertInto('policy_run_totals').values(totals(runId, result, runItems, items, history)).execute();
      await trx.updateTable('policy_runs').set({ status: 'done', phase: 'done', finished_at: new Date() }).where('id', '=', runId).execute();
    });
  } catch (e) {
    const message = (e as Error).message.slice(0, 500);
    await db.deleteFrom('policy_run_results').where('run_id', '=', runId).execute().catch(() => undefined);
    await db.updateTable('policy_runs').set({ status: 'failed', error: message, finished_at: new Date() }).where('id', '=', runId).execute().catch(() => undefined);
    if (recordFailure) await appendAudit(db, actor, { action: 'policy.run.done', objectType: 'policy_run', objectId: runId, result: 'error', detail: { error: message } }).catch(() => undefined);
    throw e;
  }
}

/** What the worker needs besides the items: the columns, the catalogue's own facts, the grant history, full quotas. */
async function workerContext(db: Kysely<DB>, items: readonly SupportItem[], loaded: Awaited<ReturnType<typeof loadPopulation>>, catalogue: Catalogue, year: number) {
  // Full quotas by district (the key '' is city-wide: the same for every district).
  const districts = [...new Set(loaded.districts)];
  const full: Record<string, Record<string, string>> = {};
  for (const d of districts) full[d ?? ''] = Object.fromEntries(await fullQuotas(db, items, year, d));
  return {
    population: { size: loaded.pop.size, columns: loaded.pop.columns },
    adminFacts: catalogue.list().filter((f) => f.origin === 'admin'),
    history: loaded.history,
    districts: loaded.districts,
    fullQuotas: full,
    year,
  };
}

function resultRow(runId: number, orgId: number, row: number, r: BatchResult, items: RunItem[], absent: string[]) {
  let statuses = '';
  const eligible: string[] = [];
  const amounts: Record<string, [number, number]> = {};
  let setAside: Record<string, string> | null = null;
  let entitlement = 0;
  let ceiling = 0;
  r.items.forEach((c, k) => {
    const s = c.status[row]!;
    statuses += LETTER[s];
    const aside = c.setAside.get(row);
    if (aside) (setAside ??= {})[c.itemId] = aside;
    if (s !== ELIGIBLE) return;
    eligible.push(c.itemId);
    amounts[c.itemId] = [c.min[row]!, c.max[row]!];
    if (items[k]!.kind === 'ceiling') ceiling += c.max[row]!;
    else entitlement += c.max[row]!;
  });
  return {
    run_id: runId,
    org_id: orgId,
    statuses,
    eligible,
    amounts: JSON.stringify(amounts),
    set_aside: setAside ? JSON.stringify(setAside) : null,
    absent,
    entitlement_fen: entitlement,
    ceiling_fen: ceiling,
  };
}

function totals(runId: number, r: BatchResult, items: RunItem[], docs: readonly SupportItem[], history: Map<string, { count: number; sumFen: number }>) {
  return r.items.map((c, k) => {
    let eligible = 0;
    let needs = 0;
    let sum = 0;
    const maxes: number[] = [];
    for (let i = 0; i < r.size; i++) {
      const s = c.status[i];
      if (s === ELIGIBLE) {
        eligible++;
        sum += c.max[i]!;
        maxes.push(c.max[i]!);
      } else if (s === NEEDS_INPUT) needs++;
    }
    const ceiling = items[k]!.kind === 'ceiling';
    const doc = docs.find((d) => d.id === c.itemId);
    const e = doc ? expectedFor(doc, maxes, history.get(c.itemId) ?? { count: 0, sumFen: 0 }, formatFen) : null;
    return {
      run_id: runId,
      item_id: c.itemId,
      eligible,
      needs_input: needs,
      not_eligible: r.size - eligible - needs,
      entitlement_fen: ceiling ? 0 : sum,
      ceiling_fen: ceiling ? sum : 0,
      expected_fen: e?.expectedFen ?? sum,
      expected_basis: e?.basis ?? 'formula',
      expected_note: e?.note ?? null,
      history_count: e?.historyCount ?? 0,
      history_mean_fen: e?.historyMeanFen ?? null,
    };
  });
}

// ------------------------------------------------------------------ reading

export type { RunView };

function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listRuns(db: Kysely<DB>, limit = 20): Promise<RunView[]> {
  const rows = await db.selectFrom('policy_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map(runView);
}

function runView(r: Selectable<DB['policy_runs']>): RunView {
  return {
    id: r.id,
    status: r.status as RunView['status'],
    phase: r.phase as RunView['phase'],
    total: r.total,
    done: r.done,
    dataDay: String(r.data_day),
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    evaluateMs: r.evaluate_ms,
    error: r.error,
    items: parseJson<RunItem[]>(r.items),
    declaredOnly: r.declared_only,
  };
}

export async function getRun(db: Kysely<DB>, id: number): Promise<RunView> {
  const row = await db.selectFrom('policy_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('免申即享测算', 'id');
  return runView(row);
}

/** The newest finished run, or null when none has finished yet. */
export async function latestDoneRun(db: Kysely<DB>): Promise<RunView | null> {
  const row = await db.selectFrom('policy_runs').selectAll().where('status', '=', 'done').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? runView(row) : null;
}

export async function runTotals(db: Kysely<DB>, runId: number) {
  const rows = await db.selectFrom('policy_run_totals').selectAll().where('run_id', '=', runId).execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    eligible: r.eligible,
    needsInput: r.needs_input,
    notEligible: r.not_eligible,
    entitlementFen: Number(r.entitlement_fen),
    ceilingFen: Number(r.ceiling_fen),
    expectedFen: Number(r.expected_fen),
    expectedBasis: r.expected_basis,
    expectedNote: r.expected_note ?? (r.expected_basis === 'ceiling' ? EXPECTED_NO_HISTORY : '按规则公式计算'),
    historyCount: r.history_count,
    historyMeanFen: r.history_mean_fen === null ? null : Number(r.history_mean_fen),
  }));
}

/** The eligible enterprises of one item in a run, largest amount first. */
export async function eligibleEnterprises(db: Kysely<DB>, runId: number, itemId: string, page: number, pageSize: number) {
  const base = db.selectFrom('policy_run_results as r').where('r.run_id', '=', runId).where(sql<boolean>`r.eligible @> ARRAY[${itemId}]::text[]`);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const amountMax = sql<number>`(r.amounts -> ${itemId} ->> 1)::bigint`;
  const rows = await base
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .leftJoin('districts as d', 'd.code', 'o.district_code')
    .select(['o.id', 'o.name', 'o.uscc', 'd.name as district', sql<number>`(r.amounts -> ${itemId} ->> 0)::bigint`.as('min'), amountMax.as('max')])
    .orderBy(amountMax, 'desc')
    .orderBy('o.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(n), items: rows.map((r) => ({ orgId: r.id, name: r.name, uscc: r.uscc, district: r.district, amount: { min: Number(r.min), max: Number(r.max) } })) };
}

export interface EnterpriseBenefit {
  itemId: string;
  title: string;
  measure: number;
  departments: string[];
  channel: Channel;
  kind: 'entitlement' | 'ceiling';
  status: 'eligible' | 'needs_input' | 'not_eligible';
  amount: { min: number; max: number } | null;
  missing: { fact: string; label: string }[];
  setAside: string | null;
}

/** One enterprise's results in a run; missing facts follow from the item's facts and what the records lack. */
export async function enterpriseBenefits(db: Kysely<DB>, run: RunView, orgId: number): Promise<{ benefits: EnterpriseBenefit[]; entitlementFen: number; ceilingFen: number } | null> {
  const row = await db.selectFrom('policy_run_results').selectAll().where('run_id', '=', run.id).where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return null;
  const amounts = parseJson<Record<string, [number, number]>>(row.amounts);
  const aside = row.set_aside ? parseJson<Record<string, string>>(row.set_aside) : {};
  const absent = new Set(row.absent);
  const catalogue = await loadCatalogue(db);
  const benefits = run.items.map((it, k): EnterpriseBenefit => {
    const letter = row.statuses[k];
    const status = letter === 'E' ? 'eligible' : letter === 'I' ? 'needs_input' : 'not_eligible';
    const a = amounts[it.id];
    const missing =
      status === 'needs_input' ? it.facts.filter((f) => catalogue.get(f)?.source === 'declaration' || absent.has(f)).map((f) => ({ fact: f, label: catalogue.label(f) })) : [];
    return { itemId: it.id, title: it.title, measure: it.measure, departments: it.departments, channel: it.channel, kind: it.kind, status, amount: a ? { min: a[0], max: a[1] } : null, missing, setAside: aside[it.id] ?? null };
  });
  return { benefits, entitlementFen: Number(row.entitlement_fen), ceilingFen: Number(row.ceiling_fen) };
}

// ------------------------------------------------------------------ what-if

export interface Tally {
  eligible: number;
  entitlementFen: number;
  ceilingFen: number;
}

function tally(r: BatchResult, k: number, kind: 'entitlement' | 'ceiling'): Tally {
  const c = r.items[k]!;
  let eligible = 0;
  let sum = 0;
  for (let i = 0; i < r.size; i++) {
    if (c.status[i] === ELIGIBLE) {
      eligible++;
      sum += c.max[i]!;
    }
  }
  return { eligible, entitlementFen: kind === 'entitlement' ? sum : 0, ceilingFen: kind === 'ceiling' ? sum : 0 };
}

const add = (a: Tally, b: Tally): Tally => ({ eligible: a.eligible + b.eligible, entitlementFen: a.entitlementFen + b.entitlementFen, ceilingFen: a.ceilingFen + b.ceilingFen });
const ZERO: Tally = { eligible: 0, entitlementFen: 0, ceilingFen: 0 };

/**
 * The population under the items in force and under the same items with one
 * replaced by an edited document; nothing is saved. Reports, per item and per
 * department, eligible enterprises and totals before and after, and how many
 * enterprises' outcome for the edited item changed.
 */
export async function whatIf(db: Kysely<DB>, edited: SupportItem, day = suzhouDay(), job: { signal?: AbortSignal; onProgress?: Progress } = {}) {
  const versions = await itemsInForce(db, day);
  const before = versions.map((v) => v.item);
  const at = before.findIndex((i) => i.id === edited.id);
  const after = at >= 0 ? before.map((i, k) => (k === at ? edited : i)) : [...before, edited];
  const catalogue = await loadCatalogue(db);
  const loaded = await loadPopulation(db, day, { trustedFiguresOnly: true }, catalogue); // as a 免申即享 run would see them
  const { orgIds, pop } = loaded;
  const year = Number(day.slice(0, 4));
  const out = await runInWorker<PolicyTask, PolicyOutput>(WORKER, { task: 'whatif', before, after, ...(await workerContext(db, after, loaded, catalogue, year)) }, { signal: job.signal, onProgress: job.onProgress });
  const [rb, ra] = out.results as [BatchResult, BatchResult];
  const evaluateMs = out.evaluateMs;

  const items = after.map((item, k) => {
    const kb = before.findIndex((i) => i.id === item.id);
    const b = kb >= 0 ? tally(rb, kb, kindOf(before[kb]!)) : ZERO;
    const a = tally(ra, k, kindOf(item));
    return { itemId: item.id, title: item.title, measure: item.measure, departments: item.departments, before: b, after: a };
  });
  const changed = items.filter((i) => JSON.stringify(i.before) !== JSON.stringify(i.after) || i.itemId === edited.id);
  const departments = new Map<string, { before: Tally; after: Tally }>();
  for (const i of items) {
    for (const d of i.departments) {
      const cur = departments.get(d) ?? { before: ZERO, after: ZERO };
      departments.set(d, { before: add(cur.before, i.before), after: add(cur.after, i.after) });
    }
  }
  const k = after.findIndex((i) => i.id === edited.id);
  const cb = at >= 0 ? rb.items[at]! : null;
  const ca = ra.items[k]!;
  let changedEnterprises = 0;
  for (let i = 0; i < pop.size; i++) {
    if ((cb?.status[i] ?? 0) !== ca.status[i] || (ca.status[i] === ELIGIBLE && cb?.max[i] !== ca.max[i])) changedEnterprises++;
  }
  return {
    enterprises: orgIds.length,
    evaluateMs,
    changedEnterprises,
    items: changed,
    departments: [...departments].filter(([, v]) => JSON.stringify(v.before) !== JSON.stringify(v.after)).map(([code, v]) => ({ code, ...v })),
  };
}
