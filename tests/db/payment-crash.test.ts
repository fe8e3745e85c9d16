/**
 * Crash safety of payments: a worker paying applications is killed with SIGKILL
 * at random moments and restarted with the same idempotency keys, many times.
 * Afterwards every application is paid exactly once: no payment lost (each is
 * paid), none doubled (one payment row and one pay movement each), the ledger
 * reconciles. On the PostgreSQL server when TEST_DATABASE_URL is set, else on an
 * embedded PGlite data folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { applyMovement, reconcileLedger } from '../../src/funding/ledger-repo.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { createUser } from '../../src/users/service.js';
import { syncBuiltinItems } from '../../src/policy/service.js';
import { scratchDatabase } from '../helpers/pg-scratch.js';

const APPS = 200;
/** Kill-and-restart rounds (CRASH_TRIALS; more for the benchmark record in docs/benchmarks.md). */
const TRIALS = Number(process.env.CRASH_TRIALS ?? 12);

/**
 * Runs the worker. With `killAfterNew`, kills it with SIGKILL `jitterMs` after it
 * reported that many new payments: somewhere inside the next payment's transaction
 * (or between two), never at a chosen safe point.
 */
function runWorker(target: string, userId: number, ids: number[], kill: { afterNew: number; jitterMs: number } | null): Promise<{ killed: boolean; paid: number; fresh: number }> {
  return new Promise((resolve, reject) => {
    // node itself runs the worker (tsx as a loader): the tsx launcher would pass SIGKILL on to nobody and leave its child running.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/pay-worker.ts', target, String(userId), ids.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    let armed = false;
    const count = (what: string) => out.split('\n').filter((l) => l.startsWith('paid ') && (what === 'all' || l.endsWith(' new'))).length;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (kill && !armed && count('new') >= kill.afterNew) {
        armed = true;
        setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, kill.jitterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      if (!killed && code !== 0) return reject(new Error(`worker failed (${code}): ${err.slice(-2000)}`));
      resolve({ killed: killed && !out.includes('done'), paid: count('all'), fresh: count('new') });
    });
  });
}

describe('payments survive SIGKILL at any moment', { timeout: 900_000 }, () => {
  let target: string;
  let database: Database;
  let dropAfter: () => Promise<void> = async () => {};
  let userId: number;
  let ids: number[];
  let budgetId: number;

  async function open() {
    database = target.startsWith('postgres') ? await openDatabase({ databaseUrl: target }) : await openDatabase({ dataDir: target, purpose: 'crash-test' });
  }

  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const scratch = await scratchDatabase(url, 'sch_crash');
      target = scratch.url;
      dropAfter = scratch.drop;
    } else {
      target = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-crash-'));
      dropAfter = async () => fs.rmSync(target, { recursive: true, force: true });
    }
    await open();
    const db = database.db;
    await migrate(db);
    await syncBuiltinItems(db);
    const org = await db.insertInto('organisations').values({ kind: 'enterprise', name: '崩溃测试企业', uscc: '914403001922038216' }).returning('id').executeTakeFirstOrThrow();
    userId = (await createUser(db, SYSTEM_ACTOR, { username: 'crash_official', displayName: '拨付员', password: 'Fixture#2026', role: 'official', departmentCode: 'kjj' })).id;
    budgetId = (await db.insertInto('budgets').values({ name: '崩溃测试预算', kind: 'item', item_id: 'm6.new_rd_institute', year: 2026, department_code: 'kjj' }).returning('id').executeTakeFirstOrThrow()).id;
    const BANK = JSON.stringify({ holder: '崩溃测试企业', bank: '中国银行苏州分行', account: '6216610800012345' });
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 100_000 }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
    ids = (
      await db
        .insertInto('applications')
        .values(Array.from({ length: APPS }, (_, i) => ({ org_id: org.id, item_id: 'm6.new_rd_institute', item_version: 1, year: 2026, origin: 'apply' as const, state: 'payable', project: `崩溃测试 ${i}`, facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: 100_000, approved_fen: 1_000 + i, budget_id: budgetId, bank_account: BANK })))
        .returning('id')
        .execute()
    ).map((r) => r.id);
    await db.transaction().execute(async (trx) => {
      await applyMovement(trx, { kind: 'fund', budgetId, amountFen: 10_000_000 }, null);
      for (const [i, id] of ids.entries()) await applyMovement(trx, { kind: 'reserve', budgetId, applicationId: id, amountFen: 1_000 + i }, null);
    });
    await database.close();
  });
  afterAll(async () => {
    await dropAfter();
  });

  it(`kills the payment worker ${TRIALS} times at random moments; every application ends paid exactly once`, async () => {
    let seed = 20261130;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let kills = 0;
    let paidBeforeKill = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const r = await runWorker(target, userId, ids, { afterNew: Math.floor(rnd() * 12), jitterMs: Math.floor(rnd() * 20) });
      if (process.env.CRASH_DEBUG) console.log(trial, JSON.stringify(r));
      if (r.killed) {
        kills++;
        paidBeforeKill += r.fresh;
      }
    }
    const last = await runWorker(target, userId, ids, null);
    expect(last.killed).toBe(false);
    expect(last.paid).toBe(APPS);
    await open();
    try {
      const db = database.db;
      const payments = await db.selectFrom('payments').select(['application_id', 'amount_fen']).execute();
      const movements = await db.selectFrom('ledger_movements').select(['application_id']).where('kind', '=', 'pay').execute();
      const states = await db.selectFrom('applications').select('state').where('id', 'in', ids).execute();
      const lost = ids.filter((id) => !payments.some((p) => p.application_id === id)).length;
      const doubled = movements.length - new Set(movements.map((m) => m.application_id)).size;
      console.log(`crash test (${target.startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}): ${TRIALS} trials, ${kills} killed during payments (${paidBeforeKill} new payments reported before the kills), ${APPS} applications; lost ${lost}, doubled ${doubled}`);
      expect(kills).toBeGreaterThan(0);
      expect({ lost, doubled, payments: payments.length, movements: movements.length }).toEqual({ lost: 0, doubled: 0, payments: APPS, movements: APPS });
      expect(states.every((s) => s.state === 'paid')).toBe(true);
      const b = await db.selectFrom('budgets').select(['spent_fen', 'reserved_fen']).where('id', '=', budgetId).executeTakeFirstOrThrow();
      expect(Number(b.spent_fen)).toBe(ids.reduce((s, _, i) => s + 1_000 + i, 0));
      expect(Number(b.reserved_fen)).toBe(0);
      expect(await reconcileLedger(db)).toMatchObject({ ok: true });
    } finally {
      await database.close();
    }
  });
});
