import { describe, expect, it } from 'vitest';
import { messages } from '../../lib/messages.js';
import { fundingWords } from './words.js';

const zh = fundingWords.zh as Record<string, string>;
const en = fundingWords.en as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** The funding pages' sources, to find where each word is used. */
const sources = Object.values(import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>).join('\n');

describe('the funding pages\' words', () => {
  it('are apart from the app dictionary, so the two can be merged', () => {
    for (const key of Object.keys(zh)) expect(key in messages.zh, key).toBe(false);
  });

  it('have an English twin with the same placeholders', () => {
    for (const [key, text] of Object.entries(zh)) {
      expect(en[key], key).toBeTruthy();
      expect(placeholders(en[key]!), key).toEqual(placeholders(text));
    }
  });

  it('are each used by a page', () => {
    // A key is named whole, or built from its prefix (funding.eval.${status}, funding.budget.${part}).
    const built = ['funding.eval.eligible', 'funding.eval.needs_input', 'funding.eval.not_eligible', 'funding.budget.funded', 'funding.budget.available', 'funding.budget.reserved', 'funding.budget.spent'];
    const unused = Object.keys(zh).filter((k) => !sources.includes(`'${k}'`) && !built.includes(k));
    expect(unused).toEqual([]);
  });
});
