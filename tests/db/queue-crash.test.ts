/**
 * The durable queue survives a killed process: a worker is killed with SIGKILL in the middle of a job; a
 * new process started on the same database finds the job (its time ran out), runs it again, and it ends
 * completed, its effect recorded once. On the PostgreSQL server when TEST_DATABASE_URL is set, else on an
 * embedded PGlite data folder (the folder's lock of the killed process is taken over, as after a crash).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { scratchDatabase } from '../helpers/pg-scratch.js';

function worker(target: string, mode: 'hang' | 'finish', until: RegExp): Promise<{ child: ReturnType<typeof spawn>; out: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/queue-worker.ts', target, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) resolve({ child, out: () => out, exited });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    void exited.then((code) => {
      if (!until.test(out)) reject(new Error(`queue worker (${mode}) exited ${code} before ${until}: ${out}\n${err.slice(-2000)}`));
    });
  });
}

describe('a job whose process is killed mid-run finishes once after a restart', { timeout: 180_000 }, () => {
  let target: string;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const s = await scratchDatabase(url, 'sch_queue');
      target = s.url;
      drop = s.drop;
    } else {
      target = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-queue-'));
      drop = async () => fs.rmSync(target, { recursive: true, force: true });
    }
  });
  afterAll(async () => drop());

  it('kills the worker inside the job; the next process completes it, the effect once', async () => {
    const first = await worker(target, 'hang', /started (\S+)/);
    const jobId = /started (\S+)/.exec(first.out())![1]!;
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await worker(target, 'finish', /done (\S+)/);
    expect(second.out()).toContain(`done ${jobId}`);
    expect(await second.exited).toBe(0);
    const database = target.startsWith('postgres') ? await openDatabase({ databaseUrl: target }) : await openDatabase({ dataDir: target, purpose: 'queue-crash-test' });
    try {
      const marks = await sql<{ what: string; n: number }>`SELECT what, count(*)::int AS n FROM crash_marks WHERE job_id = ${jobId} GROUP BY what ORDER BY what`.execute(database.db);
      expect(marks.rows).toEqual([
        { what: 'done', n: 1 },
        { what: 'started', n: 2 },
      ]);
      const job = await sql<{ state: string; retry_count: number }>`SELECT state::text, retry_count FROM pgboss.job WHERE id = ${jobId}::uuid`.execute(database.db);
      expect(job.rows).toEqual([{ state: 'completed', retry_count: 1 }]);
    } finally {
      await database.close();
    }
  });
});
