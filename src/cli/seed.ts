import type { Command } from 'commander';
import { seedDemo } from '../orgs/demo.js';
import { syncBuiltinItems } from '../policy/service.js';
import { progressBar } from './progress.js';
import { withDatabase } from './context.js';

export function seedCommand(program: Command) {
  program
    .command('seed')
    .description('生成演示数据 (deterministic demo population)')
    .option('--demo', '生成演示数据（目前唯一的种子类型）', true)
    .option('--enterprises <n>', '企业数量', (v) => Number(v), 2000)
    .option('--seed <s>', '随机种子（相同种子生成相同数据）', (v) => Number(v), 20261130)
    .option('--password <pw>', '演示账号密码')
    .action(async (o: { enterprises: number; seed: number; password?: string }) => {
      if (!Number.isInteger(o.enterprises) || o.enterprises < 1 || o.enterprises > 1_000_000) throw new Error('--enterprises 应为 1 到 1,000,000 之间的整数');
      if (!Number.isInteger(o.seed)) throw new Error('--seed 应为整数');
      await withDatabase('seed', async (database, config) => {
        const bar = progressBar('生成演示数据');
        const t0 = Date.now();
        // The items first: the demo has one official for every department responsible for an item in force.
        await syncBuiltinItems(database.db);
        const r = await seedDemo(database.db, { enterprises: o.enterprises, seed: o.seed, password: o.password ?? config.DEMO_PASSWORD, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        console.log(`已生成 ${r.organisations} 个组织（${r.enterprises} 家企业）、${r.figures} 条年度数据、${r.qualifications} 条资质，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
        printDemoUsers(r.users);
      });
    });
}

export function printDemoUsers(users: { username: string; role: string; password: string; org?: string; department?: string }[]) {
  console.log('演示账号 (demo accounts):');
  for (const u of users) console.log(`  ${u.username.padEnd(14)} ${u.password}   ${u.role}${u.org ? ' · ' + u.org : ''}${u.department ? ' · ' + u.department : ''}`);
}
