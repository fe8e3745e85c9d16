import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS as FUNDING_ACTIONS } from '../../src/funding/engine/lifecycle.js';
import { ACTIONS as MATCH_ACTIONS } from '../../src/market/pipeline.js';

// The web module is loaded at run time (the server's tsconfig does not compile the web app's TSX imports).
const WEB_MODULE = '../../web/src/pages/admin/audit/auditWords.js';
const { auditActionWords, auditObjectWords } = (await import(WEB_MODULE)) as {
  auditActionWords: (code: string, lang: 'zh' | 'en') => string;
  auditObjectWords: (type: string, lang: 'zh' | 'en') => string;
};

/** Every `action: '…'` and `objectType: '…'` literal the server writes (src/, tests excluded). */
function written(): { actions: Set<string>; objects: Set<string> } {
  const actions = new Set<string>();
  const objects = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\baction: '([a-z_]+\.[a-z_.]+)'/g)) actions.add(m[1]!);
        for (const m of text.matchAll(/\bobjectType: '([a-z_]+)'/g)) objects.add(m[1]!);
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '../../src'));
  return { actions, objects };
}

describe('the audit log in words', () => {
  const { actions, objects } = written();

  it('finds what the server writes (the scan works)', () => {
    expect(actions.size).toBeGreaterThan(50);
    expect(actions).toContain('funding.budget.fund');
    expect(objects).toContain('application');
  });

  it('has words for every action and object type the server writes, in both languages', () => {
    for (const a of actions) {
      expect(auditActionWords(a, 'zh'), a).not.toBe(a);
      expect(auditActionWords(a, 'en'), a).not.toBe(a);
    }
    for (const o of objects) expect(auditObjectWords(o, 'zh'), o).not.toBe(o);
  });

  it('reads lifecycle steps and pipeline moves as steps', () => {
    for (const a of FUNDING_ACTIONS) expect(auditActionWords(`funding.application.${a}`, 'zh')).toMatch(/^申报：/);
    expect(auditActionWords('funding.application.pre_pass', 'zh')).toBe('申报：初审通过');
    for (const a of MATCH_ACTIONS) expect(auditActionWords(`market.match.${a}`, 'zh')).toMatch(/^对接：/);
    expect(auditActionWords('market.match.sign', 'en')).toBe('Match: Sign');
    for (const k of ['run', 'recompute', 'robustness']) expect(auditActionWords(`index.${k}`, 'zh')).not.toBe(`index.${k}`);
  });

  it('shows a code it does not know as it is', () => {
    expect(auditActionWords('something.new', 'zh')).toBe('something.new');
    expect(auditObjectWords('thing', 'en')).toBe('thing');
  });
});
