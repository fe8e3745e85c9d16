/**
 * The platform's modules as one table (DESIGN.md §2): who may open each, which
 * of the 19 measures it serves, and whether it is built yet. The menu, the
 * routes, the home page and the "coming soon" pages all read this table, so a
 * new module is one row here plus, once built, one page.
 */
import { ROLES, type Role } from '../../../src/shared/enums.js';
/** A { zh, en } label (as i18n.tsx's Label; written here so the module table imports no JSX and tests can read it). */
type Label = { zh: string; en: string };

export const MODULE_KEYS = [
  'home', 'policy', 'index', 'market', 'funding', 'challenges', 'contracts', 'talent',
  'ip', 'carriers', 'finance', 'dashboard', 'orgs', 'users', 'qualtypes', 'calendar', 'jobs', 'ranker', 'audit', 'account',
] as const;
export type ModuleKey = (typeof MODULE_KEYS)[number];

export type Measures = readonly number[] | 'all';

export interface SubModuleDef {
  key: string;
  label: Label;
  description: Label;
  path: string;
  roles: readonly Role[];
  measures: Measures;
}

export interface ModuleDef {
  key: ModuleKey;
  label: Label;
  /** One sentence on what the module does, shown on its page and on the home page. */
  description: Label;
  path: string;
  roles: readonly Role[];
  measures: Measures;
  /** false: the route renders the honest "coming soon" page. */
  available: boolean;
  /** Menu section: work modules first, administration last. */
  section: 'work' | 'admin' | 'self';
  children?: readonly SubModuleDef[];
}

const ALL: readonly Role[] = ROLES;
const OFFICE: readonly Role[] = ['official', 'admin'];

