import type { Command } from 'commander';
import { exportOrgs, importOrgs } from '../orgs/transfer/index.js';
import { ORG_KINDS, type OrgKind } from '../shared/enums.js';
import { cliActor, withDatabase } from './context.js';
import { progressBar } from './progress.js';

export function orgsCommands(program: Command) {
  const orgs = program.command('orgs').description('组织机构导入导出 (.xlsx / .csv)');
  orgs
    .command('import <file>')
    .description('导入组织（先校验全部行；有错误时不写入任何数据，除非指定 --partial）')
    .option('--partial', '只导入校验通过的行（每行完整写入或不写入）', false)
    .action(async (file: string, o: { partial: boolean }) => {
      await withDatabase('orgs import', async (database) => {
        const bar = progressBar('导入');
        const r = await importOrgs(database.db, cliActor(), file, { partial: o.partial, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        for (const e of r.errors.slice(0, 200)) console.error(`  ${e.message}`);
        if (r.errors.length > 200) console.error(`  ……另有 ${r.errors.length - 200} 条错误`);
        if (!r.applied) {
          console.error(`校验失败：${r.errors.length} 处错误，共 ${r.total} 行，未写入任何数据。修正后重新导入，或使用 --partial 只导入正确的行。`);
          process.exitCode = 3;
          return;
        }
        console.log(`导入完成：共 ${r.total} 行，新增 ${r.inserted}，更新 ${r.updated}，跳过 ${r.skipped}${r.errors.length ? `（${r.errors.length} 处错误）` : ''}`);
        if (r.errors.length) process.exitCode = 3;
      });
    });
  orgs
    .command('export <file>')
    .description('导出组织及其最近一年经营数据（导出财务数据会记入审计）')
    .option('--kind <kind>', `只导出一类：${ORG_KINDS.join(' | ')}`)
    .action(async (file: string, o: { kind?: string }) => {
      if (o.kind && !ORG_KINDS.includes(o.kind as OrgKind)) throw new Error(`--kind 应为 ${ORG_KINDS.join(' | ')}`);
      await withDatabase('orgs export', async (database) => {
        const bar = progressBar('导出');
        const r = await exportOrgs(database.db, cliActor(), file, { kind: o.kind as OrgKind | undefined, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        console.log(`已导出 ${r.rows} 行到 ${file}`);
      });
    });
}
