import type { Command } from 'commander';
import { CreateUserBody } from '../shared/api.js';
import { ROLES } from '../shared/enums.js';
import { AppError } from '../platform/errors.js';
import { createUser } from '../users/service.js';
import { cliActor, withDatabase } from './context.js';

export function userCommands(program: Command) {
  const user = program.command('user').description('用户管理');
  user
    .command('create')
    .description('创建用户')
    .requiredOption('--role <role>', `角色：${ROLES.join(' | ')}`)
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--password <password>', '密码（至少 8 位，不能是常用密码、用户名或重复/连续字符）')
    .option('--display-name <name>', '显示名称（默认同用户名）')
    .option('--org <id>', '所属组织 ID（企业、高校院所、金融机构用户必填）')
    .option('--department <code>', '所属部门代码（部门工作人员必填，如 kjj）')
    .action(async (o: { role: string; username: string; password: string; displayName?: string; org?: string; department?: string }) => {
      const parsed = CreateUserBody.safeParse({
        role: o.role,
        username: o.username,
        password: o.password,
        displayName: o.displayName ?? o.username,
        orgId: o.org !== undefined ? Number(o.org) : undefined,
        departmentCode: o.department,
      });
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new AppError('VALIDATION', 400, `${i.path.join('.')}：${i.message}`, i.path.join('.'));
      }
      await withDatabase('user create', async (database) => {
        const u = await createUser(database.db, cliActor(), parsed.data);
        console.log(`已创建用户 #${u.id} ${u.username}（${u.role}${u.orgName ? '，' + u.orgName : ''}${u.departmentName ? '，' + u.departmentName : ''}）`);
      });
    });
}
