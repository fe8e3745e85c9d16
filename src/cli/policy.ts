import fs from 'node:fs';
import type { Command } from 'commander';
import { evaluateAll, evaluateStored, evaluationContext, enterpriseFacts, fullQuotas, itemsInForce, syncBuiltinItems } from '../policy/service.js';
import { createRun, executeRun, getRun, runTotals } from '../policy/runs.js';
import { formatFen } from '../policy/engine/money.js';
import { progressBar } from './progress.js';
import { declaredFacts } from '../policy/platform-facts.js';
import { cliActor, withDatabase } from './context.js';

export function policyCommands(program: Command) {
  const policy = program.command('policy').description('政策测算');
  policy
    .command('eval')
    .description('按事实文件测算每个支持事项，输出 JSON（金额单位：分）')
    .option('--facts <file>', '事实 JSON 文件：{"equipmentInvestment": 600000000, …}')
    .option('--org <id>', '企业 ID：先由平台记录填入事实（需打开数据库），事实文件中的同名事实覆盖之')
    .action(async (o: { facts?: string; org?: string }) => {
      if (!o.facts && !o.org) throw new Error('请至少指定 --facts 或 --org');
      let input: Record<string, unknown> = {};
      if (o.facts) {
        try {
          input = JSON.parse(fs.readFileSync(o.facts, 'utf8')) as Record<string, unknown>;
        } catch (e) {
          throw new Error(`无法读取事实文件 ${o.facts}：${(e as Error).message}`);
        }
        if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('事实文件应为 JSON 对象');
      }
      if (!o.org) {
        // Facts alone: the built-in items, no database, nothing granted before.
        console.log(JSON.stringify({ results: evaluateAll(declaredFacts(input)) }, null, 2));
        return;
      }
      // With an enterprise: the items in force, the catalogue with administrators' facts, what it was granted and full quotas — as the calculator.
      const results = await withDatabase('policy eval', async (d) => {
        await syncBuiltinItems(d.db);
        const orgId = Number(o.org);
        const context = await evaluationContext(d.db, orgId);
        const facts = { ...(await enterpriseFacts(d.db, orgId)), ...declaredFacts(input, context.catalogue) };
        const district = typeof facts.district?.value === 'string' ? facts.district.value : null;
        const items = (await itemsInForce(d.db)).map((v) => v.item);
        return evaluateStored(d.db, facts, context, await fullQuotas(d.db, items, context.year, district));
      });
      console.log(JSON.stringify({ results }, null, 2));
    });
  policy
    .command('batch')
    .description('免申即享测算：全部企业 × 全部现行事项，结果存入数据库（与网页上“发起测算”相同）')
    .option('--json', '以 JSON 输出各事项合计')
    .action(async (o: { json?: boolean }) => {
      await withDatabase('policy batch', async (d) => {
        await syncBuiltinItems(d.db);
        const actor = cliActor();
        const id = await createRun(d.db, actor);
        const bar = progressBar('保存测算结果');
        await executeRun(d.db, actor, id, (done, total) => bar.update(done, total));
        bar.stop();
        const run = await getRun(d.db, id);
        const totals = await runTotals(d.db, id);
        if (o.json) {
          console.log(JSON.stringify({ run, totals }, null, 2));
          return;
        }
        console.log(`测算 #${id} 完成：${run.total} 家企业 × ${run.items.length} 个事项，计算 ${run.evaluateMs} ms`);
        for (const t of totals.filter((x) => x.eligible > 0)) {
          const item = run.items.find((i) => i.id === t.itemId)!;
          const money = item.kind === 'ceiling' ? `上限合计 ${formatFen(t.ceilingFen)}（经评审确定）` : `合计 ${formatFen(t.entitlementFen)}`;
          console.log(`  ${t.itemId} ${item.title}：${t.eligible} 家符合，${money}`);
        }
      });
    });
}
