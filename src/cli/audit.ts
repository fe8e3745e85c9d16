import type { Command } from 'commander';
import { checkAnchors, verifyAuditChain } from '../audit/audit.js';
import { withDatabase } from './context.js';

function parseAnchor(v: string, prev: { seq: number; hash: string }[] = []) {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(v.trim());
  if (!m) throw new Error(`--anchor 应为 "seq:hash"（64 位十六进制），收到 "${v}"`);
  return [...prev, { seq: Number(m[1]), hash: m[2]! }];
}

export function auditCommands(program: Command) {
  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计哈希链；发现被修改、删除或重排的记录时以非零状态退出')
    .option('--anchor <seq:hash>', '此前在库外保存的链头（可多次指定），用于发现整链重写或末尾截断', parseAnchor, [])
    .action(async (o: { anchor: { seq: number; hash: string }[] }) => {
      await withDatabase('audit verify', async (database) => {
        const s = await verifyAuditChain(database.db);
        const bad = s.firstBad ?? (await checkAnchors(database.db, o.anchor));
        if (bad) {
          console.error(`审计链校验失败：第一条问题记录 seq=${bad.seq}：${bad.reason}（已检查 ${s.count} 条）`);
          process.exitCode = 2;
          return;
        }
        console.log(`审计链完整：${s.count} 条记录，哈希链与链头一致${o.anchor.length ? `，${o.anchor.length} 个锚点均在链上` : ''}`);
        // An anchor kept outside the database detects a rebuilt chain or a cut tail later.
        console.log(`链头锚点（请在库外保存）：${s.head.seq}:${s.head.hash}`);
      });
    });
}
