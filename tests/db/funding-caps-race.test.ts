/**
 * Caps under concurrency: for each kind of cap (once per project, once ever,
 * once a year, a 就高不重复 / 择一 stacking group, a group total), N approvals of
 * distinct applications of one enterprise are sent at the same moment. Exactly
 * the allowed number pass; every other one is refused with the Chinese reason
 * that names the cap; the ledger reconciles afterwards.
 *
 * On the PostgreSQL server (TEST_DATABASE_URL) the approvals really run at the
 * same time, so this is the race test: before the enterprise's caps lock
 * (src/funding/applications.ts, lockEnterpriseCaps) every one of them passed.
 * PGlite runs one transaction at a time and serialises them: there the test only
 * checks the caps themselves. CAPS_RACE_ROUNDS repeats every kind (a fresh
 * enterprise per round); CAPS_RACE_N sets N.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileLedger } from '../../src/funding/ledger-repo.js';
import { loadItem } from '../../src/policy/engine/check.js';
import { saveVersion } from '../../src/policy/repository.js';
import { call, openTestApp, PASSWORD, seedFixture, signIn, type Session, type TestApp } from '../helpers/app.js';

const WAN = 1_000_000;
const ROUNDS = Number(process.env.CAPS_RACE_ROUNDS ?? 3);
const N = Number(process.env.CAPS_RACE_N ?? 12);
const ON = process.env.TEST_DATABASE_URL ? 'PostgreSQL (a real race)' : 'PGlite (serialised: one transaction at a time)';

/** Two items of one stacking group, saved as an administrator would (no built-in item has these policies). */
const groupItem = (id: string, title: string, stacking: object) =>
  loadItem({
    id,
    measure: 6,
    title,
    clause: '并发测试用事项',
    departments: ['kjj'],
    form: '支持',
    period: 'per_project',
    status: 'official',
    effective: { from: '2026-01-01' },
    parameters: { max: { kind: 'money', value: '1000万', label: '上限', clause: '最高1000万元' } },
    eligibility: { fact: 'newRdInstitute', is: true, label: '并发测试' },
    amount: { ceiling: '$max' },
    stacking,
  });

interface Case {
  kind: string;
  /** How many of the N may pass. */
  allowed: number;
  /** The application i: its item, year and project. */
  app: (i: number) => { itemId: string; year: number; project: string };
  amountFen: number;
  field: string;
  /** Words of the refusal that name the cap. */
  reason: string;
}

const CASES: Case[] = [
  { kind: '按项目 (per_project)', allowed: 1, app: (i) => ({ itemId: 'm6.new_rd_institute', year: 2026, project: i % 2 ? 'Lab 甲 研究院' : 'lab甲研究院' }), amountFen: 10 * WAN, field: 'project', reason: '已获“新建苏州市新型研发机构”支持' },
  { kind: '一次性 (once)', allowed: 1, app: (i) => ({ itemId: 'm4.top_talent', year: 2026 + (i % 2), project: `人才团队 ${i}` }), amountFen: 10 * WAN, field: 'itemId', reason: '一次性奖励已于' },
  { kind: '每年一次 (per_year)', allowed: 2, app: (i) => ({ itemId: 'm3.basic_research', year: 2026 + (i % 2), project: `基础研究 ${i}` }), amountFen: 10 * WAN, field: 'itemId', reason: '每年限一次' },
  { kind: '就高不重复 (group max)', allowed: 1, app: (i) => ({ itemId: i % 2 ? 'm19.joint_lab_national' : 'm19.joint_lab_provincial', year: 2026, project: `联合实验室 ${i}` }), amountFen: 10 * WAN, field: 'itemId', reason: '属同一支持对象，就高不重复' },
  { kind: '择一 (group priority)', allowed: 1, app: (i) => ({ itemId: i % 2 ? 'm6.caps_prio_a' : 'm6.caps_prio_b', year: 2026, project: `择一项目 ${i}` }), amountFen: 10 * WAN, field: 'itemId', reason: '按优先顺序择一' },
  { kind: '合计封顶 (group sum_cap 100万)', allowed: 3, app: (i) => ({ itemId: i % 2 ? 'm6.caps_sum_a' : 'm6.caps_sum_b', year: 2026, project: `封顶项目 ${i}` }), amountFen: 30 * WAN, field: 'amountFen', reason: '同组事项合计上限 100 万元' },
];

