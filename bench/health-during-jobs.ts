/**
 * Does a long job stall the server? Starts the platform (first start: demo city,
 * first index run and 免申即享 run), then starts a robustness analysis (or an
 * index run) over HTTP and, while it runs, asks GET /api/health one request after
 * another, timing each answer. Prints the job's wall time and the health
 * latencies (idle first, then during the job).
 *   npx tsx bench/health-during-jobs.ts [--enterprises 10000] [--job robustness|run] [--draws N] [--database-url postgres://…]
 * --draws defaults to the most allowed: min(2000, 20,000,000 / scored enterprises).
 * Runs against any commit with the same API (the "before" figures were taken by
 * running this file from a checkout of the commit before the change).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, gitRev, machine, waitForHealth } from './lib.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.indexOf(`--${name}`) >= 0 ? args[args.indexOf(`--${name}`) + 1] : undefined);
const enterprises = Number(arg('enterprises') ?? 10_000);
const job = arg('job') ?? 'robustness';
const databaseUrl = arg('database-url') ?? '';

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-bench-jobs-'));
const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
const child = spawn(process.execPath, [tsx, 'src/cli/main.ts', 'serve'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_ENTERPRISES: String(enterprises), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? NaN;
};
async function health(): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url + '/api/health');
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`health ${r.status}`);
  return performance.now() - t0;
}

try {
  await waitForHealth(url, 900_000, () => child.exitCode === null);
  const login = await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: process.env.DEMO_PASSWORD ?? 'Demo@2026' }) });
  if (!login.ok) throw new Error('login failed: ' + (await login.text()));
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  const latest = (await (await fetch(url + '/api/index/runs/latest', { headers })).json()) as { run: { id: number; scored: number } };
  const draws = Number(arg('draws') ?? Math.min(2000, Math.floor(20_000_000 / latest.run.scored)));

  const idle: number[] = [];
  for (let i = 0; i < 30; i++) idle.push(await health());

  const during: number[] = [];
  const startedAt: number[] = [];
  let done = false;
  const t0 = performance.now();
  const request =
    job === 'run'
      ? fetch(url + '/api/index/runs', { method: 'POST', headers, body: '{}' })
      : fetch(url + `/api/index/runs/${latest.run.id}/robustness`, { method: 'POST', headers, body: JSON.stringify({ draws, seed: 2026 }) });
  const ended = request.then(async (r) => {
    const body = await r.text();
    done = true;
    if (!r.ok) throw new Error(`${job} ${r.status}: ${body}`);
    return performance.now() - t0;
  });
  while (!done) {
    startedAt.push(performance.now() - t0);
    during.push(await health());
    await new Promise((r) => setTimeout(r, 50));
  }
  const wall = await ended;
  const what = job === 'run' ? `POST /api/index/runs (${latest.run.scored.toLocaleString('en')} scored of ${enterprises.toLocaleString('en')})` : `POST /api/index/runs/:id/robustness ${draws} draws × ${latest.run.scored.toLocaleString('en')} scored enterprises`;
  console.log(`\n### GET /api/health while a long job runs (${new Date().toISOString().slice(0, 10)}, ${gitRev()})\n`);
  console.log(`Machine: ${machine()}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}. ${databaseUrl ? 'PostgreSQL server' : 'Embedded PGlite'}.\n`);
  console.log('| | job wall time | health answers during the job | health p50 | p95 | max | idle p50 / max |');
  console.log('|---|---|---|---|---|---|---|');
  const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;
  console.log(`| ${what} | ${ms(wall)} | ${during.length} | ${ms(quantile(during, 0.5))} | ${ms(quantile(during, 0.95))} | ${ms(Math.max(...during))} | ${ms(quantile(idle, 0.5))} / ${ms(Math.max(...idle))} |`);
  const slowest = during.indexOf(Math.max(...during));
  console.log(`\nThe slowest answer was asked ${ms(startedAt[slowest]!)} after the job started (the job took ${ms(wall)}); answers over 1 s: ${during.filter((x) => x > 1000).length}.`);
} finally {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
