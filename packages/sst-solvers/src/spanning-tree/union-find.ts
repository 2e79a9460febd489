// Disjoint sets over 0..n−1 with union by size and path halving (near-constant time per call).

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  /** Number of disjoint sets. */
  count = 0;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n);
    this.reset();
  }

  /** Back to n singletons (reuses the buffers). */
  reset(): void {
    const n = this.parent.length;
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
    }
    this.count = n;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      // Path halving: point every other node on the path at its grandparent.
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  /** Merges the sets of a and b; returns false if they were already one set. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra] < this.size[rb]) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    this.count--;
    return true;
  }
}
