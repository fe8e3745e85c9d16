import { describe, expect, it } from 'vitest';
import { auditDetailEntries, auditDetailSummary } from './auditDetail.js';

describe('audit detail as words, not raw JSON', () => {
  it('labels common keys in Chinese, shows 分 as 万元, flattens nested objects and joins lists', () => {
    const detail = JSON.stringify({ itemId: 'm8.equipment', amountFen: 14_521_943, rows: 3, waiting: ['jyj', 'gxj'], range: { year: 2026, ok: true } });
    expect(auditDetailEntries(detail)).toEqual([
      ['支持事项', 'm8.equipment'],
      ['金额', '145,219.43 元'],
      ['行数', '3'],
      ['待签部门', 'jyj、gxj'],
      ['range', '年度：2026；ok：是'],
    ]);
    expect(auditDetailSummary(JSON.stringify({ reason: '密码错误', year: 2026 }))).toBe('原因：密码错误；年度：2026');
  });
  it('text that is not a JSON object stays as it is; nothing is nothing', () => {
    expect(auditDetailEntries('not json')).toBeNull();
    expect(auditDetailSummary('not json')).toBe('not json');
    expect(auditDetailSummary('[1,2]')).toBe('[1,2]');
    expect(auditDetailEntries('')).toEqual([]);
  });
});
