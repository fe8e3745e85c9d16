import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

/**
 * Starts `n` contenders at the same instant; the one that gets the lock holds it
 * until every contender has answered (its stdin is closed then).
 */
async function race(dir: string, n: number): Promise<string[]> {
  const startAt = Date.now() + 1500;
  const children = Array.from({ length: n }, () => spawn(process.execPath, [tsx, path.join(root, 'tests/helpers/lock-contender.ts'), dir, String(startAt)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const answers = children.map(
    (child) =>
      new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.on('exit', () => resolve(out.trim()));
      }),
  );
  const results = await Promise.all(answers);
  await Promise.all(
    children.map((child) => {
      const exited = new Promise((r) => (child.exitCode === null ? child.on('exit', r) : r(null)));
      child.stdin!.end();
      return exited;
    }),
  );
  return results;
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
