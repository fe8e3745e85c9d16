import { defineConfig } from 'vitest/config';

// Three speeds: pure engine tests, database tests (PGlite by default; PostgreSQL
// when TEST_DATABASE_URL is set), and browser tests driving Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'web/src/**/*.test.ts', 'eval/**/*.test.ts'], exclude: ['src/**/*.db.test.ts'], testTimeout: 120_000 } },
      { test: { name: 'db', include: ['tests/db/**/*.test.ts', 'src/**/*.db.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
