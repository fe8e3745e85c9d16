import type { Command } from 'commander';
import { reconcileLedger } from '../funding/ledger-repo.js';
import { withDatabase } from './context.js';

export function ledgerCommands(program: Command) {
  const ledger = program.command('ledger').description('资金账本');
  ledger
    .command('reconcile')
    .description('对账：借方合计 = 贷方合计，每笔变动借贷平衡，每个预算与每项申报的余额都等于其分录；有问题时以非零状态退出')
    .action(async () => {
      await withDatabase('ledger reconcile', async (database) => {
        const r = await reconcileLedger(database.db);
        const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
        console.log(`资金变动 ${r.movements} 笔；借方合计 ${yuan(r.debitFen)}，贷方合计 ${yuan(r.creditFen)}`);
        if (r.ok) {
          console.log('对账平衡：每笔变动借贷相等，所有预算与申报占用的余额均与分录一致，没有负余额');
          return;
        }
        for (const p of r.problems) console.error(`问题：${p}`);
        process.exitCode = 2;
      });
    });
}
