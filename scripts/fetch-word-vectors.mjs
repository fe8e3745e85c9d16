#!/usr/bin/env node
/**
 * Fetches Chinese word vectors for the semantic-layer experiment (bench/semantic-eval.ts, docs/matching.md): the
 * word2vec file inside the npm package node-synonyms@1.3.1 (125,796 words × 100 dimensions, trained on Chinese
 * Wikipedia; GPL-3.0-or-later). The package itself cannot be installed as a dependency on Node 20 (its native
 * reader does not compile), so only its tarball is taken from the npm registry with `npm pack`, checked against
 * the pinned integrity, and the vector file extracted to .cache/word-vectors/ (git-ignored).
 *
 * The platform does not use these vectors: on the independent evaluation set they did not improve the ranking
 * (docs/matching.md), so `npm install` does not fetch them. Run `node scripts/fetch-word-vectors.mjs` before the
 * experiment. Already there (same integrity) → nothing to do; a failure → a warning and exit 0.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'node-synonyms';
const VERSION = '1.3.1';
const INTEGRITY = 'sha512-X3GZ4J4kDAp7uSkwqaOeCJ6++pHT2L7EDlQsL8O4AZRB0NEtBAZSmDtvWOkIKPqZkgStnX9EtL1y4xQClhflxQ==';
const DEST = path.join(ROOT, '.cache', 'word-vectors');
const SOURCE = path.join(DEST, 'SOURCE.json');

function main() {
  if (process.env.WORD_VECTORS === 'off') return;
  if (fs.existsSync(path.join(DEST, 'words.vector')) && fs.existsSync(SOURCE)) {
    try {
      if (JSON.parse(fs.readFileSync(SOURCE, 'utf8')).integrity === INTEGRITY) return;
    } catch {
      // re-fetch below
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'word-vectors-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = JSON.parse(execFileSync(npm, ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', tmp, '--json', '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const file = path.join(tmp, packed[0].filename);
    const digest = 'sha512-' + crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64');
    if (digest !== INTEGRITY) throw new Error(`${PACKAGE}@${VERSION} 的完整性校验不符（${digest}）`);
    execFileSync('tar', ['-xzf', file, '-C', tmp, 'package/data/words.vector', 'package/LICENSE', 'package/README.md']);
    fs.mkdirSync(DEST, { recursive: true });
    fs.copyFileSync(path.join(tmp, 'package/data/words.vector'), path.join(DEST, 'words.vector'));
    fs.copyFileSync(path.join(tmp, 'package/LICENSE'), path.join(DEST, 'LICENSE'));
    fs.copyFileSync(path.join(tmp, 'package/README.md'), path.join(DEST, 'README.md'));
    fs.writeFileSync(SOURCE, JSON.stringify({ package: PACKAGE, version: VERSION, integrity: INTEGRITY, licence: 'GPL-3.0', file: 'package/data/words.vector' }, null, 2) + '\n');
    console.log(`word vectors: ${PACKAGE}@${VERSION} → ${path.relative(ROOT, DEST)}/words.vector`);
  } catch (e) {
    console.warn(`word vectors not fetched (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): matching runs without its semantic layer`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
