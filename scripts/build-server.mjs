#!/usr/bin/env node
// Compiles the server (tsc -p tsconfig.build.json) to dist/server/ when it is missing or older than
// its sources, so `npm start` runs JavaScript with node on a fresh checkout and restarts quickly
// afterwards. Every .ts under src/ is compiled (worker entry files included); the files the code
// reads at run time are copied beside it: every non-.ts file under src/ (SQL migrations, the market
// domain dictionary, …), the market demo data in eval/market/, and package.json (the version).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/server');
const stamp = path.join(out, '.build-stamp');
const sources = ['src', 'eval/market', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'scripts/build-server.mjs'];

const newestOf = (p) => newest(path.join(root, p));

const built = fs.existsSync(stamp) && fs.existsSync(path.join(out, 'src/cli/main.js')) ? fs.statSync(stamp).mtimeMs : 0;
if (built > Math.max(...sources.map(newestOf)) && !process.argv.includes('--force')) {
  console.log('server is up to date (dist/server)');
  process.exit(0);
}

console.log('compiling the server (tsc)…');
fs.rmSync(out, { recursive: true, force: true }); // no file of a deleted source survives
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

/** Copies the files under `from` (relative to the root) that `keep` accepts, to the same place under dist/server. */
function copy(from, keep) {
  const full = path.join(root, from);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isDirectory()) {
    for (const e of fs.readdirSync(full)) copy(path.join(from, e), keep);
  } else if (keep(from)) {
    fs.mkdirSync(path.dirname(path.join(out, from)), { recursive: true });
    fs.copyFileSync(full, path.join(out, from));
  }
}
copy('src', (f) => !f.endsWith('.ts'));
copy('eval/market', (f) => !f.endsWith('.ts'));
copy('package.json', () => true);
fs.writeFileSync(stamp, new Date().toISOString());
console.log('server compiled to dist/server');
