// Summary statistics of N gradient estimates against a reference gradient, in float64. The
// estimates arrive in chunks and are folded into running moments (Chan et al.'s pairwise update
// of mean and sum of squared deviations), so memory does not grow with N.

/** What gradientDiagnostics reports for one estimator. */
export interface GradientStatistics {
  /** Mean of the N estimates (length d). */
  mean: Float64Array;
  /** Per-coordinate variance of one estimate (unbiased, N − 1 in the denominator). */
  variance: Float64Array;
  /** Trace of the covariance: Σ variance. */
  totalVariance: number;
  /** mean − reference. */
  bias: Float64Array;
  /** ‖mean − reference‖₂. */
  biasNorm: number;
  /** sqrt(totalVariance / N): the size of ‖mean − reference‖ expected from sampling noise alone;
   * a bias norm within a few of these is statistically indistinguishable from 0. */
  biasStandardError: number;
  /** cos∠(mean, reference); NaN when either is the zero vector. */
  cosine: number;
}

/** Running per-coordinate mean and sum of squared deviations of rows of length d. */
export class RunningMoments {
  readonly d: number;
  count = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;

  constructor(d: number) {
    this.d = d;
    this.mean = new Float64Array(d);
    this.m2 = new Float64Array(d);
  }

  /** Folds in rows.length / d rows (row-major), two-pass within the chunk. */
  addRows(rows: ArrayLike<number>): void {
    const d = this.d;
    const nb = rows.length / d;
    if (nb === 0) return;
    const meanB = new Float64Array(d);
    for (let r = 0; r < nb; r++) for (let a = 0; a < d; a++) meanB[a] += rows[r * d + a];
    for (let a = 0; a < d; a++) meanB[a] /= nb;
    const m2B = new Float64Array(d);
    for (let r = 0; r < nb; r++)
      for (let a = 0; a < d; a++) m2B[a] += (rows[r * d + a] - meanB[a]) ** 2;
    const na = this.count;
    const n = na + nb;
    for (let a = 0; a < d; a++) {
      const delta = meanB[a] - this.mean[a];
      this.mean[a] += (delta * nb) / n;
      this.m2[a] += m2B[a] + (delta * delta * na * nb) / n;
    }
    this.count = n;
  }

  summarize(reference: Float64Array): GradientStatistics {
    const n = this.count;
    const mean = Float64Array.from(this.mean);
    const variance = this.m2.map((v) => (n > 1 ? v / (n - 1) : 0));
    const totalVariance = variance.reduce((s, v) => s + v, 0);
    const bias = mean.map((v, a) => v - reference[a]);
    const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const dot = mean.reduce((s, v, a) => s + v * reference[a], 0);
    const denom = norm(mean) * norm(reference);
    return {
      mean,
      variance,
      totalVariance,
      bias,
      biasNorm: norm(bias),
      biasStandardError: Math.sqrt(totalVariance / n),
      cosine: denom > 0 ? dot / denom : Number.NaN,
    };
  }
}
