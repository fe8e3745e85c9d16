#!/usr/bin/env node
// Builds the web app when it is missing or older than its sources, so `npm start`
// builds on a fresh checkout and restarts quickly afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'web/dist/.build-stamp');
const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/tsconfig.node.json', 'src/shared', 'src/market/pipeline.ts', 'src/policy/engine/facts.ts', 'package-lock.json'];

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(full)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

const built = fs.existsSync(stamp) && fs.existsSync(path.join(root, 'web/dist/index.html')) ? fs.statSync(stamp).mtimeMs : 0;
const src = Math.max(...sources.map(newest));
if (built > src && !process.argv.includes('--force')) {
  console.log('web app is up to date (web/dist)');
  process.exit(0);
}
console.log('building the web app (vite)…');
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(stamp, new Date().toISOString());
