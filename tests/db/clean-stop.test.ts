// `npm start` stops cleanly: SIGTERM (or SIGINT) to the npm process reaches the server, which closes Fastify and
// the database and releases DATA_DIR/.lock before exiting 0. The proof that the database was closed: a sequence
// continues without a gap after a restart. (Killed without closing, PGlite's recovery skips the up to 32 values
// PostgreSQL logs ahead for every sequence, and the next user id jumps: measured with SIGKILL, ids 2 then 35.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server.js';

const ADMIN = { username: 'stop_admin', password: 'Root#Kq2026' };

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function env(dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
}

async function npmStart(dataDir: string): Promise<Started> {
  let out = '';
  // detached: a process group of its own, as a terminal gives a command (Ctrl-C signals the whole group)
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: env(dataDir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    const m = out.match(/已启动[^:]*：(http:\/\/localhost:\d+)/);
    if (m) return { child, url: m[1]!, output: () => out, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`npm start did not start:\n${out}`);
}

async function createUser(url: string, username: string): Promise<number> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const r = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ username, displayName: username, password: 'Demo@2026', role: 'expert' }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { user: { id: number } }).user.id;
}

describe('npm start stops cleanly on a signal', { timeout: 300_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-clean-stop-'));
  const running: ChildProcess[] = [];

  beforeAll(() => {
    // What `npm start` builds on a fresh checkout (the web app, the compiled server), done up front so the
    // starts below are quick; then an administrator, through the compiled CLI.
    for (const script of ['scripts/ensure-web.mjs', 'scripts/build-server.mjs']) {
      const r = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    const r = spawnSync(process.execPath, ['dist/server/src/cli/main.js', 'user', 'create', '--role', 'admin', '--username', ADMIN.username, '--password', ADMIN.password], { cwd: ROOT, env: env(dataDir), encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 900_000);

  afterAll(() => {
    for (const c of running) if (c.exitCode === null) process.kill(-c.pid!, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs compiled JavaScript with node; SIGTERM to npm, then Ctrl-C (SIGINT to the whole process group, npm and the server): exit 0, lock released, the user id sequence continues without a gap', async () => {
    const ids: number[] = [];
    for (const [i, signal] of (['SIGTERM', 'SIGINT'] as const).entries()) {
      const s = await npmStart(dataDir);
      running.push(s.child);
      const lock = JSON.parse(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8')) as { pid: number };
      // the server is node running dist/, not tsx
      const cmdline = fs.readFileSync(`/proc/${lock.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline.some((a) => a.endsWith('dist/server/src/cli/main.js')), cmdline.join(' ')).toBe(true);
      expect(cmdline.join(' ')).not.toContain('tsx');
      ids.push(await createUser(s.url, `stop_user_${i}`));
      if (signal === 'SIGTERM') s.child.kill(signal); // to npm alone, as a process manager would
      else process.kill(-s.child.pid!, signal); // to npm and the server at once, as Ctrl-C in a terminal
      const { code } = await s.exited;
      // npm exits when the server has: its code is the server's
      expect(code, s.output()).toBe(0);
      expect(s.output()).toContain(`收到 ${signal}`);
      expect(fs.existsSync(path.join(dataDir, '.lock')), 'DATA_DIR/.lock released').toBe(false);
      expect(() => process.kill(lock.pid, 0), 'the server process is gone').toThrow();
    }
    const s = await npmStart(dataDir);
    running.push(s.child);
    ids.push(await createUser(s.url, 'stop_user_2'));
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2]);
  });
});
