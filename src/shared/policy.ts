/** API schemas of the policy module (shared with the web client). */
import { z } from 'zod';

export const PolicyItemSummary = z.object({
  id: z.string(),
  policy: z.string().optional().describe('事项所实施的政策代码（默认 suzhou-2026）'),
  measure: z.number().int(),
  title: z.string(),
  clause: z.string(),
  departments: z.array(z.string()),
  form: z.string(),
  period: z.enum(['once', 'per_year', 'per_project']),
  status: z.enum(['draft', 'official', 'repealed']),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  parameters: z.array(z.object({ name: z.string(), kind: z.string(), value: z.union([z.string(), z.number()]), label: z.string(), clause: z.string() })),
  version: z.number().int().optional(),
  contentHash: z.string().optional(),
  origin: z.enum(['builtin', 'admin']).optional(),
  savedAt: z.string().optional(),
  channel: z.enum(['no_application', 'application']).describe('免申即享（所需事实均来自平台记录）或申报'),
  facts: z.array(z.string()).describe('事项用到的事实'),
  audience: z
    .object({ applicants: z.array(z.string()).optional(), sizes: z.array(z.string()).optional(), sectors: z.array(z.string()).optional(), requires: z.unknown().optional(), note: z.string().optional() })
    .optional()
    .describe('适用对象：申请主体类型、企业规模、行业门类、须满足的条件'),
  materials: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), hint: z.string().optional() })).optional().describe('申报材料清单'),
});

export const CheckedItem = z.object({ valid: z.literal(true), item: PolicyItemSummary, document: z.unknown().describe('规范化后的规则文档') });

export const MeasureCoverage = z.object({
  measure: z.number().int(),
  noAmount: z.boolean().describe('条文未规定对企业的金额'),
  platform: z.string().describe('平台对该条措施所做的工作'),
  modules: z.array(z.string()),
});

export const SaveItemBody = z.object({
  document: z.unknown().describe('规则文档（格式见 docs/policy-rules.md）'),
  note: z.string().max(500).optional().describe('修订说明'),
});
export const SavedItem = z.object({ id: z.string(), version: z.number().int(), contentHash: z.string(), created: z.boolean() });
export const ItemVersionView = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  origin: z.enum(['builtin', 'admin']),
  createdAt: z.string(),
  note: z.string().nullable(),
  proposedBy: z.string().nullable().describe('提交（或在审核制之前保存）该版本的管理员；内置版本为 null'),
  approvedBy: z.string().nullable().describe('审核通过该版本的另一位管理员；内置版本及审核制之前保存的版本为 null'),
  proposalId: z.number().int().nullable(),
  document: z.unknown(),
});

