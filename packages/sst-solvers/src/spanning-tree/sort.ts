// Stable index sort of edge scores in descending order (ties keep the lower edge index first), on
// typed arrays with no comparator closures: insertion-sorted runs plus bottom-up merges for short
// inputs, an LSD radix sort on the IEEE-754 bit patterns for long ones (linear time; Kruskal on
// K_1000 sorts ~500 000 edges).

const RUN = 24;
/** Below this many scores the merge sort wins (the radix sort touches 256 counters per pass). */
const RADIX_MIN = 1024;

/** A float64 and its two 32-bit halves; which half is the high word depends on endianness. */
const BITS_F64 = new Float64Array(1);
const BITS_U32 = new Uint32Array(BITS_F64.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Reusable buffers for sorting up to `capacity` scores. */
export class EdgeSorter {
  private keys: Float64Array;
  private idx: Int32Array;
  private keys2: Float64Array;
  private idx2: Int32Array;
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly hi2: Uint32Array;
  private readonly lo2: Uint32Array;
  private readonly counts = new Int32Array(8 * 256);

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.idx = new Int32Array(capacity);
    this.keys2 = new Float64Array(capacity);
    this.idx2 = new Int32Array(capacity);
    // The radix path reads each key's two 32-bit halves through a view of `keys`.
    const big = capacity >= RADIX_MIN ? capacity : 0;
    this.hi = new Uint32Array(big);
    this.lo = new Uint32Array(big);
    this.hi2 = new Uint32Array(big);
    this.lo2 = new Uint32Array(big);
  }

  /**
   * Sorts scores[offset .. offset+m) (finite, m ≤ capacity) in descending order and returns the
   * edge indices (0-based within the item) in that order. The returned array is a view into the
   * sorter's buffers, valid until the next call.
   */
  sortDescending(scores: Float64Array, offset: number, m: number): Int32Array {
    return m >= RADIX_MIN ? this.radixSort(scores, offset, m) : this.mergeSort(scores, offset, m);
  }

  private mergeSort(scores: Float64Array, offset: number, m: number): Int32Array {
    let keys = this.keys;
    let idx = this.idx;
    let keys2 = this.keys2;
    let idx2 = this.idx2;
    for (let i = 0; i < m; i++) {
      keys[i] = scores[offset + i];
      idx[i] = i;
    }
    // Insertion sort of short runs; the strict `<` keeps equal keys in index order (stable).
    for (let lo = 0; lo < m; lo += RUN) {
      const hi = Math.min(lo + RUN, m);
      for (let i = lo + 1; i < hi; i++) {
        const k = keys[i];
        const x = idx[i];
        let j = i - 1;
        while (j >= lo && keys[j] < k) {
          keys[j + 1] = keys[j];
          idx[j + 1] = idx[j];
          j--;
        }
        keys[j + 1] = k;
        idx[j + 1] = x;
      }
    }
    for (let width = RUN; width < m; width *= 2) {
      for (let lo = 0; lo < m; lo += 2 * width) {
        const mid = Math.min(lo + width, m);
        const hi = Math.min(lo + 2 * width, m);
        let a = lo;
        let b = mid;
        let o = lo;
        // Take from the left run on ties (>=): stability.
        while (a < mid && b < hi) {
          if (keys[a] >= keys[b]) {
            keys2[o] = keys[a];
            idx2[o++] = idx[a++];
          } else {
            keys2[o] = keys[b];
            idx2[o++] = idx[b++];
          }
        }
        while (a < mid) {
          keys2[o] = keys[a];
          idx2[o++] = idx[a++];
        }
        while (b < hi) {
          keys2[o] = keys[b];
          idx2[o++] = idx[b++];
        }
      }
      const tk = keys;
      keys = keys2;
      keys2 = tk;
      const ti = idx;
      idx = idx2;
      idx2 = ti;
    }
    this.keys = keys;
    this.idx = idx;
    this.keys2 = keys2;
    this.idx2 = idx2;
    return idx.subarray(0, m);
  }

  /**
   * LSD radix sort, 8 bits per pass, on 64-bit keys whose unsigned ascending order is the
   * descending order of the scores. Each pass is stable, so equal scores keep index order.
   */
  private radixSort(scores: Float64Array, offset: number, m: number): Int32Array {
    const { counts } = this;
    let hi = this.hi;
    let lo = this.lo;
    let idx = this.idx;
    let hi2 = this.hi2;
    let lo2 = this.lo2;
    let idx2 = this.idx2;
    // Bit pattern → descending key: a non-negative x keeps its sign bit clear and has all other
    // bits flipped (larger x ⇒ smaller key); a negative x keeps its bits (sign set; more negative
    // ⇒ larger magnitude bits ⇒ larger key). Adding 0 turns −0 into +0 so the two tie.
    const f = BITS_F64;
    const u = BITS_U32;
    counts.fill(0);
    for (let i = 0; i < m; i++) {
      f[0] = scores[offset + i] + 0;
      let kh = u[HIGH_WORD];
      let kl = u[1 - HIGH_WORD];
      if ((kh & 0x80000000) === 0) {
        kh = kh ^ 0x7fffffff;
        kl = ~kl >>> 0;
      }
      hi[i] = kh;
      lo[i] = kl;
      idx[i] = i;
      counts[kl & 255]++;
      counts[256 + ((kl >>> 8) & 255)]++;
      counts[512 + ((kl >>> 16) & 255)]++;
      counts[768 + (kl >>> 24)]++;
      counts[1024 + (kh & 255)]++;
      counts[1280 + ((kh >>> 8) & 255)]++;
      counts[1536 + ((kh >>> 16) & 255)]++;
      counts[1792 + (kh >>> 24)]++;
    }
    for (let pass = 0; pass < 8; pass++) {
      const base = pass * 256;
      // A pass where every key has the same digit would only copy: skip it.
      let trivial = false;
      for (let b = 0; b < 256; b++) {
        const c = counts[base + b];
        if (c === m) trivial = true;
        if (c !== 0) break;
      }
      if (trivial) continue;
      let sum = 0;
      for (let b = 0; b < 256; b++) {
        const c = counts[base + b];
        counts[base + b] = sum;
        sum += c;
      }
      const shift = (pass & 3) * 8;
      const fromHigh = pass >= 4;
      for (let i = 0; i < m; i++) {
        const digit = ((fromHigh ? hi[i] : lo[i]) >>> shift) & 255;
        const o = counts[base + digit]++;
        hi2[o] = hi[i];
        lo2[o] = lo[i];
        idx2[o] = idx[i];
      }
      let t = hi;
      hi = hi2;
      hi2 = t;
      t = lo;
      lo = lo2;
      lo2 = t;
      const ti = idx;
      idx = idx2;
      idx2 = ti;
    }
    // Both halves of every pair are equal-sized scratch; only the index order must be kept.
    this.idx = idx;
    this.idx2 = idx2;
    return idx.subarray(0, m);
  }
}
