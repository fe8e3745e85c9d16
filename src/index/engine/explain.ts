/**
 * Explaining one enterprise's score: contributions by pillar and indicator, up to
 * four reasons that lift it and four that hold it back (against the cohort's
 * median contribution), and the smallest change in one indicator that would move
 * it up a grade. Pure.
 */
import { PILLARS, STAGE_LABEL, type Pillar } from './indicators.js';
import type { IndexMethod } from './method.js';
import { denormalise, type EnterpriseScore, type ScoredPopulation } from './score.js';

export interface Reason {
  code: string;
  indicator: string;
  text: string;
  /** Points above (+) or below (−) the cohort median contribution. */
  points: number;
}

export interface Improvement {
  indicator: string;
  name: string;
  current: number;
  target: number;
  /** target / current − 1, or Infinity from zero. */
  relativeChange: number;
  text: string;
}

export interface Explanation {
  pillars: { code: Pillar; label: string; contribution: number; weight: number }[];
  lifts: Reason[];
  holds: Reason[];
  nextGrade: { grade: string; min: number; gap: number } | null;
  improvement: Improvement | null;
  notes: string[];
}

function show(x: number, unit: string): string {
  if (unit === '比例') return `${(x * 100).toFixed(1)}%`;
  if (unit === '万元') return `${x.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 万元`;
  return `${Number.isInteger(x) ? x : x.toFixed(2)} ${unit}`;
}

export function explain(pop: ScoredPopulation, s: EnterpriseScore): Explanation | null {
  if (s.score === null || !s.stage) return null;
  const method: IndexMethod = pop.method;
  const stage = s.stage;
  const values = pop.valuesOf(s.row);
  const pillars = new Map<Pillar, { contribution: number; weight: number }>();
  pop.indicators.forEach((ind, j) => {
    const p = pillars.get(ind.def.pillar) ?? { contribution: 0, weight: 0 };
    p.contribution += values[j]!.contribution;
    p.weight += ind.weight[stage];
    pillars.set(ind.def.pillar, p);
  });

  const diffs = pop.indicators
    .map((ind, j) => ({ ind, v: values[j]!, d: values[j]!.contribution - values[j]!.cohortMedianContribution }))
    .filter((x) => x.ind.weight[stage] > 0);
  const reason = (x: (typeof diffs)[number], up: boolean): Reason => {
    const median = x.ind.weight[stage] > 0 ? denormalise(x.v.cohortMedianContribution / (100 * x.ind.weight[stage]), x.ind.transform, x.ind.min, x.ind.max) : 0;
    const mine = x.v.imputed ? '数据缺失（按同类企业中位数估算）' : show(x.v.raw ?? x.v.value, x.ind.def.unit);
    return {
      code: `${x.ind.def.code}_${up ? 'high' : 'low'}`,
      indicator: x.ind.def.code,
      text: `${x.ind.def.name} ${mine}，${up ? '高于' : '低于'}同类企业中位数 ${show(median, x.ind.def.unit)}（${up ? '+' : ''}${x.d.toFixed(1)} 分）`,
      points: Math.round(x.d * 100) / 100,
    };
  };
  const lifts = diffs.filter((x) => x.d > 0.05).sort((a, b) => b.d - a.d || a.ind.def.code.localeCompare(b.ind.def.code)).slice(0, 4).map((x) => reason(x, true));
  const holds = diffs.filter((x) => x.d < -0.05).sort((a, b) => a.d - b.d || a.ind.def.code.localeCompare(b.ind.def.code)).slice(0, 4).map((x) => reason(x, false));

  // Next grade: the lowest grade above the current one.
  const higher = method.grades.filter((g) => g.min > s.score!);
  const next = higher.length ? higher[higher.length - 1]! : null;
  let improvement: Improvement | null = null;
  if (next) {
    const gap = next.min - s.score;
    for (const x of diffs) {
      const w = x.ind.weight[stage];
      const n = x.v.normalised + gap / (100 * w) + 1e-9;
      if (n > 1 || x.ind.def.direction !== 1 || x.v.imputed) continue;
      const target = denormalise(n, x.ind.transform, x.ind.min, x.ind.max);
      const current = x.v.value;
      const rel = current > 0 ? target / current - 1 : current === 0 ? Infinity : (target - current) / Math.abs(current);
      if (!improvement || rel < improvement.relativeChange) {
        improvement = {
          indicator: x.ind.def.code,
          name: x.ind.def.name,
          current,
          target,
          relativeChange: rel,
          text: `${x.ind.def.name}由 ${show(current, x.ind.def.unit)} 提高到 ${show(target, x.ind.def.unit)}，其他不变，可升至 ${next.grade} 级（${next.label}）`,
        };
      }
    }
  }
  const notes: string[] = [`按“${STAGE_LABEL[stage]}”阶段权重计分；同类企业为同一行业门类与规模。`];
  const imputedNames = pop.indicators.filter((_, j) => values[j]!.imputed && _.weight[stage] > 0).map((x) => x.def.name);
  if (imputedNames.length) notes.push(`以下指标数据缺失，按同类企业中位数估算：${imputedNames.join('、')}；数据覆盖率 ${(s.coverage * 100).toFixed(0)}%。`);
  const wins = pop.indicators.filter((_, j) => values[j]!.winsorised).map((x, _j) => x.def.name);
  if (wins.length) notes.push(`以下指标超出本期目标值范围，按目标值计：${wins.join('、')}。`);
  if (next && !improvement) notes.push(`单一指标的提升不足以升至 ${next.grade} 级，需要多项指标共同提高。`);
  return {
    pillars: [...pillars].map(([code, p]) => ({ code, label: PILLARS[code], contribution: Math.round(p.contribution * 100) / 100, weight: p.weight })),
    lifts,
    holds,
    nextGrade: next ? { grade: next.grade, min: next.min, gap: Math.round((next.min - s.score) * 100) / 100 } : null,
    improvement,
    notes,
  };
}
