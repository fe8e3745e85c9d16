import { describe, expect, it } from 'vitest';
import { COVERAGE } from './coverage.js';
import { ITEMS } from './items/index.js';
import { channelOf } from './engine/channel.js';

describe('measure coverage', () => {
  it('lists every measure once, and a measure has encoded items exactly when it names an amount', () => {
    expect(COVERAGE.map((c) => c.measure)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    for (const c of COVERAGE) {
      const items = ITEMS.filter((i) => i.measure === c.measure);
      expect(items.length > 0, `measure ${c.measure}`).toBe(!c.noAmount);
      expect(c.platform.length).toBeGreaterThan(10);
    }
  });
  it('measures without an amount are 2, 11, 15, 16 and 17', () => {
    expect(COVERAGE.filter((c) => c.noAmount).map((c) => c.measure)).toEqual([2, 11, 15, 16, 17]);
  });
  it('the items whose facts all come from the platform are the 免申即享 ones', () => {
    const auto = ITEMS.filter((i) => channelOf(i) === 'no_application').map((i) => i.id);
    expect(auto).toEqual(expect.arrayContaining(['m6.rd_input', 'm18.high_value_share', 'm7.kczs_hui']));
    expect(auto).not.toContain('m8.equipment');
  });
});

describe('docs/policy-facts.md', () => {
  it('lists every fact of the catalogue', async () => {
    const fs = await import('node:fs');
    const { FACTS } = await import('./engine/facts.js');
    const doc = fs.readFileSync(new URL('../../docs/policy-facts.md', import.meta.url), 'utf8');
    expect(Object.keys(FACTS).filter((f) => !doc.includes(`| \`${f}\` |`))).toEqual([]);
  });
});
