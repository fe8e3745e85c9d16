/** A worker for tests/unit/jobs.test.ts: echoes, fails, reports progress, or waits until terminated. */
import { serveJob } from '../../src/platform/jobs/serve.js';

export type TestTask = { task: 'sum'; values: Float64Array } | { task: 'fail'; message: string } | { task: 'hang' };

serveJob<TestTask, { sum: number; doubled: Float64Array }>(async (t, progress) => {
  if (t.task === 'fail') throw new Error(t.message);
  if (t.task === 'hang') {
    progress('waiting', 1, 2);
    await new Promise(() => setInterval(() => undefined, 1000));
  }
  if (t.task !== 'sum') throw new Error('unreachable');
  let sum = 0;
  const doubled = new Float64Array(t.values.length);
  t.values.forEach((v, i) => {
    sum += v;
    doubled[i] = 2 * v;
    progress('sum', i + 1, t.values.length);
  });
  return { result: { sum, doubled }, transfer: [doubled.buffer as ArrayBuffer] };
});
