/**
 * `npm start` on an installed checkout: time from launch to the first successful
 * /api/health, on a first start (empty data folder: initdb, migrations, demo
 * seeding of DEMO_ENTERPRISES, web build) and on a restart of the same folder.
 *   npx tsx bench/start-time.ts [--enterprises 2000] [--runs 3]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, gitRev, machine, waitForHealth } from './lib.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const enterprises = opt('enterprises', 2000);
const runs = opt('runs', 3);

async function launch(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_ENTERPRISES: String(enterprises), DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  try {
    const t1 = await waitForHealth(`http://127.0.0.1:${port}`, 300_000, () => child.exitCode === null);
    return t1 - t0;
  } catch (e) {
    console.error(out);
    throw e;
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const first: number[] = [];
const restart: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-bench-start-'));
  first.push(await launch(dir));
  restart.push(await launch(dir));
  fs.rmSync(dir, { recursive: true, force: true });
  console.error(`run ${i + 1}: first ${(first[i]! / 1000).toFixed(1)} s, restart ${(restart[i]! / 1000).toFixed(1)} s`);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`\n### npm start → first /api/health (${new Date().toISOString().slice(0, 10)}, ${gitRev()})\n`);
console.log(`Machine: ${machine()}. ${runs} runs, median shown, all runs in brackets. npm start runs scripts/ensure-web.mjs first, which finds the web build up to date here; on a fresh checkout add the one-time vite build measured below.\n`);
console.log('| start | demo enterprises | median | runs |');
console.log('|---|---|---|---|');
console.log(`| first start (new data folder: initdb, migrate, seed) | ${enterprises} | ${(med(first) / 1000).toFixed(1)} s | ${first.map((x) => (x / 1000).toFixed(1)).join(', ')} |`);
console.log(`| restart (same folder) | — | ${(med(restart) / 1000).toFixed(1)} s | ${restart.map((x) => (x / 1000).toFixed(1)).join(', ')} |`);
