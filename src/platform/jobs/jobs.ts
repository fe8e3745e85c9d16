/**
 * One run at a time per kind, with progress, for jobs started from requests.
 * A second start of a kind while one runs is refused (409, in Chinese, naming
 * the job). Each view (kind, phase, done/total, percent, times, error) is kept
 * in memory by the server that runs the job; close() aborts running jobs (their
 * workers are terminated) and waits for them to settle.
 */
import { conflict } from '../errors.js';
import type { Progress } from './worker-pool.js';

export interface JobView {
  kind: string;
  label: string;
  status: 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number;
  /** 0–100; 100 once done. */
  percent: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface JobContext {
  signal: AbortSignal;
  progress: Progress;
}

interface Running {
  view: JobView;
  controller: AbortController;
  promise: Promise<unknown>;
}

export class Jobs {
  private readonly running = new Map<string, Running>();
  private readonly last = new Map<string, JobView>();
  private closed = false;

  /** Starts a job of `kind` (refused while one of that kind runs); resolves with its result. */
  start<T>(kind: string, label: string, fn: (ctx: JobContext) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(conflict(undefined, `服务正在停止，暂不能发起${label}`));
    const busy = this.running.get(kind);
    if (busy) return Promise.reject(conflict(undefined, `已有一次${label}正在运行（已完成 ${busy.view.percent}%），请等待其完成后再发起`));
    const controller = new AbortController();
    const view: JobView = { kind, label, status: 'running', phase: null, done: 0, total: 0, percent: 0, startedAt: new Date().toISOString(), finishedAt: null, error: null };
    const progress: Progress = (phase, done, total) => {
      view.phase = phase;
      view.done = done;
      view.total = total;
      view.percent = total > 0 ? Math.min(99, Math.floor((100 * done) / total)) : 0;
    };
    const promise = (async () => {
      try {
        const r = await fn({ signal: controller.signal, progress });
        view.status = 'done';
        view.percent = 100;
        view.done = view.total;
        return r;
      } catch (e) {
        view.status = 'failed';
        view.error = (e as Error).message;
        throw e;
      } finally {
        view.finishedAt = new Date().toISOString();
        this.running.delete(kind);
        this.last.set(kind, view);
      }
    })();
    this.running.set(kind, { view, controller, promise });
    return promise;
  }

  /** The running job of a kind, else the last one finished; null when none has run in this server. */
  view(kind: string): JobView | null {
    const v = this.running.get(kind)?.view ?? this.last.get(kind);
    return v ? { ...v } : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.allSettled(all.map((r) => r.promise));
  }
}
