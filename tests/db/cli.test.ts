/**
 * The CLI as a user runs it: a separate process on a data folder (or on a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { syncBuiltinItems } from '../../src/policy/service.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const pgUrl = process.env.TEST_DATABASE_URL;

describe('cli', { timeout: 180_000 }, () => {
  let dataDir = '';
  let env: Record<string, string> = {};
  let dropDb: (() => Promise<void>) | null = null;

  function cli(...args: string[]) {
    const r = spawnSync(process.execPath, [tsx, path.join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-cli-'));
    if (pgUrl) {
      const name = `sch_cli_${crypto.randomBytes(4).toString('hex')}`;
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const u = new URL(pgUrl);
      u.pathname = '/' + name;
      env = { DATABASE_URL: u.toString(), DATA_DIR: dataDir };
      dropDb = async () => {
        const d = new pg.Client({ connectionString: pgUrl });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await d.end();
      };
    } else {
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    }
  });
  afterAll(async () => {
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates, then reports up to date', () => {
    const a = cli('migrate');
    expect(a.code, a.err).toBe(0);
    expect(a.out).toContain('已执行');
    const b = cli('migrate');
    expect(b.out).toContain('up to date');
  });

  it('creates users and refuses bad input with the field named', () => {
    const ok = cli('user', 'create', '--role', 'admin', '--username', 'root_admin', '--password', 'Root#Kq2026');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('已创建用户');
    const badRole = cli('user', 'create', '--role', 'king', '--username', 'x_user', '--password', 'Root#Kq2026');
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toContain('role');
    const noDept = cli('user', 'create', '--role', 'official', '--username', 'off1', '--password', 'Root#Kq2026');
    expect(noDept.code).not.toBe(0);
    expect(noDept.err).toContain('departmentCode');
    const dup = cli('user', 'create', '--role', 'admin', '--username', 'root_admin', '--password', 'Root#Kq2026');
    expect(dup.code).not.toBe(0);
    expect(dup.err).toContain('已存在');
    const weak = cli('user', 'create', '--role', 'admin', '--username', 'weak_admin', '--password', 'Admin@123');
    expect(weak.code).not.toBe(0);
    expect(weak.err).toContain('错误 [VALIDATION] password: 密码过于常见');
  });

  it('audit verify passes on an intact chain and fails naming the first edited record', async () => {
    const ok = cli('audit', 'verify');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('审计链完整');
    // tamper with the second record directly in the database
    const database = pgUrl ? await openDatabase({ databaseUrl: env.DATABASE_URL }) : await openDatabase({ dataDir });
    try {
      await database.db.updateTable('audit_log').set({ action: 'user.delete' }).where('seq', '=', 1).execute();
    } finally {
      await database.close();
    }
    const bad = cli('audit', 'verify');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('seq=1');
  });

  it.skipIf(Boolean(pgUrl))('refuses to open a data folder another process holds', async () => {
    const holder = await openDatabase({ dataDir, purpose: 'server' });
    try {
      holder.announcePort(3999);
      const r = cli('migrate');
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('正被进程');
      expect(r.err).toContain('3999');
    } finally {
      await holder.close();
    }
    expect(cli('migrate').code).toBe(0);
  });

  it('policy eval works offline from a facts file and prints JSON', () => {
    const file = path.join(dataDir, 'facts.json');
    fs.writeFileSync(file, JSON.stringify({ isManufacturing: true, equipmentInvestment: 6_000_000_000 }));
    const r = cli('policy', 'eval', '--facts', file);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { results: { itemId: string; status: string; amount: { max: number } | null }[] };
    expect(out.results.find((x) => x.itemId === 'm8.equipment')).toMatchObject({ status: 'eligible', amount: { max: 300_000_000 } });
    fs.writeFileSync(file, JSON.stringify({ equipmentInvestmnet: 1 }));
    const bad = cli('policy', 'eval', '--facts', file);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('facts.equipmentInvestmnet');
  });

  it('policy eval --org reads the enterprise\'s records and what it was granted, as the calculator does', async () => {
    const database = pgUrl ? await openDatabase({ databaseUrl: env.DATABASE_URL }) : await openDatabase({ dataDir });
    let orgId: number;
    try {
      const db = database.db;
      await syncBuiltinItems(db);
      orgId = (await db.insertInto('organisations').values({ kind: 'enterprise', name: 'CLI 测算企业', uscc: '91320500CLIEVAL001', district_code: '320571', industry_code: '39' }).returning('id').executeTakeFirstOrThrow()).id;
      // A one-time award already approved: the CLI must say so, as the calculator and the approval do.
      const version = await db.selectFrom('policy_item_versions').select((eb) => eb.fn.max('version').as('v')).where('item_id', '=', 'm4.top_talent').executeTakeFirst();
      {
        await db
          .insertInto('applications')
          .values({ org_id: orgId, item_id: 'm4.top_talent', item_version: Number(version!.v), year: 2026, origin: 'apply', state: 'paid', project: null, facts: '{}', evaluation: '{}', engine_min_fen: 0, engine_max_fen: 0, approved_fen: 100_000_000 })
          .execute();
      }
    } finally {
      await database.close();
    }
    const file = path.join(dataDir, 'org-facts.json');
    fs.writeFileSync(file, JSON.stringify({ topTalentTeam: true }));
    const r = cli('policy', 'eval', '--org', String(orgId), '--facts', file);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { results: { itemId: string; status: string; explanation: string }[] };
    const top = out.results.find((x) => x.itemId === 'm4.top_talent')!;
    expect(top.status).toBe('not_eligible');
    expect(top.explanation).toContain('一次性奖励已于 2026 年兑现');
  });
});
