/** GET /api/todo: the signed-in user's to-do inbox, counted from live data (src/todo/). */
import { z } from 'zod';

export const TODO_KINDS = [
  'pre_review',
  'assign_expert',
  'finish_review',
  'approve',
  'pay',
  'end_publicity',
  'no_budget',
  'index_review',
  'score',
  'confirm_offer',
  'returned',
  'draft',
  'match_recommended',
  'match_overdue',
  'department_without_account',
  'rule_proposal',
  'calendar_missing',
  'job_failed',
] as const;
export const TodoKind = z.enum(TODO_KINDS);
export type TodoKind = z.infer<typeof TodoKind>;

export const TodoEntry = z.object({
  kind: TodoKind,
  title: z.string().describe('中文标题，如“待初审的申报”'),
  count: z.number().int().positive(),
  link: z.string().describe('Web 页面路径：去办理的地方'),
  severity: z.enum(['info', 'warning', 'danger']).optional().describe('warning：已到期或阻塞后续办理'),
  subjects: z.array(z.string()).optional().describe('涉及对象的名称（最多 3 个），如没有工作人员账号的部门'),
});
export type TodoEntry = z.infer<typeof TodoEntry>;

export const TodoList = z.object({ entries: z.array(TodoEntry).describe('只列出数量大于 0 的待办') });
export type TodoList = z.infer<typeof TodoList>;
