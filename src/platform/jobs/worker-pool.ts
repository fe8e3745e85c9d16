/**
 * Long CPU work off the request thread: runInWorker() starts one worker thread
 * for one task, hands it plain data (structured clone; typed arrays may be
 * transferred), relays its progress, and resolves with its result or rejects
 * with its error message. The worker runs pure engine code only; the database
 * stays on the main thread (the embedded PGlite belongs to one thread).
 *
 * Loading works from the sources and compiled: workerEntry(import.meta.url,
 * './worker') names the worker beside the calling module with the caller's own
 * extension. A .js entry (tsc output run with node) is started directly; a .ts
 * entry (tsx, vitest) is started through tsx-bootstrap.mjs, which registers
 * tsx's loader inside the worker before importing it.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { JobData, WorkerMessage } from './protocol.js';

/** The URL of a worker module next to the caller, with the caller's extension (.ts from the sources, .js compiled). */
export function workerEntry(callerUrl: string, relative: string): URL {
  const ext = new URL(callerUrl).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`${relative}${ext}`, callerUrl);
}

const BOOTSTRAP = new URL('./tsx-bootstrap.mjs', import.meta.url);

export type Progress = (phase: string, done: number, total: number) => void;

export interface RunOptions {
  onProgress?: Progress;
  /** Aborting terminates the worker (server closing); the promise rejects with 503. */
  signal?: AbortSignal;
  /** Buffers moved to the worker instead of copied (the caller must not use them afterwards). */
  transfer?: readonly ArrayBuffer[];
}

/** The error a job ends with when the server stops under it. */
export const stopped = () => new AppError('UNAVAILABLE', 503, '服务正在停止，后台计算已中止，请稍后重新发起');

export function runInWorker<I, O>(entry: URL, input: I, opts: RunOptions = {}): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(stopped());
    const data: JobData<I> = { entry: entry.href, input };
    const ts = entry.pathname.endsWith('.ts');
    const worker = new Worker(ts ? BOOTSTRAP : entry, { workerData: data, transferList: opts.transfer ? [...opts.transfer] : undefined });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => {
      finish(() => reject(stopped()));
      void worker.terminate();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage<O>) => {
      if (m.type === 'progress') opts.onProgress?.(m.phase, m.done, m.total);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else if (m.type === 'error') finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e instanceof Error ? e : new Error(String(e)))));
    worker.on('exit', (code) => finish(() => reject(new Error(`后台计算线程意外退出（退出码 ${code}）`))));
  });
}
