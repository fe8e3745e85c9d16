/** Starts the platform: open the database, migrate, seed demo data on first start, listen. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { buildApp } from './http/app.js';
import type { Queue } from './queue.js';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function openFromConfig(config: Config, purpose: string): Promise<Database> {
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, purpose });
}

export async function createServer(config: Config, database: Database, queue?: Queue): Promise<FastifyInstance> {
  return buildApp({
    database,
    config,
    queue,
    version: VERSION,
    auth: { sessionTtlHours: config.SESSION_TTL_HOURS, maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES },
  });
}
