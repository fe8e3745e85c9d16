/**
 * The durable job queue: pg-boss on the platform's own database (the PostgreSQL server, or the embedded
 * PGlite), in its own schema `pgboss`. Jobs survive a restart; a job whose process died is retried once
 * its time runs out; scheduled jobs (cron, Beijing time) are created once per slot however many server
 * processes share the database, and each queue holds at most one waiting and one running job across all of them (policy
 * 'stately': a second "run now" while one waits is refused, never doubled).
 *
 * On PGlite (one session) every pg-boss statement goes through the driver's mutex
 * (`db.connection().execute`), so it never runs inside an application transaction held by someone else
 * (docs/research/job-queue-and-calendar.md: without it, pg-boss's COMMIT committed a transaction that was
 * meant to roll back). For the same reason a job is enqueued from inside a transaction with `sendIn(trx, …)`.
 *
 * Handlers must be idempotent: a job is delivered at least once (a process killed mid-job leaves it
 * active until it expires, then it runs again).
 */
import { PgBoss, fromKysely, fromPglite, type Job } from 'pg-boss';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/database.js';
import type { DB } from './db/schema.js';

export const QUEUE_SCHEMA = 'pgboss';

export interface JobSpec<T extends object = Record<string, unknown>> {
  /** The queue's name: lower-case words joined by '-'. */
  name: string;
  /** What it does, in Chinese, for the administrators' list. */
  label: string;
  /** Default schedule (cron, five fields, Beijing time); an administrator may change it. */
  cron?: string;
  /** Seconds a run may take before it counts as lost and runs again. */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  run(data: T, ctx: { db: Kysely<DB>; jobId: string }): Promise<Record<string, unknown> | void>;
}

export interface QueueOptions {
  /** Seconds between polls of an idle worker (default 2). */
  pollingIntervalSeconds?: number;
  /** Whether this process runs scheduled jobs' clock (default true). */
  schedule?: boolean;
  /** Seconds between supervision rounds (expired jobs → retry); default 60, minimum 1 (tests). */
  superviseIntervalSeconds?: number;
  /** Whether this process works the queues (default true); false: it only enqueues. */
  work?: boolean;
}

export const TIME_ZONE = 'Asia/Shanghai';

export class Queue {
  private readonly specs = new Map<string, JobSpec<object>>();
  private started = false;

  private constructor(
    readonly boss: PgBoss,
    private readonly database: Database,
    private readonly opts: QueueOptions,
  ) {}

  static create(database: Database, opts: QueueOptions = {}): Queue {
    const common = {
      schema: QUEUE_SCHEMA,
      schedule: opts.schedule ?? true,
      supervise: true,
      superviseIntervalSeconds: opts.superviseIntervalSeconds ?? 60,
      monitorIntervalSeconds: opts.superviseIntervalSeconds ?? 60,
      // pg-boss's own telemetry and warnings stay in its tables; nothing leaves the machine.
    };
    let boss: PgBoss;
    if (database.kind === 'pglite') {
      const base = fromPglite(database.pglite!);
      const db = database.db;
      boss = new PgBoss({ ...common, backend: 'pglite', db: { executeSql: (text: string, values?: unknown[]) => db.connection().execute(() => base.executeSql(text, values)) } });
    } else {
      boss = new PgBoss({ ...common, connectionString: database.url!, max: 3 });
    }
    boss.on('error', (e: Error) => console.warn(`后台任务队列出错：${e.message}`));
    return new Queue(boss, database, opts);
  }

  /** Declares the jobs this process knows (before start). */
  define(specs: readonly JobSpec<object>[]): this {
    for (const s of specs) this.specs.set(s.name, s);
    return this;
  }

  get definitions(): JobSpec<object>[] {
    return [...this.specs.values()];
  }

  spec(name: string): JobSpec<object> | undefined {
    return this.specs.get(name);
  }

  /** Installs or upgrades pg-boss's schema, creates the queues, sets schedules, starts working. */
  async start(schedules: ReadonlyMap<string, string | null> = new Map()): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const s of this.specs.values()) {
      const options = { expireInSeconds: s.expireInSeconds ?? 15 * 60, retryLimit: s.retryLimit ?? 3, retryDelay: s.retryDelaySeconds ?? 60, retryBackoff: (s.retryDelaySeconds ?? 60) > 0 };
      // A queue's policy is fixed when created; its timings follow the code on every start.
      if (await this.boss.getQueue(s.name)) await this.boss.updateQueue(s.name, options);
      else await this.boss.createQueue(s.name, { ...options, policy: 'stately' });
      const cron = schedules.has(s.name) ? schedules.get(s.name)! : (s.cron ?? null);
      if (cron) await this.boss.schedule(s.name, cron, {}, { tz: TIME_ZONE });
      else await this.boss.unschedule(s.name);
      if (this.opts.work ?? true) {
        await this.boss.work<object>(s.name, { pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]: Job<object>[]) => {
          const out = await s.run(job!.data ?? {}, { db: this.database.db, jobId: job!.id });
          return out ?? {};
        });
      }
    }
  }

  /** Changes a job's schedule (null: no schedule) for every process sharing the database. */
  async reschedule(name: string, cron: string | null): Promise<void> {
    if (cron) await this.boss.schedule(name, cron, {}, { tz: TIME_ZONE });
    else await this.boss.unschedule(name);
  }

  /** Enqueues a run now (outside any transaction). Null when one is already waiting. */
  async runNow(name: string, data: object = {}): Promise<string | null> {
    return this.boss.send(name, data);
  }

  /** Enqueues inside the caller's transaction: the job exists only if the transaction commits. */
  async sendIn(trx: Transaction<DB>, name: string, data: object = {}, options: { startAfter?: Date; singletonKey?: string } = {}): Promise<string | null> {
    return this.boss.send(name, data, { ...options, db: fromKysely(trx) });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // graceful: a running job may finish within the timeout; otherwise it expires and runs again later.
    await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
  }
}
