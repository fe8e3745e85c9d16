import { describe, expect, it } from 'vitest';
import { findDuplicate, nearDuplicateTitles, normaliseTitle } from './duplicates.js';

describe('near-identical titles', () => {
  it('normalises width, spaces, punctuation and case', () => {
    expect(normaliseTitle(' ＡＩ 视觉质检——系统（V2）')).toBe('ai视觉质检系统v2');
  });
  it('equal after normalising', () => {
    expect(nearDuplicateTitles('基于深度学习的PCB缺陷检测系统', '基于深度学习的 pcb 缺陷检测系统。')).toBe(true);
  });
  it('one containing the other at 90% of its length or more', () => {
    const long = '一种高强度低成本的锂电池隔膜制备方法'; // 18 characters
    expect(nearDuplicateTitles(long, long.slice(0, 17))).toBe(true); // 17/18 ≥ 0.9
    expect(nearDuplicateTitles(long, long.slice(0, 16))).toBe(false); // 16/18 < 0.9
  });
  it('different titles are not duplicates', () => {
    expect(nearDuplicateTitles('印染废水深度处理工艺', '电镀废水深度处理工艺')).toBe(false);
    expect(findDuplicate('印染废水深度处理工艺', [{ id: 1, title: '电镀废水深度处理工艺' }, { id: 2, title: '印染废水 深度处理工艺' }])?.id).toBe(2);
  });
});
