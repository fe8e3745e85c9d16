/**
 * The worker side of runInWorker(): reads the task's input, runs the handler
 * (pure engine code), posts progress, then the result (with the buffers to
 * move) or the error's message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobData, WorkerMessage } from './protocol.js';
import type { Progress } from './worker-pool.js';

export interface Output<O> {
  result: O;
  transfer?: ArrayBuffer[];
}

export function serveJob<I, O>(handler: (input: I, progress: Progress) => Output<O> | Promise<Output<O>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJob() runs only inside a worker thread');
  const post = (m: WorkerMessage<O>, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const progress: Progress = (phase, done, total) => post({ type: 'progress', phase, done, total });
  void (async () => {
    try {
      const out = await handler((workerData as JobData<I>).input, progress);
      post({ type: 'done', result: out.result }, out.transfer);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: 'error', message: err.message, stack: err.stack });
    }
  })();
}
