/**
 * A queue worker for the crash test (tests/db/queue-crash.test.ts). It starts the durable queue on the
 * target database with one job kind, `crash-test`, whose run records "started" and then — in the first
 * process (`hang`) — never finishes, so the test can kill it mid-job; in the second process (`finish`) it
 * records its effect once (keyed by the job id, as real handlers are idempotent) and completes.
 *
 *   node --import tsx tests/helpers/queue-worker.ts <postgres-url | pglite-data-dir> hang|finish
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.js';
import { Queue } from '../../src/platform/queue.js';

const [target, mode] = process.argv.slice(2) as [string, 'hang' | 'finish'];
const database = await openDatabase(target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target, purpose: 'queue-worker' });
const db = database.db;
await sql`CREATE TABLE IF NOT EXISTS crash_marks (job_id text NOT NULL, what text NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(db);
await sql`CREATE UNIQUE INDEX IF NOT EXISTS crash_marks_done ON crash_marks (job_id) WHERE what = 'done'`.execute(db);
const queue = Queue.create(database, { pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1, schedule: false });
queue.define([
  {
    name: 'crash-test',
    label: '崩溃测试',
    expireInSeconds: 3,
    retryLimit: 3,
    retryDelaySeconds: 0,
    async run(_data, { db: d, jobId }) {
      await sql`INSERT INTO crash_marks (job_id, what) VALUES (${jobId}, 'started')`.execute(d);
      console.log(`started ${jobId} ${new Date().toISOString()}`);
      if (mode === 'hang') await new Promise(() => {});
      await sql`INSERT INTO crash_marks (job_id, what) VALUES (${jobId}, 'done') ON CONFLICT DO NOTHING`.execute(d);
      console.log(`done ${jobId} ${new Date().toISOString()}`);
      setTimeout(() => void queue.stop().then(() => database.close()).then(() => process.exit(0)), 200);
      return { ok: true };
    },
  },
]);
await queue.start();
if (mode === 'hang') {
  const id = await queue.runNow('crash-test', {});
  console.log(`sent ${id}`);
}
console.log(`ready ${new Date().toISOString()}`);
