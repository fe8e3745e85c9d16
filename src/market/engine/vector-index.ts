/**
 * Unit vectors by id, searched exhaustively by dot product (cosine): at the market's scale (10⁵ documents × 100
 * dimensions = 10⁷ multiply-adds a query) a flat scan is a few milliseconds and exact, with nothing to tune.
 * Rows live in one growing Float32Array; a removed row's slot is reused. Pure.
 */
export interface VectorHit {
  id: number;
  score: number;
}

export class VectorIndex {
  private data: Float32Array;
  private ids: Int32Array;
  /** id → slot. */
  private readonly slots = new Map<number, number>();
  private readonly free: number[] = [];
  private used = 0;

  constructor(readonly dim: number, capacity = 1024) {
    this.data = new Float32Array(capacity * dim);
    this.ids = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.slots.size;
  }

  has(id: number): boolean {
    return this.slots.has(id);
  }

  /** Sets the document's vector (unit length expected), replacing an earlier one. */
  set(id: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`向量维数应为 ${this.dim}`);
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.used++;
      if (slot >= this.ids.length) this.grow();
      this.slots.set(id, slot);
      this.ids[slot] = id;
    }
    this.data.set(vector, slot * this.dim);
  }

  remove(id: number): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    this.ids[slot] = -1;
    this.free.push(slot);
  }

  /** The stored vector (a view), or undefined. */
  get(id: number): Float32Array | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.data.subarray(slot * this.dim, (slot + 1) * this.dim);
  }

  /** The k rows with the largest dot product with `q`, best first (ties by id). */
  search(q: Float32Array, k: number, accept: (id: number) => boolean = () => true): VectorHit[] {
    const dim = this.dim;
    // A bounded min-heap would save a sort; k is small (≤ a few hundred) and a partial select is simpler.
    const scores: VectorHit[] = [];
    let floor = -Infinity;
    for (let slot = 0; slot < this.used; slot++) {
      const id = this.ids[slot]!;
      if (id < 0) continue;
      let s = 0;
      const base = slot * dim;
      for (let d = 0; d < dim; d++) s += q[d]! * this.data[base + d]!;
      if (scores.length >= k && s < floor) continue;
      if (!accept(id)) continue;
      scores.push({ id, score: s });
      if (scores.length >= 4 * k) {
        scores.sort((a, b) => b.score - a.score || a.id - b.id);
        scores.length = k;
        floor = scores[k - 1]!.score;
      }
    }
    return scores.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const data = new Float32Array(cap * this.dim);
    data.set(this.data);
    const ids = new Int32Array(cap).fill(-1);
    ids.set(this.ids);
    this.data = data;
    this.ids = ids;
  }
}
