// Loads a TypeScript worker when the server runs from its sources (tsx, vitest):
// registers tsx's loader in this worker thread, then imports the worker module.
// Compiled to JavaScript (node dist/…), workers are started from their .js file
// directly and this file is not used (src/platform/jobs/worker-pool.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
