/**
 * The matching evaluation sets (eval/market, eval/market-independent) as the benchmarks read them: achievements,
 * demands (optionally one half of a split.json), and the judgements — those on achievements the market does not
 * offer (converted or confidential) left out, since no ranking may show them — plus the matcher's documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AchievementDoc, DemandDoc } from '../src/market/match.js';

export interface RawAchievement {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  trl: number;
  valuation: { amountFen: number | null } | null;
  modes: string[];
  confidential: boolean;
  status: 'unconverted' | 'negotiating' | 'converted';
  district: string | null;
}

export interface RawDemand {
  id: string;
  title: string;
  problem: string;
  fields: string[];
  requiredTrl: { min: number; max: number };
  budgetFen: { min: number; max: number } | null;
  modes: string[];
  district: string | null;
}

export interface MarketSet {
  achievements: RawAchievement[];
  /** Those of the split, or all. */
  demands: RawDemand[];
  /** demand id → (achievement id → grade), offered achievements only. */
  qrels: Map<string, Map<string, number>>;
}

const readJsonl = <T>(dir: string, file: string): T[] =>
  fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** An achievement the market offers (not converted, not confidential). */
export const offered = (a: RawAchievement) => !a.confidential && a.status !== 'converted';

/** Reads a set; `split` ('dev', 'test') takes that half of its split.json ('all' or null: every demand). */
export function loadMarketSet(dir: string, split: string | null = null): MarketSet {
  const achievements = readJsonl<RawAchievement>(dir, 'achievements.jsonl');
  let only: Set<string> | null = null;
  if (split && split !== 'all') {
    const file = path.join(dir, 'split.json');
    const ids = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>)[split] : undefined;
    if (!ids?.length) throw new Error(`${dir} has no split "${split}"`);
    only = new Set(ids);
  }
  const demands = readJsonl<RawDemand>(dir, 'demands.jsonl').filter((d) => !only || only.has(d.id));
  const ids = new Set(achievements.filter(offered).map((a) => a.id));
  const qrels = new Map<string, Map<string, number>>();
  for (const line of fs.readFileSync(path.join(dir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [d, a, g] = line.trim().split('\t');
    if (!d || !a || g === undefined || d === 'demandId' || !ids.has(a) || (only && !only.has(d))) continue;
    if (!qrels.has(d)) qrels.set(d, new Map());
    qrels.get(d)!.set(a, Number(g));
  }
  return { achievements, demands, qrels };
}

/** The numeric id the matcher uses for a set's id ("A0012", "B0012", "Q012" → 12). */
export const numericId = (id: string) => Number(id.replace(/\D/g, ''));

export const achievementDoc = (a: RawAchievement): AchievementDoc => ({
  id: numericId(a.id),
  title: a.title,
  abstract: a.abstract,
  keywords: a.keywords,
  fields: a.fields,
  trl: a.trl,
  valuationFen: a.valuation?.amountFen ?? null,
  modes: a.modes,
  district: a.district,
  status: a.status,
  confidential: a.confidential,
});

export const demandDoc = (d: RawDemand): DemandDoc => ({
  id: numericId(d.id),
  title: d.title,
  problem: d.problem,
  fields: d.fields,
  requiredTrl: d.requiredTrl,
  budgetFen: d.budgetFen,
  modes: d.modes,
  district: d.district,
});
