/**
 * Throughput of /api/health, the organisation list (signed in, page of 20) and the
 * policy calculator (POST /api/policy/evaluate)
 * under autocannon, beside a bare Fastify server in the same run.
 *   npx tsx bench/http.ts [--duration 10] [--connections 10] [--enterprises 2000] [--database-url postgres://…] [--only policy]
 * With --database-url the platform runs on that PostgreSQL server (a fresh database is created and dropped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, gitRev, machine, waitForHealth } from './lib.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const duration = opt('duration', 10);
const connections = opt('connections', 10);
const enterprises = opt('enterprises', 2000);
const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
const dbUrlArg = args.indexOf('--database-url') >= 0 ? args[args.indexOf('--database-url') + 1] : undefined;
let databaseUrl = '';
let dropDatabase: (() => Promise<void>) | null = null;
if (dbUrlArg) {
  const name = `sch_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: dbUrlArg });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(dbUrlArg);
  u.pathname = '/' + name;
  databaseUrl = u.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: dbUrlArg });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}

async function start(script: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [tsx, ...script], { env: { ...process.env, PORT: String(port), ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, 300_000, () => child.exitCode === null);
  return { url, child };
}

function run(url: string, headers: Record<string, string> = {}, post?: unknown) {
  return autocannon({ url, connections, duration, headers: post === undefined ? headers : { ...headers, 'content-type': 'application/json' }, method: post === undefined ? 'GET' : 'POST', body: post === undefined ? undefined : JSON.stringify(post) });
}
const only = args.indexOf('--only') >= 0 ? args[args.indexOf('--only') + 1] : undefined;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-bench-http-'));
const bare = await start(['bench/bare-server.ts'], {});
const platform = await start(['src/cli/main.ts', 'serve'], { DATA_DIR: dataDir, DEMO_ENTERPRISES: String(enterprises), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
try {
  const login = await fetch(platform.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: process.env.DEMO_PASSWORD ?? 'Demo@2026' }) });
  if (!login.ok) throw new Error('login failed: ' + (await login.text()));
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const rows: [string, autocannon.Result][] = [];
  rows.push(['bare Fastify GET /api/health', await run(bare.url + '/api/health')]);
  if (only !== 'policy') {
  rows.push(['platform GET /api/health (SELECT 1)', await run(platform.url + '/api/health')]);
  rows.push([`platform GET /api/orgs?page=1&pageSize=20 (${enterprises} enterprises, signed in)`, await run(platform.url + '/api/orgs?page=1&pageSize=20', { cookie })]);
  rows.push(['platform GET /api/orgs?kind=enterprise&district=320571&page=3 (filtered)', await run(platform.url + '/api/orgs?kind=enterprise&district=320571&page=3&pageSize=20', { cookie })]);
  }
  if (only === undefined || only === 'policy') {
    const auth = { cookie, 'x-csrf-token': csrf };
    const facts = { isManufacturing: true, equipmentInvestment: 600_000_000_000, revenue: 800_000_000_000, rdExpense: 40_000_000_000, patentsInvention: 40, patentsHighValue: 16, qualifications: ['hnte', 'ip_advantage'] };
    rows.push([`platform POST /api/policy/evaluate (declared facts, all ${'items'})`, await run(platform.url + '/api/policy/evaluate', auth, { facts })]);
    const org = ((await (await fetch(platform.url + '/api/orgs?kind=enterprise&page=1&pageSize=1', { headers: { cookie } })).json()) as { items: { id: number }[] }).items[0]!.id;
    rows.push(['platform POST /api/policy/evaluate (an enterprise\'s records + declared facts; audited read)', await run(platform.url + '/api/policy/evaluate', auth, { orgId: org, facts: { equipmentInvestment: 600_000_000_000 } })]);
  }
  console.log(`\n### HTTP throughput (${new Date().toISOString().slice(0, 10)}, ${gitRev()})\n`);
  console.log(`Machine: ${machine()}. autocannon ${connections} connections × ${duration} s, load generator on the same 2 cores. ${databaseUrl ? 'PostgreSQL 15 server (pg pool of 10)' : 'Embedded PGlite'}.\n`);
  console.log('| endpoint | req/s (mean) | latency p50 | p99 | non-2xx |');
  console.log('|---|---|---|---|---|');
  for (const [name, r] of rows) console.log(`| ${name} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx} |`);
} finally {
  bare.child.kill('SIGTERM');
  platform.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
}
