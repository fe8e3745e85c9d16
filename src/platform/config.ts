/**
 * Configuration, parsed once from the environment. Every variable is documented
 * in README.md and .env.example; a bad value stops the start with a message
 * naming the variable. An empty value (`PORT=`) means "use the default", for
 * every variable alike. This is the only file under src/ that reads process.env
 * (tests/unit/config-env.test.ts holds it so): modules get their settings passed
 * down (AppDeps.config, function parameters).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Loads `.env` from the working directory, once, at the CLI's start (`npm start`,
 * `npm run cli`, the bin). Variables already set in the real environment win: the
 * file never overrides them. A missing file is not an error.
 */
export function loadDotEnv(file = path.resolve('.env')): boolean {
  if (!fs.existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

/** TrueType (00 01 00 00 or "true"), OpenType with CFF ("OTTO") or a TrueType collection ("ttcf"). */
export function isFontFile(file: string): boolean {
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return false;
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    if (fs.readSync(fd, head, 0, 4, 0) !== 4) return false;
    return head.equals(Buffer.from([0, 1, 0, 0])) || ['true', 'OTTO', 'ttcf'].includes(head.toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const Bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The default of MARKET_MATCH_FLOOR (why 0.25: see the schema below). */
export const DEFAULT_MATCH_FLOOR = 0.25;

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: Bool.default(false),
  SEED_DEMO: Bool.default(true),
  DEMO_ENTERPRISES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  DEMO_SEED: z.coerce.number().int().default(20261130),
  DEMO_PASSWORD: z.string().min(8).default('Demo@2026'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  WEB_DIST: z.string().default('web/dist'),
  // Passed to the market and funding services through AppDeps.config.
  MARKET_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // Matches scoring below this (0–1) are weak: not recommended, and hidden on the demand and achievement pages unless asked
  // for (all=true). 0.25 from eval/market with the fitted weights (2026-12-07, bench/fit-weights.ts, docs/benchmarks.md §7a):
  // over each demand's top 20 (1,500 pairs) it hides 792 pairs, 542 of them judged irrelevant and 10 of the 368 graded ≥ 2
  // (97% of the good ones stay); 0.30 would lose 47 of them, 0.20 hides 478. (Before the weights were fitted it was 0.35,
  // which now would lose 97.) Recommending also keeps its own stricter floors (pipeline-service.ts MIN_SCORE 0.40,
  // MIN_TEXT 0.2); a floor set above those wins.
  MARKET_MATCH_FLOOR: z.coerce.number().min(0).max(1).default(DEFAULT_MATCH_FLOOR),
  FUNDING_DUAL_APPROVAL_FEN: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(100_000_000),
  // Scheduled and background work (pg-boss on this database): on by default for `serve`; false: this process neither runs nor schedules jobs.
  JOBS: Bool.default(true),
  FUNDING_PUBLICITY_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  // A font with Chinese glyphs for the decision-record PDF; unset: the Debian packages' WenQuanYi / Noto CJK fonts.
  PDF_FONT: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      if (!fs.existsSync(v)) ctx.addIssue({ code: 'custom', message: `字体文件不存在：${v}` });
      else if (!isFontFile(v)) ctx.addIssue({ code: 'custom', message: `不是 TTF/OTF/TTC 字体文件：${v}` });
    })
    .transform((v) => (v === undefined ? undefined : path.resolve(v))),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; webDist: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof z.infer<typeof ConfigSchema>, string>> = {}): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = overrides[key as keyof typeof overrides] ?? env[key];
    raw[key] = v === undefined || v.trim() === '' ? undefined : v; // empty: the default
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    webDist: path.resolve(parsed.data.WEB_DIST),
  };
}
