/**
 * Highlighting of search hits. The server returns the query tokens a result matched
 * (`highlight`: jieba tokens, NFKC-normalised and lower-cased); here their occurrences
 * are found in the original text and the text is split into plain and matched pieces,
 * which the page renders as text and <mark> — never as HTML, so a title holding
 * "<script>" shows as those characters. Pure.
 */

export interface Segment {
  text: string;
  hit: boolean;
}

const WORD = /[\p{L}\p{N}]/u;
const LATIN_OR_DIGIT = /[a-z0-9]/;

/** The text normalised as the tokenizer sees it, with each normalised code unit's source range in the original. */
function normalise(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    norm += n;
    i += ch.length;
  }
  return { norm, from, to };
}

/** Latin and digit tokens match whole words only ("ai" not inside "chain"); Chinese tokens match anywhere. */
function atBoundaries(norm: string, start: number, term: string): boolean {
  const end = start + term.length;
  if (LATIN_OR_DIGIT.test(term[0]!) && start > 0 && LATIN_OR_DIGIT.test(norm[start - 1]!)) return false;
  if (LATIN_OR_DIGIT.test(term[term.length - 1]!) && end < norm.length && LATIN_OR_DIGIT.test(norm[end]!)) return false;
  return true;
}

/** Matched ranges [start, end) in the original text, sorted and merged; longer terms win where terms overlap. */
export function highlightRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const wanted = [...new Set(terms.map((t) => t.normalize('NFKC').toLowerCase().trim()).filter((t) => t.length > 0 && WORD.test(t)))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || text.length === 0) return [];
  const { norm, from, to } = normalise(text);
  const ranges: Array<[number, number]> = [];
  let pos = 0;
  while (pos < norm.length) {
    const term = wanted.find((t) => norm.startsWith(t, pos) && atBoundaries(norm, pos, t));
    if (!term) {
      pos++;
      continue;
    }
    const start = from[pos]!;
    const end = to[pos + term.length - 1]!;
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
    pos += term.length;
  }
  return ranges;
}

/** The text cut into plain and matched pieces, in order; joined they give the text back unchanged. */
export function highlightSegments(text: string, terms: readonly string[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of highlightRanges(text, terms)) {
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), hit: false });
  return out;
}
