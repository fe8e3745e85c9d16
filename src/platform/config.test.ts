import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFontFile, loadConfig, loadDotEnv } from './config.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer | string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
};

describe('loadConfig', () => {
  it('takes an empty (or blank) value as "use the default", for every variable alike', () => {
    const empty = Object.fromEntries(['MARKET_STALE_DAYS', 'FUNDING_DUAL_APPROVAL_FEN', 'FUNDING_PUBLICITY_DAYS', 'PDF_FONT', 'PORT', 'SEED_DEMO', 'DATABASE_URL', 'DEMO_PASSWORD'].map((k) => [k, '']));
    const c = loadConfig({ ...empty, FUNDING_PUBLICITY_DAYS: '  ' });
    expect(c.MARKET_STALE_DAYS).toBe(365);
    expect(c.FUNDING_DUAL_APPROVAL_FEN).toBe(100_000_000);
    expect(c.FUNDING_PUBLICITY_DAYS).toBe(5);
    expect(c.PDF_FONT).toBeUndefined();
    expect(c.PORT).toBe(3000);
    expect(c.SEED_DEMO).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DEMO_PASSWORD).toBe('Demo@2026');
  });

  it('reads the funding and market settings it is given', () => {
    const c = loadConfig({ MARKET_STALE_DAYS: '30', FUNDING_DUAL_APPROVAL_FEN: '0', FUNDING_PUBLICITY_DAYS: '7' });
    expect([c.MARKET_STALE_DAYS, c.FUNDING_DUAL_APPROVAL_FEN, c.FUNDING_PUBLICITY_DAYS]).toEqual([30, 0, 7]);
  });

  it('refuses bad values naming the variable', () => {
    for (const [k, v] of [
      ['MARKET_STALE_DAYS', '0'],
      ['MARKET_STALE_DAYS', 'abc'],
      ['FUNDING_DUAL_APPROVAL_FEN', '-1'],
      ['FUNDING_DUAL_APPROVAL_FEN', '1.5'],
      ['FUNDING_PUBLICITY_DAYS', '0'],
      ['FUNDING_PUBLICITY_DAYS', '61'],
      ['PORT', '70000'],
      ['SEED_DEMO', 'maybe'],
    ] as const) {
      expect(() => loadConfig({ [k]: v }), `${k}=${v}`).toThrow(new RegExp(`配置错误[\\s\\S]*${k}:`));
    }
  });

  it('stops on a PDF_FONT that is missing or not a TTF/OTF/TTC font, naming PDF_FONT; accepts each font kind', () => {
    expect(() => loadConfig({ PDF_FONT: path.join(tmp, 'missing.ttf') })).toThrow(/PDF_FONT: 字体文件不存在/);
    const text = file('font.ttf', 'not a font at all');
    expect(() => loadConfig({ PDF_FONT: text })).toThrow(/PDF_FONT: 不是 TTF\/OTF\/TTC 字体文件/);
    expect(() => loadConfig({ PDF_FONT: tmp })).toThrow(/PDF_FONT: 不是 TTF/); // a folder
    expect(() => loadConfig({ PDF_FONT: file('short.ttf', Buffer.from([0, 1])) })).toThrow(/PDF_FONT/);
    for (const [name, head] of [
      ['a.ttf', Buffer.from([0, 1, 0, 0])],
      ['b.otf', Buffer.from('OTTO')],
      ['c.ttc', Buffer.from('ttcf')],
      ['d.ttf', Buffer.from('true')],
    ] as const) {
      const p = file(name, Buffer.concat([head, Buffer.alloc(64)]));
      expect(isFontFile(p), name).toBe(true);
      expect(loadConfig({ PDF_FONT: p }).PDF_FONT).toBe(p);
    }
  });
});

describe('loadDotEnv', () => {
  it('loads .env without overriding variables already set, and is a no-op without a file', () => {
    const key = `SCH_TEST_${process.pid}`;
    const env = file('.env', `${key}_A=from-file\n${key}_B=from-file\n`);
    process.env[`${key}_A`] = 'real';
    try {
      expect(loadDotEnv(env)).toBe(true);
      expect(process.env[`${key}_A`]).toBe('real');
      expect(process.env[`${key}_B`]).toBe('from-file');
      expect(loadDotEnv(path.join(tmp, 'none.env'))).toBe(false);
    } finally {
      delete process.env[`${key}_A`];
      delete process.env[`${key}_B`];
    }
  });
});

describe('configuration is read in one place', () => {
  it('no source file under src/ other than platform/config.ts reads process.env (test files may read their own knobs)', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ts|tsx|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) && full !== path.join(root, 'platform/config.ts')) {
          if (/process\s*\.\s*env\b|process\s*\[\s*['"]env['"]\s*\]/.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