// ------------------------------------------------------------------ maker-checker proposals
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export const ProposalSummary = z.object({
  id: z.number().int(),
  itemId: z.string(),
  title: z.string(),
  contentHash: z.string(),
  baseVersion: z.number().int().nullable().describe('提交时该事项的最新版本（新事项为 null）'),
  note: z.string().nullable(),
  proposedBy: z.object({ id: z.number().int(), name: z.string() }),
  proposedAt: z.string(),
  status: ProposalStatus.describe('pending 待审核、approved 已通过、rejected 已驳回、withdrawn 已撤回'),
  decidedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable().describe('驳回理由或审核意见'),
  resultVersion: z.number().int().nullable().describe('通过后成为的版本号'),
});
export const ProposalView = ProposalSummary.extend({
  document: z.unknown().describe('提交的规则文档（规范化后）'),
  inForce: z.object({ version: z.number().int(), contentHash: z.string(), document: z.unknown() }).nullable().describe('该事项当前的最新版本（用于对比）；新事项为 null'),
});
export const ProposalListQuery = z.object({
  status: ProposalStatus.optional(),
  itemId: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const DecideBody = z.object({ note: z.string().trim().max(500).optional().describe('审核意见') });
export const RejectBody = z.object({ reason: z.string().trim().min(1, '请填写驳回理由').max(500).describe('驳回理由') });
export const TryItemBody = z.object({
  document: z.unknown().describe('未保存的规则文档'),
  facts: z.record(z.string(), z.unknown()).default({}).describe('事实名 → 值（金额单位：分）'),
});

/** 适用对象 and the result together: applies 符合 / might 可能符合（需补充） / cannot 不适用 (shown last, hidden by default). */
export const Relevance = z.enum(['applies', 'might', 'cannot']);
const RelevanceFields = {
  relevance: Relevance.optional().describe('applies 符合；might 补充信息后可能符合；cannot 不适用（适用对象不含本单位，或不符合条件）'),
  relevanceReason: z.string().optional().describe('分类的理由（如“不属于适用对象：要求企业规模为中型、大型（本单位：微型）”）'),
  relevanceMissing: z.array(z.object({ fact: z.string(), label: z.string() })).optional().describe('还需补充的信息（含适用对象所需）'),
};

export const ItemResult = z.object({
  itemId: z.string(),
  policy: z.string().optional().describe('事项所实施的政策代码'),
  status: z.enum(['eligible', 'not_eligible', 'needs_input']),
  amount: z.object({ min: z.number().int(), max: z.number().int() }).nullable().describe('分；kind 为 ceiling 时是评审确定的区间'),
  kind: z.enum(['entitlement', 'ceiling']).nullable(),
  missing: z.array(z.object({ fact: z.string(), label: z.string() })),
  failed: z.array(z.string()),
  steps: z.array(z.string()),
  explanation: z.string(),
  setAside: z.string().optional().describe('被同组就高、一次性或年度限制排除时的原因'),
  setAsideAmount: z.object({ min: z.number().int(), max: z.number().int() }).optional().describe('被排除前单独测算的金额（分）'),
  version: z.number().int().optional().describe('所用规则版本'),
  contentHash: z.string().optional().describe('所用规则版本的内容哈希'),
  ...RelevanceFields,
});

/** Facts an enterprise declared before (in the calculator): offered next time; declarations, not verified data. */
export const DeclaredFacts = z.object({
  facts: z.array(
    z.object({
      fact: z.string(),
      label: z.string(),
      year: z.number().int().describe('申报年度'),
      value: z.unknown().describe('所填的值（金额单位：分）'),
      source: z.literal('declared').describe('企业自报，未经核实'),
      declaredAt: z.string(),
    }),
  ),
});

export const EvaluateBody = z.object({
  orgId: z.number().int().positive().optional().describe('企业 ID：由平台记录填入事实，facts 中的同名事实覆盖之'),
  facts: z.record(z.string(), z.unknown()).optional().describe('事实名 → 值（金额单位：分）'),
});

// ------------------------------------------------------------------ 免申即享 runs and what-if
export const RunItem = z.object({
  id: z.string(),
  version: z.number().int(),
  contentHash: z.string(),
  title: z.string(),
  measure: z.number().int(),
  departments: z.array(z.string()),
  kind: z.enum(['entitlement', 'ceiling']),
  channel: z.enum(['no_application', 'application']),
  facts: z.array(z.string()),
});
export const RunView = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['load', 'evaluate', 'save', 'done']).describe('读取数据 / 计算 / 保存 / 完成'),
  total: z.number().int().describe('企业数'),
  done: z.number().int().describe('已保存结果的企业数'),
  dataDay: z.string().describe('资质有效性按此日判断；年度数据取各企业最近年度'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  evaluateMs: z.number().int().nullable().describe('计算耗时（毫秒，不含读写数据库）'),
  error: z.string().nullable(),
  items: z.array(RunItem).describe('本次使用的事项版本'),
  declaredOnly: z.number().int().nullable().describe('最近年度数据仅为企业自报（未经部门核实、非导入）的企业数：免申即享不采用自报数据，这些企业的相关事项转为申报'),
});
export type RunView = z.infer<typeof RunView>;
export const RunTotal = z.object({
  itemId: z.string(),
  eligible: z.number().int(),
  needsInput: z.number().int(),
  notEligible: z.number().int(),
  entitlementFen: z.number().int().describe('确定金额合计（分）'),
  ceilingFen: z.number().int().describe('“最高”上限合计（分），经评审确定，不是应得金额'),
  expectedFen: z.number().int().describe('预计合计（分）：按公式计算的金额；“最高 X”事项按以往批准金额的平均数（每家不超过其上限），无历史数据时按上限'),
  expectedBasis: z.enum(['formula', 'history', 'ceiling']).describe('formula 按规则公式；history 按以往批准金额平均数；ceiling 无历史数据，按上限计'),
  expectedNote: z.string().describe('预计金额的口径（中文）'),
  historyCount: z.number().int().describe('该事项以往批准的笔数'),
  historyMeanFen: z.number().int().nullable().describe('以往批准金额的平均数（分）；无则为 null'),
});
export const RunDetail = RunView.extend({ totals: z.array(RunTotal) });
export const EligibleEnterprise = z.object({
  orgId: z.number().int(),
  name: z.string(),
  uscc: z.string().nullable(),
  district: z.string().nullable(),
  amount: z.object({ min: z.number().int(), max: z.number().int() }),
});
export const EnterpriseBenefit = z.object({
  itemId: z.string(),
  title: z.string(),
  measure: z.number().int(),
  departments: z.array(z.string()),
  channel: z.enum(['no_application', 'application']),
  kind: z.enum(['entitlement', 'ceiling']),
  status: z.enum(['eligible', 'needs_input', 'not_eligible']),
  amount: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  missing: z.array(z.object({ fact: z.string(), label: z.string() })),
  setAside: z.string().nullable(),
  ...RelevanceFields,
});
export const Benefits = z.object({
  run: RunView.omit({ items: true }).nullable().describe('所依据的最近一次完成的测算；尚无时为 null'),
  benefits: z.array(EnterpriseBenefit),
  entitlementFen: z.number().int(),
  ceilingFen: z.number().int(),
});
export const WhatIfBody = z.object({
  itemId: z.string().max(60).describe('要调整的支持事项'),
  parameters: z.record(z.string(), z.union([z.string(), z.number().int()])).optional().describe('参数名 → 新值，如 { "rate": "6%" }'),
  document: z.unknown().optional().describe('或：完整的修改后规则文档'),
});
const Tally = z.object({ eligible: z.number().int(), entitlementFen: z.number().int(), ceilingFen: z.number().int() });
export const WhatIfResult = z.object({
  enterprises: z.number().int(),
  evaluateMs: z.number().int(),
  changedEnterprises: z.number().int().describe('该事项结果（资格或金额）发生变化的企业数'),
  items: z.array(z.object({ itemId: z.string(), title: z.string(), measure: z.number().int(), departments: z.array(z.string()), before: Tally, after: Tally })),
  departments: z.array(z.object({ code: z.string(), before: Tally, after: Tally })),
  document: z.unknown().describe('测算所用的修改后规则文档（未保存）'),
});