export const MODULES: readonly ModuleDef[] = [
  {
    key: 'home', path: '/', section: 'work', available: true, roles: ALL, measures: 'all',
    label: { zh: '首页工作台', en: 'Workbench' },
    description: { zh: '按角色汇集常用功能，并列出 19 条政策措施及其责任单位。', en: 'Your role\'s modules and the 19 measures with their responsible departments.' },
  },
  {
    key: 'policy', path: '/policy', section: 'work', available: true, roles: ALL, measures: 'all',
    label: { zh: '政策库与计算器', en: 'Policies & calculator' },
    description: {
      zh: '把每条措施的支持事项写成可版本化的规则：判断企业是否符合条件、测算可获支持金额并给出中文理由，支持免申即享。',
      en: 'Each measure\'s support items as versioned rules: eligibility, the amount an enterprise may receive and why, and no-application benefits.',
    },
  },
  {
    key: 'index', path: '/innovation-index', section: 'work', available: true, roles: ['enterprise', 'official', 'finance', 'admin'], measures: [5, 7, 17],
    label: { zh: '科创指数', en: 'Innovation index' },
    description: {
      zh: '按 OECD/JRC 方法构建的科创指数：指标、门槛、同类比较、不确定区间与原因代码，支撑梯度培育、科创指数惠和指数贷。',
      en: 'A composite innovation index (OECD/JRC method) with cohorts, uncertainty and reason codes, used for tiered cultivation, index-based awards and loans.',
    },
  },
  {
    // Every role reaches the module: the 技术攻关清单 is public (GET /api/market/tasks needs no sign-in);
    // the other parts keep their own roles.
    key: 'market', path: '/market', section: 'work', available: true, roles: ALL, measures: [3, 12, 13, 14],
    label: { zh: '成果与需求', en: 'Achievements & demands' },
    description: {
      zh: '技术交易苏州节点：高校院所成果披露、企业技术需求征集、双向匹配与理由、对接进程跟踪、技术攻关清单。',
      en: 'The Suzhou technology-trading node: achievements, enterprise demands, two-way matching with reasons, the conversion pipeline, and the key-technology list.',
    },
    children: [
      {
        key: 'achievements', path: '/market/achievements', measures: [12, 13, 14],
        roles: ['enterprise', 'institution', 'official', 'tech_manager', 'commissioner', 'admin'],
        label: { zh: '科技成果', en: 'Achievements' },
        description: { zh: '财政资助未转化成果公开披露（成熟度、估值、转化方式），先使用后付费许可。', en: 'Disclosure of publicly funded achievements (TRL, valuation, mode); use-first-pay-later licences.' },
      },
      {
        key: 'demands', path: '/market/demands', measures: [3, 12],
        roles: ['enterprise', 'institution', 'official', 'tech_manager', 'commissioner', 'admin'],
        label: { zh: '技术需求', en: 'Technology demands' },
        description: { zh: '企业发布技术需求，与科技成果双向匹配并给出理由。', en: 'Enterprises post technology problems, matched with achievements both ways, with the reasons.' },
      },
      {
        key: 'matches', path: '/market/matches', measures: [12, 14],
        roles: ['enterprise', 'institution', 'official', 'tech_manager', 'commissioner', 'admin'],
        label: { zh: '对接进程', en: 'Conversion pipeline' },
        description: {
          zh: '匹配从推荐、对接、洽谈、签约到转化（或终止）的全过程：逾期提醒、经办技术经理人、合同金额与每一步记录。',
          en: 'Each match from recommendation through contact, negotiation and signing to conversion (or termination): overdue flags, the broker, the contract amount and every step.',
        },
      },
      {
        key: 'experts', path: '/market/experts', measures: [3, 12],
        roles: ['official', 'admin', 'tech_manager', 'commissioner'],
        label: { zh: '专家库', en: 'Expert pool' },
        description: { zh: '专家的单位、职称、技术领域与专长；技术需求据此推荐相关专家。', en: 'Experts with their affiliation, title, fields and expertise; demands are matched with them.' },
      },
      {
        key: 'expertProfile', path: '/market/experts/me', measures: [3, 12],
        roles: ['expert'],
        label: { zh: '我的专家档案', en: 'My expert profile' },
        description: { zh: '专家本人查看并维护自己在专家库中的档案。', en: 'Experts view and keep their own profile in the expert pool.' },
      },
      {
        key: 'tasks', path: '/market/tasks', measures: [3, 9],
        roles: ALL,
        label: { zh: '技术攻关清单', en: 'Key-technology list' },
        description: { zh: '面向企业征集并凝练形成的技术攻关清单，是揭榜挂帅的来源。', en: 'The curated list of key technology problems collected from enterprises; the source of open challenges.' },
      },
    ],
  },
  {
    key: 'funding', path: '/funding', section: 'work', available: true,
    roles: ALL, measures: 'all',
    label: { zh: '申报与兑现', en: 'Applications & payments' },
    description: {
      zh: '各措施支持事项的申报、评审、审批与拨付；按责任单位分派；预算池与复式记账台账，防止并发超支。',
      en: 'Applying for, reviewing, approving and paying each measure\'s items, routed to departments; budget pools and a double-entry ledger.',
    },
    children: [
      {
        // Enterprises apply and confirm 免申即享 offers; departments work their inbox; experts score what they are assigned.
        key: 'applications', path: '/funding/applications', measures: 'all', roles: ['enterprise', 'institution', 'official', 'expert', 'admin'],
        label: { zh: '申报', en: 'Applications' },
        description: { zh: '在线申报与免申即享确认、部门初审与审批、专家评分、公示与拨付，每一步留痕。', en: 'Apply online or confirm no-application offers; department screening and approval, expert scoring, publicity and payment, every step recorded.' },
      },
      {
        key: 'budgets', path: '/funding/budgets', measures: 'all', roles: OFFICE,
        label: { zh: '预算', en: 'Budgets' },
        description: { zh: '事项年度预算与资金池：下达、可用、预留、已支付，复式记账台账与对账。', en: 'Item budgets and pools: funded, available, reserved and spent, with the double-entry ledger and reconciliation.' },
      },
      {
        // 公示 is public: every role reads it and may object while it runs.
        key: 'publicity', path: '/funding/publicity', measures: 'all', roles: ALL,
        label: { zh: '公示', en: 'Publicity' },
        description: { zh: '正在公示的审批结果；公示期内任何登录用户均可提出异议，由责任单位处理。', en: 'Approvals under public notice; anyone signed in may object while the notice runs.' },
      },
    ],
  },
  {
    key: 'challenges', path: '/challenges', section: 'work', available: false,
    roles: ['enterprise', 'institution', 'official', 'expert', 'admin'], measures: [9],
    label: { zh: '揭榜挂帅', en: 'Open challenges' },
    description: { zh: '揭榜挂帅、赛马制项目的发榜、揭榜、评审与按合同额比例支持。', en: 'Open-challenge and horse-race projects: calls, bids, review and support by contract value.' },
  },
  {
    key: 'contracts', path: '/contracts', section: 'work', available: false,
    roles: ['enterprise', 'institution', 'official', 'tech_manager', 'commissioner', 'admin'], measures: [7, 12],
    label: { zh: '技术合同', en: 'Technology contracts' },
    description: { zh: '技术合同登记与实际支付跟踪，支撑校企联合研发按实付金额比例支持。', en: 'Technology contracts and payments actually made, the base for university–enterprise R&D support.' },
  },
  {
    key: 'talent', path: '/talent', section: 'work', available: false,
    roles: ['enterprise', 'institution', 'official', 'tech_manager', 'commissioner', 'admin'], measures: [4, 15, 16],
    label: { zh: '人才与技术经理人', en: 'Talent & tech managers' },
    description: { zh: '人才与团队、青年科学家；技术经理人与成果转化专员的名册、培训、服务记录与目标。', en: 'Talent and teams, young scientists; the registry, training, service logs and targets of technology managers and commissioners.' },
  },
  {
    key: 'ip', path: '/ip', section: 'work', available: false, roles: ['enterprise', 'institution', 'official', 'admin'], measures: [18],
    label: { zh: '知识产权', en: 'Intellectual property' },
    description: { zh: '专利与高价值发明专利、专利组合培育、产业专利导航数据库。', en: 'Patents, high-value invention patents, patent portfolios and industry patent navigation.' },
  },
  {
    key: 'carriers', path: '/carriers', section: 'work', available: false, roles: ['enterprise', 'institution', 'official', 'admin'], measures: [1, 2, 6, 10, 12, 19],
    label: { zh: '载体与平台', en: 'Platforms & carriers' },
    description: { zh: '实验室、研发机构、新型研发机构、高等研究院、概念验证与中试平台、离岸创新中心等载体的登记与支持事项。', en: 'Labs, R&D institutions, institutes, proof-of-concept and pilot platforms, offshore innovation centres and their support items.' },
  },
  {
    key: 'finance', path: '/finance', section: 'work', available: false, roles: ['enterprise', 'finance', 'official', 'admin'], measures: [13, 17],
    label: { zh: '科技金融', en: 'Sci-tech finance' },
    description: { zh: '经企业授权向金融机构展示科创指数等级与理由；苏转保保费补贴。', en: 'Banks see an enterprise\'s index grade and reasons with its consent; conversion-insurance premium subsidy.' },
  },
  {
    key: 'dashboard', path: '/dashboard', section: 'work', available: false, roles: OFFICE, measures: 'all',
    label: { zh: '部门看板', en: 'Department dashboard' },
    description: { zh: '各责任单位所负责措施的进展、预算执行与目标完成情况。', en: 'How each department\'s measures are doing: progress, budget execution and targets.' },
  },
  {
    key: 'orgs', path: '/orgs', section: 'work', available: true, roles: ALL, measures: [],
    label: { zh: '组织机构', en: 'Organisations' },
    description: { zh: '企业、高校院所、政府部门、金融与服务机构的基本信息、资质与年度数据。', en: 'Enterprises, universities, institutes, departments and agencies: basic data, qualifications and yearly figures.' },
  },
  {
    key: 'users', path: '/admin/users', section: 'admin', available: true, roles: ['admin'], measures: [],
    label: { zh: '用户管理', en: 'Users' },
    description: { zh: '创建、停用用户，重置密码，注销会话。', en: 'Create and disable users, reset passwords, revoke sessions.' },
  },
  {
    key: 'qualtypes', path: '/admin/qualification-types', section: 'admin', available: true, roles: ['admin'], measures: [],
    label: { zh: '资质类型', en: 'Qualification types' },
    description: {
      zh: '企业资质称号的类型（如高新技术企业）：查看内置类型，新增自定义类型供资质登记和组织筛选使用。',
      en: 'The types of enterprise qualifications (e.g. High and New Technology Enterprise): see the built-in ones and add custom types for qualifications and organisation filters.',
    },
  },
  {
    key: 'calendar', path: '/admin/calendar', section: 'admin', available: true, roles: ['admin'], measures: [],
    label: { zh: '工作日历', en: 'Working-day calendar' },
    description: {
      zh: '法定节假日与调休上班日：默认采用国务院办公厅公布的安排，管理员可按年度修改。公示期按工作日计算：法定节假日不计，调休上班日计入。',
      en: 'Public holidays and make-up working days: the State Council’s arrangements by default, changed per year by administrators. Publicity periods are counted in working days: public holidays do not count, make-up working days do.',
    },
  },
  {
    key: 'jobs', path: '/admin/jobs', section: 'admin', available: true, roles: ['admin'], measures: [],
    label: { zh: '后台任务', en: 'Scheduled jobs' },
    description: {
      zh: '平台自动运行的工作：公示期满自动结束、夜间免申即享测算、逾期与数据过期提醒、每日汇总、科创指数年度计算。可立即运行、修改或停用定时计划。',
      en: 'Work the platform does by itself: publicity periods ending, the nightly 免申即享 run, reminders, daily digests, the yearly index. Run one now, change or stop its schedule.',
    },
  },
  {
    key: 'ranker', path: '/admin/ranker', section: 'admin', available: true, roles: ['admin', 'official'], measures: [],
    label: { zh: '匹配排序学习', en: 'Matching weights' },
    description: {
      zh: '成果与需求匹配的排序权重从对接结果中学习：签约、洽谈、对接为正例，以“技术不对口”等原因拒绝为反例。每周重新拟合一次，交叉验证确有提高才启用；每次拟合的前后对比都有记录，管理员可启用任一记录或恢复默认权重。',
      en: 'The weights that rank achievements for demands, learned from the pipeline: signed, negotiating and contacted matches count for a pair, declines as not fitting against it. Re-fitted weekly and put in use only with a cross-validated gain; every fit is recorded with its figures before and after, and administrators can put any fit or the defaults in use.',
    },
  },
  {
    key: 'audit', path: '/admin/audit', section: 'admin', available: true, roles: ['admin'], measures: [],
    label: { zh: '审计日志', en: 'Audit log' },
    description: { zh: '所有写操作与敏感读取的哈希链日志及其校验。', en: 'The hash-chained log of every write and sensitive read, and its verification.' },
  },
  {
    key: 'account', path: '/account', section: 'self', available: true, roles: ALL, measures: [],
    label: { zh: '账户与令牌', en: 'Account & tokens' },
    description: { zh: '修改密码，管理 API 访问令牌。', en: 'Change your password and manage API tokens.' },
  },
];

export function moduleByKey(key: ModuleKey): ModuleDef {
  const found = MODULES.find((m) => m.key === key);
  if (!found) throw new Error(`unknown module ${key}`);
  return found;
}

export function canUse(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role);
}

export function modulesFor(role: Role): ModuleDef[] {
  return MODULES.filter((m) => canUse(m.roles, role));
}

/** The measure numbers a module (or sub-page) serves, expanded from 'all'. */
export function measureNumbers(measures: Measures, all: readonly number[]): number[] {
  return measures === 'all' ? [...all] : [...measures];
}
