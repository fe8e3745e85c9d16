import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import { migrate } from '../platform/db/migrate.js';
import { createServer, openFromConfig } from '../platform/server.js';
import { orgCount } from '../orgs/service.js';
import { seedDemo } from '../orgs/demo.js';
import { syncBuiltinItems } from '../policy/service.js';
import { createRun, executeRun, failInterruptedRuns } from '../policy/runs.js';
import { runIndex, syncBuiltinMethod } from '../index/service.js';
import { seedMarketDemo } from '../market/demo.js';
import { seedFundingDemo } from '../funding/demo.js';
import { purgeExpiredSessions } from '../auth/service.js';
import { printDemoUsers } from './seed.js';
import { progressBar } from './progress.js';
import { Queue } from '../platform/queue.js';
import { platformJobs } from '../schedule/jobs.js';
import { scheduleOverrides } from '../schedule/repository.js';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('启动平台（首次启动自动生成演示数据）')
    .action(async () => {
      const t0 = Date.now();
      const config = loadConfig();
      // A clean stop on SIGTERM/SIGINT: stop accepting, let requests in flight finish (Fastify close), close the
      // database (PGlite writes its files and the next start needs no recovery), release DATA_DIR/.lock, exit 0.
      // A signal during the start-up steps stops after the step running. A second signal forces the exit — one
      // more than a second after the first: Ctrl-C under `npm start` may arrive twice at once (from the terminal to
      // the whole process group, and forwarded by npm; the clean-stop test saw it arrive once, the kernel merging them).
      let app: Awaited<ReturnType<typeof createServer>> | null = null;
      let database: Awaited<ReturnType<typeof openFromConfig>> | null = null;
      let queue: Queue | null = null;
      let stopping: Promise<void> | null = null;
      let startingUp = true;
      let firstSignalAt = 0;
      const stop = async () => {
        try {
          if (app) await app.close();
          if (queue) await queue.stop();
          if (database) await database.close();
          process.exit(0);
        } catch (e) {
          console.error(`停止时出错：${e instanceof Error ? e.message : String(e)}`);
          process.exit(1);
        }
      };
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopping) {
          if (Date.now() - firstSignalAt < 1000) return; // the same Ctrl-C, delivered twice
          console.log(`再次收到 ${signal}，立即退出（数据库未正常关闭，下次启动将做恢复）`);
          process.exit(signal === 'SIGINT' ? 130 : 143);
        }
        console.log(startingUp ? `收到 ${signal}：当前启动步骤完成后停止……` : `收到 ${signal}，正在停止（等待进行中的请求完成，关闭数据库）……`);
        firstSignalAt = Date.now();
        stopping = startingUp ? new Promise<void>(() => {}) : stop();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const startUpStopped = async () => {
        if (!stopping) return false;
        await stop();
        return true;
      };
      database = await openFromConfig(config, 'server');
      if (await startUpStopped()) return;
      await migrate(database.db);
      await syncBuiltinItems(database.db);
      await syncBuiltinMethod(database.db);
      await purgeExpiredSessions(database.db);
      await failInterruptedRuns(database.db);
      if (await startUpStopped()) return;
      const meta = await database.db.selectFrom('app_meta').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
      let demo = meta ? (JSON.parse(meta.value) as { users?: { username: string; role: string; org?: string; department?: string }[] }) : null;
      if (!meta && config.SEED_DEMO && (await orgCount(database.db)) === 0) {
        console.log(`首次启动：正在生成演示数据（${config.DEMO_ENTERPRISES} 家企业）……`);
        const bar = progressBar('生成演示数据');
        const r = await seedDemo(database.db, { enterprises: config.DEMO_ENTERPRISES, seed: config.DEMO_SEED, password: config.DEMO_PASSWORD, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        demo = { users: r.users };
        // A first index run and a first 免申即享 run, so the demo shows scores and what each enterprise can receive.
        const actor = { userId: null, label: 'system:demo-seed', ip: null };
        let t = Date.now();
        const index = await runIndex(database.db, actor);
        console.log(`科创指数首次计算：${index.scored} 家企业（${((Date.now() - t) / 1000).toFixed(1)} s）`);
        t = Date.now();
        await executeRun(database.db, actor, await createRun(database.db, actor));
        console.log(`免申即享首次测算完成（${((Date.now() - t) / 1000).toFixed(1)} s）`);
        t = Date.now();
        const market = await seedMarketDemo(database.db, actor);
        console.log(`演示成果 ${market.achievements} 项、技术需求 ${market.demands} 项，专家 ${market.experts} 位，推荐匹配 ${market.matches} 条（${((Date.now() - t) / 1000).toFixed(1)} s）`);
        t = Date.now();
        const funding = await seedFundingDemo(database.db, actor, config);
        console.log(`演示预算 ${funding.budgets} 项、申报 ${funding.applications} 件（待第二位审批、公示期满待拨付、公示中各一件；${((Date.now() - t) / 1000).toFixed(1)} s）`);
      }
      if (await startUpStopped()) return;
      if (config.JOBS) {
        // Scheduled work on the durable queue (src/schedule/jobs.ts); 公示 that ended while the server was down end now.
        queue = Queue.create(database).define(platformJobs(config));
        await queue.start(await scheduleOverrides(database.db));
        await queue.runNow('publicity-end');
      }
      if (await startUpStopped()) return;
      app = await createServer(config, database, queue ?? undefined);
      await app.listen({ port: config.PORT, host: config.HOST });
      startingUp = false;
      if (await startUpStopped()) return;
      const port = (app.server.address() as { port: number }).port;
      database.announcePort(port);
      const url = `http://${config.HOST === '127.0.0.1' || config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
      console.log(`\n苏创荟已启动 (${((Date.now() - t0) / 1000).toFixed(1)} s)：${url}`);
      console.log(`数据库：${database.kind === 'pglite' ? `嵌入式 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}；API 文档：${url}/api/docs`);
      if (demo?.users) {
        printDemoUsers(demo.users.map((u) => ({ ...u, password: config.DEMO_PASSWORD })));
        console.log('（如已修改密码，以修改后的为准）');
      } else {
        console.log('创建管理员：npm run cli -- user create --role admin --username admin --password <至少8位>');
      }
    });
}
