/**
 * src/platform/jobs: a task runs in a worker thread loaded from its TypeScript
 * source (through tsx-bootstrap.mjs under vitest), transfers buffers, relays
 * progress, propagates errors with their message, is terminated on abort; Jobs
 * refuses a second start of a kind while one runs and keeps its progress.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors.js';
import { Jobs } from '../../src/platform/jobs/jobs.js';
import { runInWorker, workerEntry } from '../../src/platform/jobs/worker-pool.js';
import type { TestTask } from '../helpers/job-worker.js';

const WORKER = workerEntry(import.meta.url, '../helpers/job-worker');

describe('platform jobs', () => {
  it('names the worker with the caller’s extension: .ts from the sources, .js compiled', () => {
    expect(workerEntry('file:///app/src/index/service.ts', './worker').href).toBe('file:///app/src/index/worker.ts');
    expect(workerEntry('file:///app/dist/src/index/service.js', './worker').href).toBe('file:///app/dist/src/index/worker.js');
  });

  it('runs a task in a worker: input buffers moved in, result buffers moved back, progress relayed', async () => {
    const values = Float64Array.from([1, 2, 3, 4]);
    const seen: number[] = [];
    const r = await runInWorker<TestTask, { sum: number; doubled: Float64Array }>(WORKER, { task: 'sum', values }, { transfer: [values.buffer], onProgress: (_p, done) => seen.push(done) });
    expect(r.sum).toBe(10);
    expect([...r.doubled]).toEqual([2, 4, 6, 8]);
    expect(values.length).toBe(0); // moved, not copied
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('propagates the worker’s error with its message', async () => {
    await expect(runInWorker(WORKER, { task: 'fail', message: '指标“x”不存在' })).rejects.toThrow('指标“x”不存在');
  });

  it('an abort terminates the worker and rejects with 503 in Chinese', async () => {
    const stop = new AbortController();
    const p = runInWorker(WORKER, { task: 'hang' }, { signal: stop.signal, onProgress: () => stop.abort() });
    await expect(p).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/^服务正在停止/) });
  });

  it('Jobs: one run at a time per kind (409 naming the job), other kinds run meanwhile; progress to 100%; close() stops running jobs', async () => {
    const jobs = new Jobs();
    let release!: () => void;
    const gate = new Promise<void>((res) => (release = res));
    const a = jobs.start('a', '稳健性分析', async (ctx) => {
      ctx.progress('draws', 1, 4);
      await gate;
      return 'done';
    });
    expect(jobs.view('a')).toMatchObject({ status: 'running', phase: 'draws', done: 1, total: 4, percent: 25 });
    const refused = await jobs.start('a', '稳健性分析', async () => 'again').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 409, message: expect.stringMatching(/^已有一次稳健性分析正在运行/) });
    expect(await jobs.start('b', '指数计算', async () => 'other')).toBe('other');
    release();
    expect(await a).toBe('done');
    expect(jobs.view('a')).toMatchObject({ status: 'done', percent: 100 });

    const hanging = jobs.start('c', '假设分析', (ctx) => runInWorker(WORKER, { task: 'hang' }, { signal: ctx.signal }));
    await jobs.close();
    await expect(hanging).rejects.toMatchObject({ status: 503 });
    expect(jobs.view('c')).toMatchObject({ status: 'failed' });
    await expect(jobs.start('a', '稳健性分析', async () => 'late')).rejects.toMatchObject({ status: 409 });
  });
});
