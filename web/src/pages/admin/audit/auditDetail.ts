/**
 * The audit record's detail (JSON text written by the server) as key/value lines people can read:
 * common keys in Chinese, amounts in 分 as 万元, nested objects flattened one level ("范围 · 年度"),
 * lists joined. Text that is not a JSON object is shown as it is.
 */
import { formatFenExact } from '../../../lib/money.js';

const KEY_LABELS: Record<string, string> = {
  reason: '原因', error: '错误', year: '年度', years: '年度', name: '名称', file: '文件', enterpriseId: '企业编号',
  code: '代码', changed: '变更', amountFen: '金额', username: '用户名', status: '状态', seed: '随机种子', run: '测算批次',
  runId: '测算批次', qualificationId: '资质编号', orgId: '单位编号', ids: '编号', from: '从', to: '至', format: '格式',
  expertId: '专家编号', created: '新建', attachmentId: '附件编号', version: '版本', total: '合计', title: '标题',
  sessions: '会话数', reminded: '已提醒', proposal: '提议', parameters: '参数', itemId: '支持事项', state: '状态',
  role: '角色', displayName: '姓名', department: '部门', departmentCode: '部门', districtCode: '区县', note: '备注',
  rows: '行数', count: '数量', field: '字段', action: '操作', by: '操作人', kind: '类别', method: '方法',
  requestedFen: '申请金额', approvedFen: '核定金额', fundFen: '下达金额', ceilingFen: '上限', entitlementFen: '应享金额',
  waiting: '待签部门', reviewer: '评审专家', upheld: '异议成立', resolution: '处理意见', path: '路径', ip: 'IP',
};

export const auditKeyLabel = (key: string) => KEY_LABELS[key] ?? key;

function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return /Fen$/.test(key) && Number.isSafeInteger(v) ? formatFenExact(v, { unit: true }) : String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map((x) => valueText(key, x)).join('、');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${auditKeyLabel(k)}：${valueText(k, x)}`)
    .join('；');
}

/** [label, value] pairs, or null when the detail is not a JSON object (shown as it is). */
export function auditDetailEntries(detail: string): Array<[string, string]> | null {
  if (!detail) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  return Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [auditKeyLabel(k), valueText(k, v)]);
}

/** One line for the table cell: "原因：…；年度：2026". */
export function auditDetailSummary(detail: string): string {
  const entries = auditDetailEntries(detail);
  return entries === null ? detail : entries.map(([k, v]) => `${k}：${v}`).join('；');
}
