/** An app over a test database, and small helpers to sign in and call it. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createServer } from '../../src/platform/server.js';
import { createUser } from '../../src/users/service.js';
import { syncBuiltinItems } from '../../src/policy/service.js';
import { syncBuiltinMethod } from '../../src/index/service.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import type { Role } from '../../src/shared/enums.js';
import { openTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function openTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  await syncBuiltinItems(database.db);
  await syncBuiltinMethod(database.db);
  const config = loadConfig({}, { LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', LOGIN_MAX_FAILURES: '5', ...env });
  const app = await createServer(config, database);
  await app.ready();
  return {
    app,
    config,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: number;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
  const cookie = r.cookies.find((c) => c.name === 'sch_session')!;
  const body = r.json() as { csrfToken: string; user: { id: number } };
  return { cookie: `sch_session=${cookie.value}`, csrf: body.csrfToken, userId: body.user.id };
}

export function call(app: FastifyInstance, s: Session | null, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (s) {
    headers.cookie = s.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  }
  return app.inject({ method: method as 'GET', url, headers, payload: payload as object | undefined });
}

export const PASSWORD = 'Fixture#2026';

/** Two enterprises, a university, a bank, a government department, and one user of every role. */
export async function seedFixture(database: TestDatabase) {
  const db = database.db;
  const orgs = await db
    .insertInto('organisations')
    .values([
      { kind: 'enterprise', name: '苏州甲科技有限公司', uscc: '914403001922038216', district_code: '320571', industry_code: '39', size_band: 'small', founded_on: '2015-03-01' },
      { kind: 'enterprise', name: '苏州乙制造有限公司', uscc: '91330100716105852F', district_code: '320505', industry_code: '34', size_band: 'medium', founded_on: '2009-06-18' },
      { kind: 'university', name: '苏州测试大学' },
      { kind: 'financial', name: '苏州测试银行' },
      { kind: 'government', name: '苏州市科学技术局', department_code: 'kjj' },
    ])
    .returning(['id', 'name'])
    .execute();
  const [a, b, uni, bank] = orgs.map((o) => o.id) as [number, number, number, number, number];
  const users: Record<Role | 'enterprise2' | 'admin2', number> = {} as never;
  const specs: [string, Role, number | undefined, string | undefined][] = [
    ['admin', 'admin', undefined, undefined],
    // the second administrator: approves rule proposals made by the first (maker-checker)
    ['admin2', 'admin', undefined, undefined],
    ['official', 'official', undefined, 'kjj'],
    ['enterprise', 'enterprise', a, undefined],
    ['enterprise2', 'enterprise', b, undefined],
    ['institution', 'institution', uni, undefined],
    ['expert', 'expert', undefined, undefined],
    ['tech_manager', 'tech_manager', undefined, undefined],
    ['commissioner', 'commissioner', undefined, undefined],
    ['finance', 'finance', bank, undefined],
  ];
  for (const [username, role, orgId, departmentCode] of specs) {
    const u = await createUser(db, SYSTEM_ACTOR, { username, displayName: username, password: PASSWORD, role, orgId, departmentCode });
    (users as Record<string, number>)[username] = u.id;
  }
  return { orgs: { a, b, uni, bank }, users };
}
