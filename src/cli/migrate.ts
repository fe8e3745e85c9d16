import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import { migrate } from '../platform/db/migrate.js';
import { openFromConfig } from '../platform/server.js';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('执行数据库迁移 (apply SQL migrations)')
    .action(async () => {
      const config = loadConfig();
      const database = await openFromConfig(config, 'cli migrate');
      try {
        const done = await migrate(database.db);
        console.log(done.length ? `已执行 ${done.length} 个迁移：\n  ${done.join('\n  ')}` : '数据库已是最新 (up to date)');
      } finally {
        await database.close();
      }
    });
}
