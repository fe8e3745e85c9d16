import { loadConfig, type Config } from '../platform/config.js';
import type { Database } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { openFromConfig } from '../platform/server.js';
import type { Actor } from '../audit/audit.js';
import os from 'node:os';

/** Opens the configured database for one CLI command, migrated, and closes it afterwards. */
export async function withDatabase<T>(purpose: string, fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openFromConfig(config, `cli ${purpose}`);
  try {
    await migrate(database.db);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export function cliActor(): Actor {
  return { userId: null, label: `cli:${os.userInfo().username}`, ip: null };
}
