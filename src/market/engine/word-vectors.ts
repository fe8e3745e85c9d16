/**
 * Word vectors (word2vec's binary format) and what the matcher's semantic layer makes of them: a text's vector as
 * the weighted mean of its words' unit vectors. Words the vocabulary lacks are split into the longest words it has
 * (环氧胶粘剂 → 环氧 + 胶粘 + 剂 …, at least two characters each), so domain compounds still land near their parts.
 * Pure: bytes in, numbers out (the file is read by ../semantic.ts).
 */

export class WordVectors {
  /** Row i of `data` (dim floats) is the unit vector of the word with index i. */
  private constructor(
    readonly dim: number,
    private readonly vocab: Map<string, number>,
    private readonly data: Float32Array,
    private readonly longest: number,
  ) {}

  get size(): number {
    return this.vocab.size;
  }

  has(word: string): boolean {
    return this.vocab.has(word);
  }

  /** The word's unit vector (a view, not a copy), or undefined. */
  vector(word: string): Float32Array | undefined {
    const i = this.vocab.get(word);
    return i === undefined ? undefined : this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** The word, or the longest known pieces (≥ 2 characters) it is made of, left to right; [] when none is known. */
  pieces(word: string): string[] {
    if (this.vocab.has(word)) return [word];
    const chars = [...word];
    const out: string[] = [];
    let i = 0;
    while (i < chars.length) {
      let found = 0;
      for (let n = Math.min(this.longest, chars.length - i); n >= 2; n--) {
        if (this.vocab.has(chars.slice(i, i + n).join(''))) {
          found = n;
          break;
        }
      }
      if (found) {
        out.push(chars.slice(i, i + found).join(''));
        i += found;
      } else i++;
    }
    return out;
  }

  /**
   * Parses word2vec's binary format: a header line "<count> <dim>", then per word its UTF-8 bytes up to a space
   * and dim little-endian float32s (an optional newline between records). Rows are normalised to unit length.
   */
  static parse(bytes: Uint8Array): WordVectors {
    const decoder = new TextDecoder('utf-8');
    let pos = bytes.indexOf(0x0a);
    if (pos < 0) throw new Error('词向量文件格式错误：缺少首行');
    const [count, dim] = decoder.decode(bytes.subarray(0, pos)).trim().split(/\s+/).map(Number);
    if (!Number.isInteger(count) || !Number.isInteger(dim) || count! <= 0 || dim! <= 0) throw new Error('词向量文件格式错误：首行应为“词数 维数”');
    pos++;
    const data = new Float32Array(count! * dim!);
    const vocab = new Map<string, number>();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let longest = 1;
    for (let i = 0; i < count!; i++) {
      while (bytes[pos] === 0x0a || bytes[pos] === 0x20) pos++;
      const end = bytes.indexOf(0x20, pos);
      if (end < 0 || end + 4 * dim! > bytes.length) throw new Error(`词向量文件格式错误：第 ${i + 1} 个词不完整`);
      const word = decoder.decode(bytes.subarray(pos, end));
      pos = end + 1;
      let norm = 0;
      const row = i * dim!;
      for (let d = 0; d < dim!; d++) {
        const x = view.getFloat32(pos + 4 * d, true);
        data[row + d] = x;
        norm += x * x;
      }
      pos += 4 * dim!;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dim!; d++) data[row + d]! /= norm;
      if (!vocab.has(word)) {
        vocab.set(word, i);
        longest = Math.max(longest, [...word].length);
      }
    }
    return new WordVectors(dim!, vocab, data, Math.min(longest, 8));
  }

  /** For tests: vectors given directly (normalised here). */
  static of(entries: Record<string, readonly number[]>): WordVectors {
    const words = Object.keys(entries);
    const dim = entries[words[0]!]!.length;
    const data = new Float32Array(words.length * dim);
    const vocab = new Map<string, number>();
    words.forEach((w, i) => {
      const v = entries[w]!;
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
      v.forEach((x, d) => (data[i * dim + d] = x / norm));
      vocab.set(w, i);
    });
    return new WordVectors(dim, vocab, data, Math.max(...words.map((w) => [...w].length)));
  }
}

/**
 * A text's vector: Σ weight(word) · unit(word) over its words (unknown words by their known pieces, each piece
 * with the word's weight shared out), normalised to unit length; null when no word is known.
 */
export function textVector(words: readonly string[], wv: WordVectors, weight: (word: string) => number): Float32Array | null {
  const out = new Float32Array(wv.dim);
  let any = false;
  for (const w of words) {
    const ps = wv.pieces(w);
    if (ps.length === 0) continue;
    const share = weight(w) / ps.length;
    if (!(share > 0)) continue;
    for (const p of ps) {
      const v = wv.vector(p)!;
      for (let d = 0; d < out.length; d++) out[d]! += share * v[d]!;
      any = true;
    }
  }
  if (!any) return null;
  let norm = 0;
  for (let d = 0; d < out.length; d++) norm += out[d]! * out[d]!;
  norm = Math.sqrt(norm);
  if (norm === 0) return null;
  for (let d = 0; d < out.length; d++) out[d]! /= norm;
  return out;
}

/** The dot product of two unit vectors (their cosine). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
  return s;
}