describe(`caps hold under N concurrent approvals of one enterprise, on ${ON}`, { timeout: 900_000 }, () => {
  let t: TestApp;
  let official: Session;
  const versions = new Map<string, number>();
  const tally = { trials: 0, violations: 0, excess: 0 };

  beforeAll(async () => {
    t = await openTestApp();
    await seedFixture(t.database);
    await t.database.db.transaction().execute(async (trx) => {
      for (const item of [
        groupItem('m6.caps_sum_a', '并发测试封顶甲', { group: 'm6.caps_sum', policy: 'sum_cap', cap: '100万' }),
        groupItem('m6.caps_sum_b', '并发测试封顶乙', { group: 'm6.caps_sum', policy: 'sum_cap', cap: '100万' }),
        groupItem('m6.caps_prio_a', '并发测试择一甲', { group: 'm6.caps_prio', policy: 'priority', priority: 1 }),
        groupItem('m6.caps_prio_b', '并发测试择一乙', { group: 'm6.caps_prio', policy: 'priority', priority: 2 }),
      ])
        await saveVersion(trx, item, 'admin', null, '并发测试');
    });
    for (const v of await t.database.db.selectFrom('policy_item_versions').select(['item_id', 'version']).orderBy('version').execute()) versions.set(v.item_id, v.version);
    official = await signIn(t.app, 'official', PASSWORD);
    // One budget per item and year, funded for every approval the test could make (so only the caps refuse).
    const budgets = new Set(CASES.flatMap((c) => Array.from({ length: N }, (_, i) => `${c.app(i).itemId}@${c.app(i).year}`)));
    for (const key of budgets) {
      const [itemId, year] = key.split('@') as [string, string];
      const r = await call(t.app, official, 'POST', '/api/funding/budgets', { name: `并发测试 ${key}`, kind: 'item', itemId, year: Number(year), fundFen: ROUNDS * N * 30 * WAN });
      expect(r.statusCode, r.body).toBe(200);
    }
  });
  afterAll(async () => {
    console.log(`concurrent cap probes on ${ON}: ${tally.trials} trials / ${tally.violations} violations (${tally.excess} approvals beyond a cap), N = ${N}, ${ROUNDS} rounds`);
    await t?.close();
  });

  /** A fresh enterprise with N applications waiting for approval (inserted directly, as after review). */
  async function waiting(c: Case, round: number): Promise<{ orgId: number; ids: number[] }> {
    const db = t.database.db;
    const { id: orgId } = await db.insertInto('organisations').values({ kind: 'enterprise', name: `并发测试企业 ${c.kind} ${round}`, uscc: `9132050${String(CASES.indexOf(c)).padStart(2, '0')}${String(round).padStart(9, '0')}` }).returning('id').executeTakeFirstOrThrow();
    const evaluation = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 1000 * WAN }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });
    const rows = Array.from({ length: N }, (_, i) => {
      const a = c.app(i);
      return { org_id: orgId, item_id: a.itemId, item_version: versions.get(a.itemId)!, year: a.year, origin: 'apply' as const, state: 'approval', project: a.project, facts: '{}', evaluation, engine_min_fen: 0, engine_max_fen: 1000 * WAN, bank_account: JSON.stringify({ holder: '并发测试企业', bank: '中国银行苏州分行', account: '6216610800012345' }) };
    });
    const ids = (await db.insertInto('applications').values(rows).returning('id').execute()).map((r) => r.id);
    return { orgId, ids };
  }

  for (const c of CASES) {
    it(`${c.kind}: ${N} approvals at once, exactly ${c.allowed} pass, the others refused naming the cap`, async () => {
      const seen: { round: number; passed: number; approvedInDb: number; wrongRefusals: string[] }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const { orgId, ids } = await waiting(c, round);
        const results = await Promise.all(ids.map((id) => call(t.app, official, 'POST', `/api/funding/applications/${id}/act`, { action: 'approve', amountFen: c.amountFen, reason: '并发审批测试' })));
        const passed = results.filter((r) => r.statusCode === 200).length;
        const wrongRefusals = results
          .filter((r) => r.statusCode !== 200)
          .map((r) => ({ status: r.statusCode, error: r.json().error as { field?: string; message: string } }))
          .filter((r) => r.status !== 400 || r.error.field !== c.field || !r.error.message.includes(c.reason))
          .map((r) => `${r.status} ${r.error.field}: ${r.error.message}`);
        const { n } = await t.database.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .where('state', '=', 'publicity')
          .executeTakeFirstOrThrow();
        seen.push({ round, passed, approvedInDb: Number(n), wrongRefusals });
        tally.trials++;
        if (Number(n) > c.allowed) {
          tally.violations++;
          tally.excess += Number(n) - c.allowed;
        }
      }
      expect(seen).toEqual(Array.from({ length: ROUNDS }, (_, round) => ({ round, passed: c.allowed, approvedInDb: c.allowed, wrongRefusals: [] })));
    });
  }

  it('the ledger reconciles afterwards, and holds exactly the approvals that passed', async () => {
    expect(await reconcileLedger(t.database.db)).toMatchObject({ ok: true, problems: [] });
    const held = await sql<{ reserved: string; approved: string }>`
      SELECT (SELECT coalesce(sum(reserved_fen), 0) FROM ledger_holdings) AS reserved,
             (SELECT coalesce(sum(approved_fen), 0) FROM applications WHERE state = 'publicity') AS approved`.execute(t.database.db);
    expect(Number(held.rows[0]!.reserved)).toBe(Number(held.rows[0]!.approved));
    const expected = CASES.reduce((s, c) => s + ROUNDS * c.allowed * c.amountFen, 0);
    expect(Number(held.rows[0]!.approved)).toBe(expected);
  });
});
