import type { Command } from 'commander';
import { verifyAuditChain } from '../audit/audit.js';
import { withDatabase } from './context.js';

export function auditCommands(program: Command) {
  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计哈希链；发现被修改、删除或重排的记录时以非零状态退出')
    .action(async () => {
      await withDatabase('audit verify', async (database) => {
        const s = await verifyAuditChain(database.db);
        if (s.firstBad) {
          console.error(`审计链校验失败：第一条问题记录 seq=${s.firstBad.seq}：${s.firstBad.reason}（已检查 ${s.count} 条）`);
          process.exitCode = 2;
        } else {
          console.log(`审计链完整：${s.count} 条记录，哈希链与链头一致`);
        }
      });
    });
}
