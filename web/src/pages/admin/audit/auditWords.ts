/**
 * The audit log in words: each action code (`funding.budget.fund`) and object type (`application`) as a person
 * would say it, in Chinese and English. The code stays beside it (administrators filter by it). Actions built from a
 * lifecycle step (`funding.application.pre_pass`, `market.match.contact`) read as "申报：初审通过". A code this
 * table does not know is shown as it is (auditWords.test.ts checks that every code the server writes is here).
 */
import type { Lang } from '../../../lib/i18n.js';
import { actionLabel } from '../../funding/labels.js';

type Words = readonly [zh: string, en: string];

export const ACTION_WORDS: Readonly<Record<string, Words>> = {
  'auth.login': ['登录', 'Sign in'],
  'auth.logout': ['退出登录', 'Sign out'],
  'auth.password.change': ['修改密码', 'Change password'],
  'auth.token.create': ['创建 API 令牌', 'Create an API token'],
  'auth.token.revoke': ['撤销 API 令牌', 'Revoke an API token'],
  'funding.application.create': ['新建申报', 'Create an application'],
  'funding.application.update': ['修改申报', 'Edit an application'],
  'funding.application.read': ['查看申报', 'Read an application'],
  'funding.application.list': ['查看申报列表', 'List applications'],
  'funding.attachment.add': ['上传申报附件', 'Attach a file'],
  'funding.attachment.remove': ['删除申报附件', 'Remove a file'],
  'funding.budget.create': ['设立预算', 'Create a budget'],
  'funding.budget.fund': ['追加预算资金', 'Add funds to a budget'],
  'funding.budget.ledger': ['查看预算台账', 'Read a budget ledger'],
  'funding.budget.list': ['查看预算列表', 'List budgets'],
  'funding.budget.overview': ['查看预算总览', 'Read the budget overview'],
  'funding.document.decision': ['导出审批决定书', 'Export a decision record'],
  'funding.document.payments': ['导出拨付清单', 'Export the payment list'],
  'funding.document.publicity': ['导出公示名单', 'Export the publicity list'],
  'funding.ledger.reconcile': ['核对台账', 'Reconcile the ledger'],
  'funding.offers.create': ['生成免申即享兑现', 'Create no-application offers'],
  'index.review': ['复核科创指数等级', 'Review an innovation-index grade'],
  'index.method.builtin': ['启用平台内置指数方法新版本', 'Store the built-in index method as a new version'],
  'index.bank.view': ['金融机构查看科创指数', 'Bank reads the index'],
  'index.consent.grant': ['授权金融机构查看', 'Consent to a bank'],
  'index.consent.withdraw': ['撤回金融机构授权', 'Withdraw consent'],
  'index.method.save': ['保存指数方法', 'Save the index method'],
  'index.read': ['查看科创指数', 'Read the index'],
  'index.recompute': ['重算科创指数', 'Recompute the index'],
  'index.robustness': ['指数稳健性检验', 'Index robustness check'],
  'index.run': ['运行科创指数', 'Run the index'],
  'index.screening.hnte': ['高新技术企业培育筛选', 'High-tech enterprise screening'],
  'index.screening.leaders': ['领军企业筛选', 'Leading enterprise screening'],
  'index.tsme.read': ['查看科技型中小企业评价', 'Read the tech-SME assessment'],
  'jobs.run': ['立即运行后台任务', 'Run a job now'],
  'jobs.schedule': ['修改后台任务时间', 'Reschedule a job'],
  'market.achievement.create': ['发布成果', 'Publish an achievement'],
  'market.achievement.update': ['修改成果', 'Edit an achievement'],
  'market.demand.create': ['发布需求', 'Publish a demand'],
  'market.demand.update': ['修改需求', 'Edit a demand'],
  'market.ranker.refit': ['重新拟合匹配排序权重', 'Re-fit the matching weights'],
  'market.ranker.use': ['启用匹配排序权重', 'Put matching weights in use'],
  'market.demand.close': ['关闭需求', 'Close a demand'],
  'market.demand.respond': ['响应需求', 'Respond to a demand'],
  'market.expert.create': ['新增专家', 'Add an expert'],
  'market.expert.update': ['修改专家', 'Edit an expert'],
  'market.notification.read': ['阅读通知', 'Read a notification'],
  'market.recommend': ['生成对接推荐', 'Recommend matches'],
  'market.remind': ['对接逾期提醒', 'Overdue match reminders'],
  'market.task.create': ['新建攻关任务', 'Create a task'],
  'market.task.publish': ['发布攻关任务', 'Publish a task'],
  'market.task.withdraw': ['撤回攻关任务', 'Withdraw a task'],
  'notifications.digest': ['发送每日摘要', 'Send daily digests'],
  'notifications.preferences': ['修改通知方式', 'Change notification settings'],
  'org.create': ['新增组织', 'Add an organisation'],
  'org.update': ['修改组织', 'Edit an organisation'],
  'org.figures.read': ['查看年度数据', 'Read yearly figures'],
  'org.figures.write': ['填报年度数据', 'Enter yearly figures'],
  'org.figures.verify': ['核实年度数据', 'Verify yearly figures'],
  'org.flag.add': ['标记组织', 'Flag an organisation'],
  'org.qualification.add': ['登记资质', 'Add a qualification'],
  'org.qualification.remove': ['删除资质', 'Remove a qualification'],
  'orgs.export': ['导出组织', 'Export organisations'],
  'orgs.import': ['导入组织', 'Import organisations'],
  'policy.benefits.read': ['查看免申即享结果', 'Read benefits'],
  'policy.document.create': ['新增政策文件', 'Add a policy document'],
  'policy.document.update': ['修改政策文件', 'Edit a policy document'],
  'policy.evaluate': ['政策测算', 'Policy evaluation'],
  'policy.fact.save': ['保存事实定义', 'Save a fact definition'],
  'policy.item.builtin': ['载入内置支持事项', 'Load built-in items'],
  'policy.item.propose': ['提交规则修订提案', 'Propose a rule change'],
  'policy.proposal.approve': ['批准规则修订', 'Approve a rule change'],
  'policy.proposal.reject': ['驳回规则修订', 'Reject a rule change'],
  'policy.proposal.withdraw': ['撤回规则修订', 'Withdraw a rule change'],
  'policy.run.start': ['开始免申即享测算', 'Start a no-application run'],
  'policy.run.done': ['免申即享测算完成', 'No-application run finished'],
  'policy.run.enterprises': ['查看测算企业名单', 'Read a run’s enterprises'],
  'policy.whatif': ['政策参数推演', 'What-if analysis'],
  'reference.calendar.save': ['保存工作日历', 'Save the working-day calendar'],
  'reference.department.create': ['新增部门', 'Add a department'],
  'reference.qualification_type.create': ['新增资质类型', 'Add a qualification type'],
  'seed.demo': ['生成演示数据', 'Seed demo data'],
  'user.create': ['新建用户', 'Create a user'],
  'user.update': ['修改用户', 'Edit a user'],
  'user.sessions.revoke': ['注销用户的全部会话', 'Revoke a user’s sessions'],
};

