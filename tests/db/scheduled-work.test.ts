/**
 * Scheduled work (issue #13): 公示 ends by itself when its period is over, unless objections hold it;
 * digests fold a day's notifications into one for people who chose them; owners of stale data are
 * reminded once a month; the nightly run announces what an enterprise newly qualifies for. Then the
 * same work through the durable queue and the administrators' API (list, run now, change a schedule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import { endDuePublicity } from '../../src/funding/scheduled.js';
import { listNotifications } from '../../src/market/pipeline-service.js';
import { announceNewEligibility, remindStaleData, sendDigests, setPreferences } from '../../src/notifications/service.js';
import { loadConfig } from '../../src/platform/config.js';
import { Queue } from '../../src/platform/queue.js';
import { createServer } from '../../src/platform/server.js';
import { platformJobs } from '../../src/schedule/jobs.js';
import { call, PASSWORD, seedFixture, signIn } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { syncBuiltinItems } from '../../src/policy/service.js';
import type { AuthUser } from '../../src/auth/access.js';
import { createAchievement } from '../../src/market/service.js';
import { achievement } from '../helpers/market.js';

const ITEM = 'm6.new_rd_institute';
const EVAL = JSON.stringify({ status: 'eligible', amount: { min: 0, max: 100_000 }, kind: 'ceiling', missing: [], failed: [], steps: [], explanation: '' });

describe('scheduled work', () => {
  let database: TestDatabase;
  let fx: Awaited<ReturnType<typeof seedFixture>>;
  let enterpriseUser: AuthUser;

  async function inPublicity(project: string, to: string) {
    const db = database.db;
    return (
      await db
        .insertInto('applications')
        .values({ org_id: fx.orgs.a, item_id: ITEM, item_version: 1, year: 2026, origin: 'apply', state: 'publicity', project, facts: '{}', evaluation: EVAL, engine_min_fen: 0, engine_max_fen: 100_000, approved_fen: 50_000, publicity_from: '2026-01-05', publicity_to: to })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    await syncBuiltinItems(database.db);
    fx = await seedFixture(database);
    enterpriseUser = { id: fx.users.enterprise, username: 'enterprise', displayName: 'enterprise', role: 'enterprise', orgId: fx.orgs.a, departmentCode: null } as AuthUser;
  });
  afterAll(async () => database.close());

  it('ends a 公示 whose period is over by itself; open or upheld objections hold it; a second run finds nothing', async () => {
    const db = database.db;
    const clean = await inPublicity('无异议', '2026-01-09');
    const open = await inPublicity('异议未处理', '2026-01-09');
    const upheld = await inPublicity('异议成立', '2026-01-09');
    const running = await inPublicity('公示未满', '2026-01-20');
    await db.insertInto('objections').values({ application_id: open, by_user_id: fx.users.enterprise2, text: '研发投入数据存疑' }).execute();
    await db.insertInto('objections').values({ application_id: upheld, by_user_id: fx.users.enterprise2, text: '同一项目重复申报', resolution: '属实', upheld: true, resolved_by: fx.users.official, resolved_at: new Date() }).execute();

    const r = await endDuePublicity(db, '2026-01-12');
    expect(r.ended).toEqual([clean]);
    expect(r.held).toEqual([
      { id: open, reason: '公示期已满，还有 1 条异议待处理' },
      { id: upheld, reason: '公示期已满，有异议成立，待责任单位撤销审批' },
    ]);
    const states = await db.selectFrom('applications').select(['id', 'state']).where('id', 'in', [clean, open, upheld, running]).orderBy('id').execute();
    expect(states.map((s) => s.state)).toEqual(['payable', 'publicity', 'publicity', 'publicity']);
    const ev = await db.selectFrom('application_events').selectAll().where('application_id', '=', clean).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'end_publicity', from_state: 'publicity', to_state: 'payable', actor_user_id: null });
    const audit = await db.selectFrom('audit_log').select(['actor_label', 'action']).where('object_id', '=', String(clean)).execute();
    expect(audit).toContainEqual({ actor_label: 'system:publicity-end', action: 'funding.application.end_publicity' });
    // The last day itself is still 公示.
    expect((await endDuePublicity(db, '2026-01-20')).ended).toEqual([]);
    expect(await endDuePublicity(db, '2026-01-12')).toEqual({ ended: [], held: r.held });
  });

  it('a digest reader sees one message a day with the titles; others see each event', async () => {
    const db = database.db;
    await setPreferences(db, SYSTEM_ACTOR, enterpriseUser, 'daily');
    const t0 = new Date(Date.now() + 1000);
    for (const n of [1, 2, 3]) await db.insertInto('notifications').values({ org_id: fx.orgs.a, user_id: null, kind: 'funding', title: `事件 ${n}`, body: 'x', link: null, created_at: new Date(t0.getTime() + n) }).execute();
    const now = new Date(t0.getTime() + 10_000);
    const first = await sendDigests(db, now);
    expect(first).toMatchObject({ sent: 1, events: 3 });
    const mine = await listNotifications(db, enterpriseUser, 1, 20);
    expect(mine.mode).toBe('daily');
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.title).toContain('3 条新消息');
    expect(mine.items[0]!.body).toBe('· 事件 1\n· 事件 2\n· 事件 3');
    // Nothing new: no second digest.
    expect(await sendDigests(db, new Date(now.getTime() + 1000))).toMatchObject({ sent: 0 });
    // A colleague in the same organisation who did not choose the digest still sees each event, and no digest.
    const other = { ...enterpriseUser, id: fx.users.enterprise2, orgId: fx.orgs.a };
    const theirs = await listNotifications(db, other, 1, 20);
    expect(theirs.items.map((i) => i.title)).toEqual(expect.arrayContaining(['事件 1', '事件 2', '事件 3']));
    expect(theirs.items.some((i) => i.kind === 'digest')).toBe(false);
    await setPreferences(db, SYSTEM_ACTOR, enterpriseUser, 'each');
  });

  it('reminds owners of stale achievements once within the quiet period', async () => {
    const db = database.db;
    const uniUser = { id: fx.users.institution, username: 'institution', displayName: 'institution', role: 'institution', orgId: fx.orgs.uni, departmentCode: null } as AuthUser;
    const a = await createAchievement(db, SYSTEM_ACTOR, uniUser, achievement({ title: '一项很久未更新数据的旧成果' }) as never);
    await db.updateTable('achievements').set({ data_as_of: '2024-01-01' }).where('id', '=', (a as { id: number }).id).execute();
    expect(await remindStaleData(db, 365, 30, '2026-12-07')).toEqual({ reminded: 1 });
    expect(await remindStaleData(db, 365, 30, '2026-12-07')).toEqual({ reminded: 0 });
    const n = await db.selectFrom('notifications').select(['title', 'link']).where('org_id', '=', fx.orgs.uni).where('kind', '=', 'market.stale').execute();
    expect(n).toEqual([{ title: '科技成果数据待更新', link: '/market/achievements?stale=true' }]);
  });

  it('after a nightly run, tells each enterprise the items it newly qualifies for', async () => {
    const db = database.db;
    const items = JSON.stringify([{ id: 'a.one', title: '事项一' }, { id: 'a.two', title: '事项二' }]);
    const run = async () => (await db.insertInto('policy_runs').values({ status: 'done', data_day: '2026-12-07', items } as never).returning('id').executeTakeFirstOrThrow()).id;
    const row = (run_id: number, org_id: number, eligible: string[]) => ({ run_id, org_id, statuses: '', eligible, amounts: '{}', set_aside: '{}', absent: [], entitlement_fen: 0, ceiling_fen: 0 });
    const prev = await run();
    const cur = await run();
    await db.insertInto('policy_run_results').values([row(prev, fx.orgs.a, ['a.one']), row(cur, fx.orgs.a, ['a.one', 'a.two']), row(prev, fx.orgs.b, ['a.one']), row(cur, fx.orgs.b, ['a.one'])] as never).execute();
    expect(await announceNewEligibility(db)).toEqual({ runId: cur, notified: 1 });
    const n = await db.selectFrom('notifications').select(['org_id', 'title', 'body']).where('kind', '=', 'policy.eligible').execute();
    expect(n).toEqual([{ org_id: fx.orgs.a, title: '新的可享政策：1 项', body: expect.stringContaining('“事项二”') }]);
  });

  it('runs through the durable queue, and administrators list, run and reschedule jobs', async () => {
    const config = loadConfig({}, { LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' });
    const queue = Queue.create(database, { pollingIntervalSeconds: 0.5 }).define(platformJobs(config));
    await queue.start();
    const app = await createServer(config, database, queue);
    try {
      const clean = await inPublicity('队列结束', '2020-01-10');
      const admin = await signIn(app, 'admin', PASSWORD);
      const list = await call(app, admin, 'GET', '/api/admin/jobs');
      expect(list.statusCode).toBe(200);
      const pub = list.json().items.find((j: { name: string }) => j.name === 'publicity-end');
      expect(pub).toMatchObject({ cron: '5 * * * *', schedule: '每小时第 5 分' });
      expect(pub.next).toHaveLength(3);
      const run = await call(app, admin, 'POST', '/api/admin/jobs/publicity-end/run');
      expect(run.json()).toMatchObject({ queued: true });
      let state = '';
      for (let i = 0; i < 120 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const runs = await call(app, admin, 'GET', '/api/admin/jobs/publicity-end/runs');
        state = runs.json().items.find((x: { id: string }) => x.id === run.json().jobId)?.state ?? '';
      }
      expect(state).toBe('completed');
      expect((await database.db.selectFrom('applications').select('state').where('id', '=', clean).executeTakeFirstOrThrow()).state).toBe('payable');

      const bad = await call(app, admin, 'PUT', '/api/admin/jobs/digest/schedule', { cron: '99 99 * * *' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('cron');
      const changed = await call(app, admin, 'PUT', '/api/admin/jobs/digest/schedule', { cron: '30 7 * * 1-5' });
      expect(changed.json()).toMatchObject({ cron: '30 7 * * 1-5', defaultCron: '0 8 * * *', schedule: '工作日（周一至周五）07:30' });
      expect((await queue.boss.getSchedules('digest'))[0]).toMatchObject({ cron: '30 7 * * 1-5', timezone: 'Asia/Shanghai' });
      const off = await call(app, admin, 'PUT', '/api/admin/jobs/digest/schedule', { cron: null });
      expect(off.json()).toMatchObject({ cron: null, schedule: '不定时（仅手动运行）', next: [] });
      expect(await queue.boss.getSchedules('digest')).toEqual([]);
      expect((await call(app, await signIn(app, 'official', PASSWORD), 'GET', '/api/admin/jobs')).statusCode).toBe(403);
      expect((await call(app, admin, 'POST', '/api/admin/jobs/no-such-job/run')).statusCode).toBe(404);
    } finally {
      await app.close();
      await queue.stop();
    }
  });

  it('two processes sharing the database: "run now" from both queues one job, and it runs once', async () => {
    let runs = 0;
    const spec = {
      name: 'twin-test',
      label: '双进程测试',
      async run() {
        runs++;
        await new Promise((r) => setTimeout(r, 300));
        return { runs };
      },
    };
    const a = Queue.create(database, { pollingIntervalSeconds: 0.5, schedule: false }).define([spec]);
    const b = Queue.create(database, { pollingIntervalSeconds: 0.5, schedule: false }).define([spec]);
    await a.start();
    await b.start();
    try {
      const ids = [await a.runNow('twin-test'), await b.runNow('twin-test')];
      expect(ids.filter((x) => x !== null)).toHaveLength(1);
      for (let i = 0; i < 60 && runs < 1; i++) await new Promise((r) => setTimeout(r, 250));
      await new Promise((r) => setTimeout(r, 1500));
      expect(runs).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('runs racing each other (two servers): a 公示 is ended once and a digest is sent once (a real race on PostgreSQL)', async () => {
    const db = database.db;
    const id = await inPublicity('并发结束', '2026-02-02');
    const ends = await Promise.all([1, 2, 3, 4].map(() => endDuePublicity(db, '2026-02-10')));
    expect(ends.flatMap((r) => r.ended).filter((x) => x === id)).toEqual([id]);
    expect(await db.selectFrom('application_events').select('id').where('application_id', '=', id).where('action', '=', 'end_publicity').execute()).toHaveLength(1);
    await setPreferences(db, SYSTEM_ACTOR, enterpriseUser, 'daily');
    const t0 = new Date(Date.now() + 1000);
    await db.insertInto('notifications').values({ org_id: fx.orgs.a, user_id: null, kind: 'funding', title: '并发事件', body: 'x', link: null, created_at: t0 }).execute();
    const at = new Date(t0.getTime() + 5000);
    const sent = await Promise.all([1, 2, 3, 4].map(() => sendDigests(db, at)));
    expect(sent.reduce((n, r) => n + r.sent, 0)).toBe(1);
    await setPreferences(db, SYSTEM_ACTOR, enterpriseUser, 'each');
  });
});
