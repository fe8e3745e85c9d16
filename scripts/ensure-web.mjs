#!/usr/bin/env node
// Builds the web app when it is missing or older than its sources, so `npm start`
// builds on a fresh checkout and restarts quickly afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'web/dist/.build-stamp');
const own = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/tsconfig.node.json', 'package-lock.json'];

/** Every server file the web app imports, followed through their own relative imports (src/shared, engines…). */
function serverImports() {
  const found = new Set();
  const specifiers = (file) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]);
  const resolve = (from, spec) => {
    const base = path.resolve(path.dirname(from), spec).replace(/\.js$/, '');
    return ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  };
  const webDir = path.join(root, 'web') + path.sep;
  const visit = (file) => {
    for (const spec of specifiers(file)) {
      const target = resolve(file, spec);
      if (!target || target.startsWith(webDir) || found.has(target)) continue; // web files: covered by web/src
      found.add(target);
      visit(target);
    }
  };
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(e.name)) visit(full);
    }
  };
  walk(path.join(root, 'web/src'));
  return [...found].map((f) => path.relative(root, f));
}

const sources = [...own, ...serverImports()];

const newestOf = (p) => newest(path.join(root, p));

const built = fs.existsSync(stamp) && fs.existsSync(path.join(root, 'web/dist/index.html')) ? fs.statSync(stamp).mtimeMs : 0;
const src = Math.max(...sources.map(newestOf));
if (built > src && !process.argv.includes('--force')) {
  console.log('web app is up to date (web/dist)');
  process.exit(0);
}
console.log('building the web app (vite)…');
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(stamp, new Date().toISOString());
