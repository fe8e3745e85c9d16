import type { Command } from 'commander';
import { recomputeRun, runIndex, syncBuiltinMethod } from '../index/service.js';
import { cliActor, withDatabase } from './context.js';

export function indexCommands(program: Command) {
  const index = program.command('index').description('科创指数');
  index
    .command('run')
    .description('按现行方法计算全体企业的科创指数并保存（含输入快照）')
    .action(async () => {
      await withDatabase('index run', async (d) => {
        await syncBuiltinMethod(d.db);
        const r = await runIndex(d.db, cliActor());
        console.log(`指数计算 #${r.id}：方法版本 ${r.methodVersion}，${r.edition} 年度，评分 ${r.scored} 家、未参与 ${r.excluded} 家，计算 ${r.computeMs} ms；输入快照 ${r.inputHash}`);
      });
    });
  index
    .command('recompute')
    .description('按保存的输入快照和方法版本重新计算一次指数计算，逐字节比对；不一致时以非零状态退出')
    .requiredOption('--run <id>', '指数计算编号')
    .action(async (o: { run: string }) => {
      await withDatabase('index recompute', async (d) => {
        const r = await recomputeRun(d.db, cliActor(), Number(o.run));
        console.log(JSON.stringify(r, null, 2));
        if (!r.identical) process.exitCode = 1;
      });
    });
}
