// A fixed-size ring of the latest samples (claim latencies, waits) with percentiles read on demand: recording is one
// store into a typed array, so measuring the pool's fast path does not slow it.
export class Samples {
  private readonly buf: Float64Array;
  private n = 0;
  private at = 0;

  constructor(capacity = 4096) {
    this.buf = new Float64Array(capacity);
  }

  add(v: number): void {
    this.buf[this.at] = v;
    this.at = (this.at + 1) % this.buf.length;
    if (this.n < this.buf.length) this.n++;
  }

  get count(): number {
    return this.n;
  }

  /** The q-quantile (0..1) of the samples held, nearest rank; null when empty. */
  quantile(q: number): number | null {
    if (!this.n) return null;
    const sorted = this.buf.slice(0, this.n).sort();
    return sorted[Math.min(this.n - 1, Math.max(0, Math.ceil(q * this.n) - 1))]!;
  }
}
