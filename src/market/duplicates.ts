/**
 * Near-identical titles: the same owner may not publish an achievement (or a demand) twice under
 * almost the same title. Pure.
 */

/** NFKC (full-width → half-width), no spaces, punctuation or symbols, lower case. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

/** Equal once normalised, or one contains the other and is at least 90% of its length. */
export function nearDuplicateTitles(a: string, b: string): boolean {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.9 * long.length;
}

/** The first entry whose title is a near duplicate of `title`, if any. */
export function findDuplicate<T extends { id: number; title: string }>(title: string, entries: readonly T[]): T | undefined {
  return entries.find((e) => nearDuplicateTitles(title, e.title));
}
