/**
 * Funding throughput: approvals per second against ONE budget under contention
 * (every approval locks the same budget row to reserve), and payments per second
 * (idempotent, each in its own transaction with its ledger movement), on PGlite
 * in process or on a PostgreSQL server.
 *
 *   npx tsx bench/funding.ts [--n 2000] [--concurrency 16] [--database-url postgres://…]
 *
 * The applications are inserted directly in the 待审批 state (the lifecycle up
 * to there is not what is measured), then approved through the same `act` the
 * API calls; for payments they are moved to 待拨付 directly (publicity skipped),
 * then paid through `act` with idempotency keys.
 */
import { SYSTEM_ACTOR } from '../src/audit/audit.js';
import { act } from '../src/funding/applications.js';
import { loadConfig } from '../src/platform/config.js';
import { applyMovement, reconcileLedger } from '../src/funding/ledger-repo.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { syncBuiltinItems } from '../src/policy/service.js';
import { createUser } from '../src/users/service.js';
import { gitRev, machine } from './lib.js';
import { scratchDatabase } from '../tests/helpers/pg-scratch.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = Number(arg('--n') ?? 2000);
const C = Number(arg('--concurrency') ?? 16);
const url = arg('--database-url');
const rules = loadConfig(); // FUNDING_DUAL_APPROVAL_FEN / FUNDING_PUBLICITY_DAYS from the environment, as the server reads them

async function open(): Promise<{ database: Database; drop: () => Promise<void>; label: string }> {
  if (!url) return { database: await openDatabase({ memory: true }), drop: async () => {}, label: 'PGlite (in process)' };
  const scratch = await scratchDatabase(url, 'sch_bench');
  return { database: await openDatabase({ databaseUrl: scratch.url }), label: 'PostgreSQL 15 server (pool of 10)', drop: scratch.drop };
}

/** Runs `work` over the ids with `c` in flight at once; returns the elapsed ms. */
async function pool(ids: number[], c: number, work: (id: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < ids.length) await work(ids[next++]!);
    }),
  );
  return performance.now() - t0;
}

const { database, drop, label } = await open();
try {
  const db = database.db;
  await migrate(db);
  await syncBuiltinItems(db);
  // One enterprise per application, as in a real round (the caps check reads each enterprise's own approvals).
  const orgs: number[] = [];
  for (let i = 0; i < N; i += 500) {
    const rows = Array.from({ length: Math.min(500, N - i) }, (_, j) => ({ kind: 'enterprise', name: `基准测试企业 ${i + j}`, uscc: `913205${String(i + j).padStart(11, '0')}X` }));
    orgs.push(...(await db.insertInto('organisations').values(rows).returning('id').execute()).map((r) => r.id));
  }
  const official = await createUser(db, SYSTEM_ACTOR, { username: 'bench_official', displayName: '审批员', password: 'Bench#Kq2026', role: 'official', departmentCode: 'kjj' });
  const user = { id: official.id, username: 'bench_official', displayName: '审批员', role: 'official' as const, orgId: null, departmentCode: 'kjj' };
  const actor = { userId: official.id, label: 'bench', ip: null };
  const budget = (await db.insertInto('budgets').values({ name: '基准预算', kind: 'item', item_id: 'm6.new_rd_institute', year: 2026, department_code: 'kjj' }).returning('id').executeTakeFirstOrThrow()).id;
  const AMOUNT = 50_000_000; // 50万元: below the dual-approval amount
  await db.transaction().execute((trx) => applyMovement(trx, { kind: 'fund', budgetId: budget, amountFen: AMOUNT * N }, null));
  const BANK = JSON.stringify({ holder: '基准测试企业', bank: '中国银行苏州分行', account: '6216610800012345' });
  const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: AMOUNT }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
  const ids: number[] = [];
  for (let i = 0; i < N; i += 500) {
    const rows = Array.from({ length: Math.min(500, N - i) }, (_, j) => ({ org_id: orgs[i + j]!, item_id: 'm6.new_rd_institute', item_version: 1, year: 2026, origin: 'apply' as const, state: 'approval', project: `基准项目 ${i + j}`, facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: AMOUNT, bank_account: BANK }));
    ids.push(...(await db.insertInto('applications').values(rows).returning('id').execute()).map((r) => r.id));
  }

  const approveMs = await pool(ids, C, (id) => act(db, actor, user, id, { action: 'approve', amountFen: AMOUNT }, rules));
  await db.updateTable('applications').set({ state: 'payable' }).where('id', 'in', ids).execute();
  const payMs = await pool(ids, C, (id) => act(db, actor, user, id, { action: 'pay', amountFen: AMOUNT, idempotencyKey: `bench-pay-${id}` }, rules));
  const replayMs = await pool(ids.slice(0, Math.min(500, N)), C, (id) => act(db, actor, user, id, { action: 'pay', amountFen: AMOUNT, idempotencyKey: `bench-pay-${id}` }, rules));
  const rec = await reconcileLedger(db);
  const b = await db.selectFrom('budgets').select(['spent_fen', 'reserved_fen', 'available_fen']).where('id', '=', budget).executeTakeFirstOrThrow();

  console.log(`# funding throughput (${new Date().toISOString().slice(0, 10)}, commit ${gitRev()})`);
  console.log(`machine: ${machine()}`);
  console.log(`database: ${label}; ${N} applications of ${N} enterprises, ${C} in flight, all on one budget`);
  console.log('| operation | per second | total |');
  console.log('|---|---|---|');
  console.log(`| approve (reserve on the one budget, audit, event) | ${Math.round((N / approveMs) * 1000)} | ${N} in ${(approveMs / 1000).toFixed(1)} s |`);
  console.log(`| pay (idempotency key, ledger movement, state, audit) | ${Math.round((N / payMs) * 1000)} | ${N} in ${(payMs / 1000).toFixed(1)} s |`);
  console.log(`| pay again with the same key (replayed, nothing paid) | ${Math.round((Math.min(500, N) / replayMs) * 1000)} | ${Math.min(500, N)} in ${(replayMs / 1000).toFixed(1)} s |`);
  console.log(`ledger: reconciles ${rec.ok ? 'yes' : 'NO'} (${rec.movements} movements); budget spent ${Number(b.spent_fen) === AMOUNT * N ? 'exactly N × amount' : `${b.spent_fen} (WRONG)`}, reserved ${b.reserved_fen}, available ${b.available_fen}`);
} finally {
  await database.close();
  await drop();
}
