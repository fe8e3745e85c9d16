/**
 * The checks every page-level dictionary (the market's words.ts, funding's words.ts) must pass,
 * as one vitest block: its keys stay apart from the app dictionary (so the two can be merged),
 * each has an English twin with the same {placeholders}, and each is used by a page of its folder.
 * For tests only.
 */
import { describe, expect, it } from 'vitest';
import { messages } from './messages.js';

export const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

export function checkPageWords(name: string, words: { zh: object; en: object }, sources: string, builtFromPrefix: (key: string) => boolean) {
  const zh = words.zh as Record<string, string>;
  const en = words.en as Record<string, string>;
  describe(name, () => {
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
      const unused = Object.keys(zh).filter((k) => !sources.includes(`'${k}'`) && !builtFromPrefix(k));
      expect(unused).toEqual([]);
    });
  });
}