/** market.match.<move>: the pipeline's moves. */
const MATCH_MOVES: Readonly<Record<string, Words>> = {
  contact: ['对接', 'Contact'],
  negotiate: ['进入洽谈', 'Negotiate'],
  sign: ['签约', 'Sign'],
  convert: ['确认转化', 'Convert'],
  decline: ['拒绝', 'Decline'],
  terminate: ['终止', 'Terminate'],
};

export const OBJECT_WORDS: Readonly<Record<string, Words>> = {
  achievement: ['成果', 'Achievement'],
  api_token: ['API 令牌', 'API token'],
  application: ['申报', 'Application'],
  budget: ['预算', 'Budget'],
  demand: ['需求', 'Demand'],
  department: ['部门', 'Department'],
  expert: ['专家', 'Expert'],
  index_consent: ['指数授权', 'Index consent'],
  index_method: ['指数方法', 'Index method'],
  index_run: ['指数运行', 'Index run'],
  job: ['后台任务', 'Job'],
  ledger: ['台账', 'Ledger'],
  market_match: ['对接', 'Match'],
  market_ranker_fit: ['排序权重拟合', 'Ranking fit'],
  market_task: ['攻关任务', 'Task'],
  notification: ['通知', 'Notification'],
  organisation: ['组织', 'Organisation'],
  policy: ['政策文件', 'Policy'],
  policy_fact: ['事实定义', 'Fact'],
  policy_item: ['支持事项', 'Support item'],
  policy_proposal: ['规则修订提案', 'Rule proposal'],
  policy_run: ['免申即享测算', 'No-application run'],
  qualification_type: ['资质类型', 'Qualification type'],
  route: ['接口', 'Route'],
  screening: ['筛选', 'Screening'],
  session: ['会话', 'Session'],
  unknown: ['未知', 'Unknown'],
  user: ['用户', 'User'],
  work_calendar: ['工作日历', 'Working-day calendar'],
};

const pick = (w: Words, lang: Lang) => (lang === 'zh' ? w[0] : w[1]);

/** The action in words, or the code itself when this table does not know it. */
export function auditActionWords(code: string, lang: Lang): string {
  const known = ACTION_WORDS[code];
  if (known) return pick(known, lang);
  const step = /^funding\.application\.([a-z_]+)$/.exec(code);
  if (step) {
    const label = actionLabel(lang, step[1]!);
    if (label !== step[1]) return `${lang === 'zh' ? '申报：' : 'Application: '}${label}`;
  }
  const move = /^market\.match\.([a-z_]+)$/.exec(code);
  if (move && MATCH_MOVES[move[1]!]) return `${lang === 'zh' ? '对接：' : 'Match: '}${pick(MATCH_MOVES[move[1]!]!, lang)}`;
  return code;
}

/** The object type in words, or the code itself. */
export function auditObjectWords(type: string, lang: Lang): string {
  const known = OBJECT_WORDS[type];
  return known ? pick(known, lang) : type;
}
