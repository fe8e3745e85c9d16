import { describe, expect, it } from 'vitest';
import { describeCron } from './describe.js';

describe('describeCron', () => {
  it('reads the common shapes in Chinese', () => {
    expect(describeCron('5 * * * *')).toBe('每小时第 5 分');
    expect(describeCron('*/10 * * * *')).toBe('每 10 分钟');
    expect(describeCron('30 2 * * *')).toBe('每天 02:30');
    expect(describeCron('10 9 * * 1')).toBe('每周一 09:10');
    expect(describeCron('0 8 * * 0')).toBe('每周日 08:00');
    expect(describeCron('0 8 * * 1-5')).toBe('工作日（周一至周五）08:00');
    expect(describeCron('0 3 15 * *')).toBe('每月 15 日 03:00');
    expect(describeCron('0 3 1 4 *')).toBe('每年 4 月 1 日 03:00');
  });
  it('falls back to the expression itself, and says when there is none', () => {
    expect(describeCron('0 3 1,15 * *')).toBe('cron：0 3 1,15 * *（北京时间）');
    expect(describeCron(null)).toBe('不定时（仅手动运行）');
    expect(describeCron('bad')).toBe('cron：bad');
  });
});
