/**
 * Benchmark: import 100,000 organisations from an .xlsx into a fresh embedded database.
 *
 *   npx tsx bench/import-100k.ts [enterprises]     (default 100000)
 *
 * Generates the demo population (generateDemo), writes it in the import format with
 * the streaming writer (writeOrgsFile), opens a new PGlite data folder in a temp
 * directory, migrates it, and imports the file (importOrgs: validate every row,
 * then one transaction). Prints the timings and the peak resident memory (sampled
 * every 100 ms), then one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/audit/audit.js';
import { generateDemo } from '../src/orgs/demo-generator.js';
import { demoTransferRows } from '../src/orgs/demo.js';
import { importOrgs, writeOrgsFile } from '../src/orgs/transfer/index.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';

const enterprises = Number(process.argv[2] ?? 100_000);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

let peak = 0;
let phasePeak = 0;
const sample = () => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
  if (rss > phasePeak) phasePeak = rss;
};
const timer = setInterval(sample, 100);
timer.unref();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-bench-import-'));
const file = path.join(tmp, 'organisations.xlsx');
const dataDir = path.join(tmp, 'data');

try {
  // Generate and write in a function of its own, so the population can be collected before the import.
  const written = await (async () => {
    const t0 = performance.now();
    const pop = generateDemo({ enterprises, seed: 20261130 });
    const generateMs = performance.now() - t0;
    phasePeak = 0;
    const t1 = performance.now();
    const rows = await writeOrgsFile(file, demoTransferRows(pop));
    const writeMs = performance.now() - t1;
    sample();
    return { rows, generateMs, writeMs, writePeak: phasePeak };
  })();
  const { rows, generateMs, writeMs, writePeak } = written;
  (globalThis as { gc?: () => void }).gc?.(); // with node --expose-gc
  const fileMb = fs.statSync(file).size / 1024 / 1024;
  console.log(`generated ${enterprises} enterprises in ${(generateMs / 1000).toFixed(1)} s; wrote ${rows} rows (${fileMb.toFixed(1)} MB) in ${(writeMs / 1000).toFixed(1)} s`);

  let t = performance.now();
  const database = await openDatabase({ dataDir, purpose: 'bench' });
  await migrate(database.db);
  const openMs = performance.now() - t;
  console.log(`fresh PGlite in ${dataDir}: opened and migrated in ${(openMs / 1000).toFixed(1)} s`);

  phasePeak = 0;
  let lastLog = 0;
  t = performance.now();
  const result = await importOrgs(database.db, SYSTEM_ACTOR, file, {
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - lastLog > 5000) {
        lastLog = now;
        console.log(`  ${total === undefined ? 'read' : 'written'} ${done}${total === undefined ? '' : '/' + total} (${((now - t) / 1000).toFixed(1)} s)`);
      }
    },
  });
  const importMs = performance.now() - t;
  sample();
  const importPeak = phasePeak;

  const counts = (
    await sql<{ orgs: number; figures: number }>`SELECT (SELECT count(*)::int FROM organisations) AS orgs, (SELECT count(*)::int FROM enterprise_yearly_figures) AS figures`.execute(database.db)
  ).rows[0]!;
  await database.close();

  if (!result.applied || result.errors.length > 0) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
  if (counts.orgs !== rows) throw new Error(`expected ${rows} organisations, found ${counts.orgs}`);

  console.log(`imported ${result.total} rows (${result.inserted} inserted, ${counts.figures} yearly figures) in ${(importMs / 1000).toFixed(1)} s`);
  console.log(`peak RSS: import ${mb(importPeak)} MB, file write ${mb(writePeak)} MB, whole run ${mb(peak)} MB`);
  console.log(
    JSON.stringify({
      bench: 'import-100k',
      rows,
      enterprises,
      fileMb: Number(fileMb.toFixed(1)),
      generateMs: Math.round(generateMs),
      writeMs: Math.round(writeMs),
      openMigrateMs: Math.round(openMs),
      importMs: Math.round(importMs),
      rowsPerSecond: Math.round(rows / (importMs / 1000)),
      importPeakRssMb: mb(importPeak),
      writePeakRssMb: mb(writePeak),
      peakRssMb: mb(peak),
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
} finally {
  clearInterval(timer);
  fs.rmSync(tmp, { recursive: true, force: true });
}
