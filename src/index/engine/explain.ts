/**
 * Explaining one enterprise's score: contributions by pillar and indicator, up to
 * four reasons that lift it and four that hold it back (against the cohort's
 * median contribution), and the smallest change in one indicator that would move
 * it up a grade. Pure.
 */
import { indicatorDef, PILLARS, STAGE_LABEL, type Pillar } from './indicators.js';
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
  // The weights the enterprise is scored with: its stage's, with any indicator dropped for its cohort shared out.
  const weights = pop.weightsOf(s.row);
  const pillars = new Map<Pillar, { contribution: number; weight: number }>();
  pop.indicators.forEach((ind, j) => {
    const p = pillars.get(ind.def.pillar) ?? { contribution: 0, weight: 0 };
    p.contribution += values[j]!.contribution;
    p.weight += weights[j]!;
    pillars.set(ind.def.pillar, p);
  });

  const diffs = pop.indicators
    .map((ind, j) => ({ ind, w: weights[j]!, v: values[j]!, d: values[j]!.contribution - values[j]!.cohortMedianContribution }))
    .filter((x) => x.w > 0);
  const reason = (x: (typeof diffs)[number], up: boolean): Reason => {
    const median = x.w > 0 ? denormalise(x.v.cohortMedianContribution / (100 * x.w), x.ind.transform, x.ind.min, x.ind.max) : 0;
    const mine = x.v.imputed
      ? '数据缺失（按同类企业中位数估算）'
      : x.v.observed !== undefined
        ? `${show(x.v.value, x.ind.def.unit)}（部分年度缺失，按同类企业中位数补齐）`
        : show(x.v.raw ?? x.v.value, x.ind.def.unit);
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
      const w = x.w;
      const n = x.v.normalised + gap / (100 * w) + 1e-9;
      // not an imputed or partly observed value: the first step there is to supply the data
      if (n > 1 || x.ind.def.direction !== 1 || x.v.imputed || x.v.observed !== undefined) continue;
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
  // (coverage counts the stage's weights: an indicator dropped for the cohort and missing here is listed, marked 不计分)
  const imputedNames = pop.indicators.flatMap((x, j) => (values[j]!.imputed && x.weight[stage] > 0 ? [x.def.name + (values[j]!.dropped ? '（本类企业不计分）' : '')] : []));
  if (imputedNames.length) notes.push(`以下指标数据缺失，按同类企业中位数估算：${imputedNames.join('、')}；数据覆盖率 ${(s.coverage * 100).toFixed(0)}%。`);
  const partial = pop.indicators.flatMap((x, j) => (values[j]!.observed !== undefined && weights[j]! > 0 ? [`${x.def.name}（有数据的年度占 ${Math.round(values[j]!.observed! * 100)}%）`] : []));
  if (partial.length) notes.push(`以下指标部分年度缺少数据（缺失年度不计为 0，按同类企业中位数补齐，覆盖率只计有数据的年度）：${partial.join('、')}。`);
  const dropped = pop.droppedOf(s.row).filter((d) => pop.indicators.find((x) => x.def.code === d.code)!.weight[stage] > 0);
  if (dropped.length && method.coverage) {
    const names = dropped.map((d) => `${indicatorDef(d.code)?.name ?? d.code}（有数据的企业占 ${Math.floor(d.observedShare * 100)}%）`);
    const group = { cohort: '同类企业（同一行业门类与规模）', size: `同规模企业（同行业同规模企业不足 ${method.imputation.minCohort} 家）`, all: `全体参评企业（同类、同规模企业均不足 ${method.imputation.minCohort} 家）` }[dropped[0]!.group];
    notes.push(`以下指标在${group}中有数据的不足 ${Math.round(method.coverage.minObservedInCohort * 100)}%，不计入本类企业的评分，其权重按比例分给同一支柱的其他指标（整个支柱都不计入时分给其他支柱）：${names.join('、')}。`);
  }
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
