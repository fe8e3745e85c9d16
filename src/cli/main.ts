#!/usr/bin/env node
/** The command line: `npm run cli -- <command>` or the `suchuanghui` bin. One file per command. */
import { Command } from 'commander';
import { AppError } from '../platform/errors.js';
import { loadDotEnv } from '../platform/config.js';
import { auditCommands } from './audit.js';
import { migrateCommand } from './migrate.js';
import { orgsCommands } from './orgs.js';
import { policyCommands } from './policy.js';
import { indexCommands } from './index-cmd.js';
import { ledgerCommands } from './ledger.js';
import { seedCommand } from './seed.js';
import { serveCommand } from './serve.js';
import { userCommands } from './user.js';

// `.env` in the working directory, once, before any command reads the configuration; real variables win.
loadDotEnv();

const program = new Command();
program.name('suchuanghui').description('苏创荟 — 科技创新和产业创新融合发展政策平台').showHelpAfterError();
serveCommand(program);
migrateCommand(program);
seedCommand(program);
userCommands(program);
auditCommands(program);
orgsCommands(program);
policyCommands(program);
indexCommands(program);
ledgerCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof AppError) {
    console.error(`错误 [${e.code}]${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  } else {
    console.error(e instanceof Error ? e.message : e);
  }
  process.exit(process.exitCode && process.exitCode !== 0 ? process.exitCode : 1);
});
