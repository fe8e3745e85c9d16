import { describe, expect, it } from 'vitest';
import { readJson } from '../policy/jsonSource.js';
import {
  formatIndicator, formatMethod, formatPercentile, formatRankRange, formatScore, formatShare, gradeColor, methodErrorPath, parseReasonCode,
  pillarAchievement, shiftPillarWeight, signed, transitionRows, type UnitWords,
} from './format.js';

const WORDS: UnitWords = { ratio: '', wan: '万元', wanPerHead: '万元/人', perHundred: '件/百人', items: '件', count: '个', points: '分' };

describe('numbers on screen', () => {
  it('scores, shares and percentiles', () => {
    expect(formatScore(73.0091)).toBe('73.01');
    expect(formatScore(null)).toBe('—');
    expect(formatShare(0.95)).toBe('95%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(null)).toBe('—');
    expect(formatPercentile(75)).toBe('75');
    expect(formatPercentile(97.4)).toBe('97.4');
    expect(signed(3)).toBe('+3');
    expect(signed(-2)).toBe('-2');
    expect(signed(0)).toBe('0');
    expect(formatRankRange({ median: 12, p5: 8, p95: 15 })).toBe('12 [8–15]');
    expect(formatRankRange(null)).toBe('—');
  });

  it('indicator values by unit: 比例 as %, 万元 grouped, counts', () => {
    expect(formatIndicator(0.29382206174404635, '比例', WORDS)).toBe('29.4%');
    expect(formatIndicator(-0.137, '比例', WORDS)).toBe('-13.7%');
    expect(formatIndicator(11391.889438, '万元', WORDS)).toBe('11,391.89 万元');
    expect(formatIndicator(0, '万元', WORDS)).toBe('0 万元');
    expect(formatIndicator(12.3456, '万元/人', WORDS)).toBe('12.35 万元/人');
    expect(formatIndicator(121, '件', WORDS)).toBe('121 件');
    expect(formatIndicator(101.39534883720931, '件/百人', WORDS)).toBe('101.40 件/百人');
    expect(formatIndicator(6, '分', WORDS)).toBe('6 分');
    expect(formatIndicator(null, '比例', WORDS)).toBe('—');
    expect(formatIndicator(3, '新单位', WORDS)).toBe('3 新单位');
  });
});

describe('radar: contribution relative to the pillar weight', () => {
  it('divides by 100 × weight and skips zero-weight pillars', () => {
    const r = pillarAchievement([
      { code: 'rd', label: '研发投入', contribution: 21.68, weight: 0.25 },
      { code: 'platform', label: '平台与合作', contribution: 0, weight: 0 },
      { code: 'qual', label: '资质称号', contribution: 5, weight: 0.05 },
      { code: 'capital', label: '资本', contribution: 0, weight: 0.1 },
    ]);
    expect(r.map((x) => x.code)).toEqual(['rd', 'qual', 'capital']);
    expect(r[0]!.percent).toBe(86.7);
    expect(r[0]!.maxPoints).toBe(25);
    expect(r[1]!.percent).toBe(100);
    expect(r[2]!.percent).toBe(0);
  });
});

describe('grades and reason codes', () => {
  it('colours grades by position', () => {
    expect(gradeColor('A')).toBe('green');
    expect(gradeColor('B')).toBe('blue');
    expect(gradeColor('C')).toBe('gold');
    expect(gradeColor('D')).toBe('volcano');
    expect(gradeColor(null)).toBeUndefined();
    expect(gradeColor('Z')).toBeUndefined();
  });
  it('reads reason codes', () => {
    expect(parseReasonCode('rd_intensity_high')).toEqual({ indicator: 'rd_intensity', direction: 'high' });
    expect(parseReasonCode('qualification_points_low')).toEqual({ indicator: 'qualification_points', direction: 'low' });
    expect(parseReasonCode('other')).toEqual({ indicator: 'other', direction: null });
  });
});

describe('the method document in the editor', () => {
  const canonical = {
    cutoffs: [{ code: 'grade_a', label: 'A', score: 70 }],
    edition: 2026,
    id: 'kczs',
    indicators: [{ code: 'rd_intensity', goalposts: { max: 0.15, min: 0 }, transform: 'none', weight: 1 }],
    pillars: [
      { code: 'rd', weights: { growth: 0.75, mature: 0.75, startup: 0.75 } },
      { code: 'talent', weights: { growth: 0.25, mature: 0.25, startup: 0.25 } },
    ],
    stages: { growthMaxAge: 10, startupMaxAge: 3 },
    title: '苏州科创指数',
  };

  it('prints keys in reading order, small objects on one line, and stays the same JSON', () => {
    const text = formatMethod(canonical);
    expect(text.indexOf('"id"')).toBeLessThan(text.indexOf('"title"'));
    expect(text.indexOf('"pillars"')).toBeLessThan(text.indexOf('"indicators"'));
    expect(text).toContain('"weights": { "startup": 0.75, "growth": 0.75, "mature": 0.75 }');
    expect(text).toContain('"goalposts": { "min": 0, "max": 0.15 }');
    expect(text).toContain('"stages": {\n    "startupMaxAge": 3,');
    const parsed = readJson(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value).toEqual(canonical);
    expect(parsed.ok && parsed.spans.has('pillars[1].weights.startup')).toBe(true);
  });

  it('moves weight between two pillars in every stage', () => {
    const moved = shiftPillarWeight(canonical, 'rd', 'talent', 0.05) as typeof canonical;
    expect(moved.pillars[0]!.weights).toEqual({ growth: 0.7, mature: 0.7, startup: 0.7 });
    expect(moved.pillars[1]!.weights).toEqual({ growth: 0.3, mature: 0.3, startup: 0.3 });
    expect(canonical.pillars[0]!.weights.growth).toBe(0.75); // the original is untouched
  });

  it('maps logical error paths to a place in the document', () => {
    expect(methodErrorPath('indicators(rd)')).toBe('indicators');
    expect(methodErrorPath('pillars.weights.startup')).toBe('pillars');
    expect(methodErrorPath('indicators[0].goalposts')).toBe('indicators[0].goalposts');
    expect(methodErrorPath('(root)')).toBe('(root)');
  });

  it('lays out the grade transition matrix', () => {
    const rows = transitionRows({ transitions: { A: { A: 1 }, B: { B: 7, C: 4 } }, gradesBefore: ['A', 'B', 'C'], gradesAfter: ['A', 'B', 'C'] });
    expect(rows).toEqual([
      { from: 'A', counts: { A: 1, B: 0, C: 0 }, total: 1 },
      { from: 'B', counts: { A: 0, B: 7, C: 4 }, total: 11 },
      { from: 'C', counts: { A: 0, B: 0, C: 0 }, total: 0 },
    ]);
  });
});
