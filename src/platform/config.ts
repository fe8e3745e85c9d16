/**
 * Configuration, parsed once from the environment. Every variable is documented
 * in README.md and .env.example; a bad value stops the start with a message
 * naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const Bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  // Read where they are used (market/service.ts, funding/applications.ts); checked here so a bad value stops the start.
  MARKET_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  FUNDING_DUAL_APPROVAL_FEN: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(100_000_000),
  FUNDING_PUBLICITY_DAYS: z.coerce.number().int().min(1).max(60).default(5),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; webDist: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof z.infer<typeof ConfigSchema>, string>> = {}): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(ConfigSchema.shape)) raw[key] = overrides[key as keyof typeof overrides] ?? (env[key] === '' ? undefined : env[key]);
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
