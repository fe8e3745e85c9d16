import fs from 'node:fs';
import type { Command } from 'commander';
import { evaluateAll, enterpriseFacts } from '../policy/service.js';
import { declaredFacts } from '../policy/platform-facts.js';
import { withDatabase } from './context.js';

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
      const declared = declaredFacts(input);
      const facts = o.org ? { ...(await withDatabase('policy eval', (d) => enterpriseFacts(d.db, Number(o.org)))), ...declared } : declared;
      console.log(JSON.stringify({ results: evaluateAll(facts) }, null, 2));
    });
}
