import { describe, expect, it } from 'vitest';
import { cosine, textVector, WordVectors } from './word-vectors.js';

/** word2vec's binary format, written here: "<count> <dim>\n", then "word " + dim float32 LE (+ "\n"). */
function binary(entries: Record<string, number[]>): Uint8Array {
  const words = Object.keys(entries);
  const dim = entries[words[0]!]!.length;
  const parts: Buffer[] = [Buffer.from(`${words.length} ${dim}\n`)];
  for (const w of words) {
    const v = Buffer.alloc(4 * dim);
    entries[w]!.forEach((x, i) => v.writeFloatLE(x, 4 * i));
    parts.push(Buffer.from(w + ' '), v, Buffer.from('\n'));
  }
  return new Uint8Array(Buffer.concat(parts));
}

describe('word vectors', () => {
  const wv = WordVectors.parse(binary({ 胶水: [3, 4, 0], 粘合剂: [4, 3, 0], 环氧: [0, 0, 2], 电池: [0, 5, 0] }));

  it('parses the binary format and normalises each row', () => {
    expect(wv.size).toBe(4);
    expect(wv.dim).toBe(3);
    expect([...wv.vector('胶水')!].map((x) => Math.round(x * 100) / 100)).toEqual([0.6, 0.8, 0]);
    expect(wv.vector('没有')).toBeUndefined();
  });

  it('refuses a broken file with a plain message', () => {
    expect(() => WordVectors.parse(new Uint8Array(Buffer.from('abc')))).toThrow(/首行/);
    const whole = binary({ 胶水: [1, 2, 3] });
    expect(() => WordVectors.parse(whole.subarray(0, whole.length - 6))).toThrow(/不完整/);
  });

  it('splits unknown compounds into the longest known pieces', () => {
    expect(wv.pieces('环氧胶水')).toEqual(['环氧', '胶水']);
    expect(wv.pieces('改性环氧')).toEqual(['环氧']);
    expect(wv.pieces('完全陌生')).toEqual([]);
  });

  it('a text vector is the weighted mean of its words, unit length; related texts are near, unrelated far', () => {
    const one = () => 1;
    const a = textVector(['胶水'], wv, one)!;
    const b = textVector(['粘合剂'], wv, one)!;
    const c = textVector(['电池'], wv, one)!;
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(cosine(a, b)).toBeGreaterThan(cosine(b, c));
    expect(textVector(['完全陌生'], wv, one)).toBeNull();
    // A weight of 0 leaves a word out.
    const weighted = textVector(['胶水', '电池'], wv, (w) => (w === '电池' ? 0 : 1))!;
    expect(cosine(weighted, a)).toBeCloseTo(1, 6);
  });
});
