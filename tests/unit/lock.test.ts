import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

async function race(dir: string, n: number): Promise<string[]> {
  const startAt = Date.now() + 1500;
  const runs = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, [tsx, path.join(root, 'tests/helpers/lock-contender.ts'), dir, String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    return new Promise<string>((resolve) => child.on('exit', () => resolve(out.trim())));
  });
  return Promise.all(runs);
}

describe('data-folder lock', { timeout: 60_000 }, () => {
  it('admits exactly one of several processes starting at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-lock-'));
    const results = await race(dir, 4);
    expect(results.filter((r) => r === 'got')).toHaveLength(1);
    expect(results.filter((r) => r === 'refused')).toHaveLength(3);
  });

  it('lets exactly one take over a lock left by a dead process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-lock-'));
    fs.writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, purpose: 'crashed', startedAt: '2026-01-01T00:00:00Z' }));
    const results = await race(dir, 4);
    expect(results.filter((r) => r === 'got')).toHaveLength(1);
  });
});
