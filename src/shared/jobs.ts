/**
 * Long jobs run off the request thread (src/platform/jobs): their progress as
 * the API shows it, and the bounds on their parameters (shared with the web app).
 */
import { z } from 'zod';

/** At most this many Monte Carlo draws in one robustness analysis. */
export const ROBUSTNESS_MAX_DRAWS = 2000;
/**
 * At most this many draws × scored enterprises: the analysis keeps every draw's
 * ranks (4 bytes each), so 20 million is 80 MB, and about 9 s of one core at
 * 10,000 enterprises × 2,000 draws.
 */
export const ROBUSTNESS_MAX_CELLS = 20_000_000;

export const RobustnessBody = z
  .object({
    draws: z.number().int().min(10, '抽样次数（draws）至少 10 次').max(ROBUSTNESS_MAX_DRAWS, `抽样次数（draws）不能超过 ${ROBUSTNESS_MAX_DRAWS} 次`).default(1000),
    seed: z.number().int().default(2026),
    spread: z.number().min(0).max(0.9).default(0.25),
  })
  .default({ draws: 1000, seed: 2026, spread: 0.25 });
export type RobustnessBody = z.infer<typeof RobustnessBody>;

/** The most draws allowed for a run with this many scored enterprises. */
export const maxDrawsFor = (scored: number) => Math.min(ROBUSTNESS_MAX_DRAWS, Math.floor(ROBUSTNESS_MAX_CELLS / Math.max(1, scored)));

export const JobView = z.object({
  kind: z.string(),
  label: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.string().nullable(),
  done: z.number(),
  total: z.number(),
  percent: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;