// ------------------------------------------------------------------ the fact catalogue
export const FactType = z.enum(['money', 'count', 'ratio', 'boolean', 'date', 'enum', 'district', 'codes']);
export const FactView = z.object({
  name: z.string().describe('事实名（规则文档中引用）'),
  label: z.string().describe('中文名称'),
  type: FactType.describe('money 金额（分）、count 数量、ratio 比例、boolean 是否、date 日期、enum 枚举、district 所在区、codes 资质/代码集'),
  source: z.enum(['platform', 'declaration', 'derived']).describe('platform 平台记录；declaration 企业申报；derived 由其他事实与历史推导'),
  meaning: z.string(),
  path: z.string().nullable().describe('平台记录中的位置（source 为 platform 时）'),
  values: z.array(z.object({ code: z.string(), label: z.string() })).nullable().describe('enum / district 的可选值'),
  expression: z.unknown().nullable().describe('derived 事实的表达式'),
  origin: z.enum(['builtin', 'admin']),
});
export type FactView = z.infer<typeof FactView>;
export type FactType = z.infer<typeof FactType>;

// ------------------------------------------------------------------ policies as documents
export const PolicyLevel = z.enum(['city', 'district', 'park'], { message: '层级应为 city（市级）、district（区级）或 park（园区）' });
export const PolicyDocStatus = z.enum(['draft', 'official', 'repealed'], { message: '状态应为 draft（征求意见稿/草案）、official（正式）或 repealed（废止）' });
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
export const PolicyClause = z.object({
  no: z.number().int().describe('条号（1.… 或 第一条…）'),
  title: z.string().describe('条标题（如“建设高能级平台”）；原文无标题时为空'),
  text: z.string().describe('条文（逐字）'),
  section: z.string().nullable().describe('所在章节标题'),
});
export const PolicySummary = z.object({
  code: z.string(),
  title: z.string(),
  level: PolicyLevel,
  region: z.string().nullable().describe('区级/园区政策的适用地区（区县代码或名称）；市级为 null'),
  regionName: z.string().nullable().describe('区县代码对应的名称'),
  issuer: z.string().describe('发文机关'),
  docNo: z.string().nullable().describe('文号'),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  status: PolicyDocStatus,
  clauses: z.number().int().describe('条数'),
  items: z.number().int().describe('实施该政策的支持事项数'),
  createdAt: z.string(),
});
export type PolicySummary = z.infer<typeof PolicySummary>;
export const PolicyDetail = PolicySummary.extend({
  fullText: z.string().describe('政策全文'),
  articles: z.array(PolicyClause),
  implementing: z.array(PolicyItemSummary).describe('实施该政策各条的支持事项（最新版本）'),
});
export type PolicyDetail = z.infer<typeof PolicyDetail>;
export const PolicyClauseInput = z.object({
  no: z.number({ message: '条号应为数字' }).int('条号应为整数').min(1, '条号应在 1–999 之间').max(999, '条号应在 1–999 之间'),
  title: z.string().max(100, '条标题不超过 100 字').optional(),
  text: z.string().min(1, '条文不能为空').max(20000, '条文不超过 20000 字'),
  section: z.string().max(100, '章节标题不超过 100 字').nullable().optional(),
});
export const CreatePolicyBody = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '政策代码应为小写字母开头的字母、数字和连字符（2–40 位），如 sip-2027-topup'),
  title: z.string().trim().min(4, '政策名称至少 4 个字').max(200, '政策名称不超过 200 字'),
  level: PolicyLevel,
  region: z.string().trim().min(1, '适用地区不能为空').max(60, '适用地区不超过 60 字').nullable().optional().describe('区级/园区政策必填：区县代码（如 320571）或名称'),
  issuer: z.string().trim().min(2, '发文机关至少 2 个字').max(100, '发文机关不超过 100 字'),
  docNo: z.string().trim().max(100, '文号不超过 100 字').nullable().optional(),
  effectiveFrom: DateOnly.nullable().optional(),
  effectiveTo: DateOnly.nullable().optional(),
  status: PolicyDocStatus.default('draft'),
  fullText: z.string().min(10, '政策全文至少 10 个字').max(500000, '政策全文不超过 50 万字'),
  clauses: z.array(PolicyClauseInput).min(1, '至少一条').max(999, '至多 999 条').optional().describe('逐条给出；省略时按“1.…”或“第一条…”从全文识别'),
});
export type CreatePolicyBody = z.infer<typeof CreatePolicyBody>;
export const UpdatePolicyBody = z
  .object({
    status: PolicyDocStatus.optional(),
    effectiveFrom: DateOnly.nullable().optional(),
    effectiveTo: DateOnly.nullable().optional(),
    docNo: z.string().trim().max(100, '文号不超过 100 字').nullable().optional(),
    fullText: z.string().min(10, '政策全文至少 10 个字').max(500000, '政策全文不超过 50 万字').optional().describe('仅当尚无支持事项引用该政策时可改'),
    clauses: z.array(PolicyClauseInput).min(1, '至少一条').max(999, '至多 999 条').optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });
export type UpdatePolicyBody = z.infer<typeof UpdatePolicyBody>;

/** An administrator's fact: declared by enterprises, or derived by an expression (platform facts are built in). */
export const FactBody = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{1,39}$/, '事实名应为英文字母开头的字母、数字或下划线（2–40 个字符），如 phdHires').describe('事实名'),
  label: z.string().trim().min(2).max(40).describe('中文名称'),
  type: FactType,
  source: z.enum(['declaration', 'derived']).describe('declaration 企业申报；derived 由表达式推导（平台记录的事实为内置）'),
  meaning: z.string().trim().min(4).max(500).describe('含义与口径'),
  values: z.array(z.object({ code: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/), label: z.string().min(1).max(40) })).min(1).max(200).optional().describe('enum 的可选值'),
  expression: z.unknown().optional().describe('derived 的表达式（格式见 docs/policy-rules.md）'),
});
export type FactBody = z.infer<typeof FactBody>;
