// Exact distribution of the stochastic argmax X = argmax_{x∈𝒳} ⟨θ + G, x⟩ (G i.i.d. Gumbel) and
// the exact gradient of E_θ[loss(X)], for the small matroid structures of structures.ts.
//
// Why this is exact, not Monte Carlo: the order of the coordinates of U = θ + G, read from the
// largest down, is Plackett–Luce with weights e^θ (the Gumbel-max property applied repeatedly),
// and the order restricted to any subset of coordinates is again Plackett–Luce on that subset.
// For a matroid the argmax is the greedy basis, so X is decided by which item comes first among
// those still independent of the items accepted so far; items that became dependent never
// matter again. Hence, for a basis B accepted in the order b_1, …, b_r,
//   P(order) = Π_j exp(θ_{b_j}) / Σ_{e ∉ span(b_1..b_{j−1})} exp(θ_e),
// and P(X = B) is the sum over the r! orders (those that are greedy-consistent, i.e. all of them
// for a basis). Each factor is a softmax over the still-available items, so
//   ∂ log P(order)/∂θ_a = Σ_j [a = b_j] − softmax_j(a),
// which gives ∂P(X = B)/∂θ in closed form too. For one-hot this reduces to P = softmax(θ); note
// that for k-subsets and trees the result is NOT the exponential-family distribution
// p(x) ∝ exp⟨θ, x⟩ that the E.F.-entropy relaxation uses. Accuracy: float64 rounding only
// (≈ 1e-15 relative), no sampling and no finite differences.
import {
  checkStructure,
  type DiagnosticStructure,
  spanOracle,
  structureDimension,
  structureRank,
} from './structures.js';

/** Every outcome of the Gumbel argmax with its exact probability and ∂P/∂θ. */
export interface ExactDistribution {
  /** Each basis as a 0/1 vector of length d. */
  outcomes: Float64Array[];
  /** P_θ(X = outcomes[i]); sums to 1. */
  probabilities: Float64Array;
  /** ∂P_θ(X = outcomes[i]) / ∂θ (length d each); each coordinate sums to 0 over outcomes. */
  probabilityGradients: Float64Array[];
}

/** The exact gradient of E_θ[loss(X)] and how it was obtained. */
export interface ExactGradient {
  /** E_θ[loss(X)]. */
  value: number;
  /** ∇_θ E_θ[loss(X)], length d. */
  gradient: Float64Array;
  /** Which exact method produced it (goes into reports). */
  method: 'closed-form softmax' | 'Plackett–Luce enumeration';
}

export function checkTheta(theta: unknown, d: number): Float64Array {
  if (!(theta instanceof Float64Array) && !Array.isArray(theta))
    throw new TypeError(`theta must be a Float64Array or number[], got ${typeof theta}`);
  if (theta.length !== d)
    throw new RangeError(`theta must have length ${d} for this structure, got ${theta.length}`);
  const out = Float64Array.from(theta as ArrayLike<number>);
  for (let i = 0; i < d; i++) {
    if (typeof theta[i] !== 'number')
      throw new TypeError(`theta[${i}] must be a number, got ${typeof theta[i]}`);
    if (!Number.isFinite(out[i])) throw new RangeError(`theta[${i}] must be finite, got ${out[i]}`);
  }
  return out;
}

/** P(X = e_i) = softmax(θ)_i, ∂P_i/∂θ_j = P_i (δ_ij − P_j). */
function oneHotDistribution(theta: Float64Array): ExactDistribution {
  const d = theta.length;
  const max = Math.max(...theta);
  const w = theta.map((v) => Math.exp(v - max));
  const z = w.reduce((a, b) => a + b, 0);
  const p = w.map((v) => v / z);
  const outcomes: Float64Array[] = [];
  const probabilityGradients: Float64Array[] = [];
  for (let i = 0; i < d; i++) {
    const x = new Float64Array(d);
    x[i] = 1;
    outcomes.push(x);
    probabilityGradients.push(p.map((pj, j) => p[i] * ((i === j ? 1 : 0) - pj)));
  }
  return { outcomes, probabilities: p, probabilityGradients };
}

/** Greedy-order enumeration (see the file comment); used for every structure but one-hot. */
function enumerateGreedyOrders(
  structure: DiagnosticStructure,
  theta: Float64Array,
): ExactDistribution {
  const d = structureDimension(structure);
  const rank = structureRank(structure);
  const spanned = spanOracle(structure);
  const byKey = new Map<string, { x: Float64Array; p: number; dp: Float64Array }>();

  const visit = (accepted: number[], logP: number, dLogP: Float64Array): void => {
    if (accepted.length === rank) {
      const sorted = [...accepted].sort((a, b) => a - b);
      const key = sorted.join(',');
      let entry = byKey.get(key);
      if (!entry) {
        const x = new Float64Array(d);
        for (const e of sorted) x[e] = 1;
        entry = { x, p: 0, dp: new Float64Array(d) };
        byKey.set(key, entry);
      }
      const p = Math.exp(logP);
      entry.p += p;
      for (let a = 0; a < d; a++) entry.dp[a] += p * dLogP[a];
      return;
    }
    const blocked = spanned(accepted);
    const available: number[] = [];
    for (let e = 0; e < d; e++) if (!blocked[e]) available.push(e);
    // Softmax of θ over the available items, computed stably.
    let max = Number.NEGATIVE_INFINITY;
    for (const e of available) max = Math.max(max, theta[e]);
    let z = 0;
    for (const e of available) z += Math.exp(theta[e] - max);
    const logZ = max + Math.log(z);
    const shared = new Float64Array(dLogP);
    for (const e of available) shared[e] -= Math.exp(theta[e] - logZ);
    for (const e of available) {
      const next = new Float64Array(shared);
      next[e] += 1;
      accepted.push(e);
      visit(accepted, logP + theta[e] - logZ, next);
      accepted.pop();
    }
  };
  visit([], 0, new Float64Array(d));

  const entries = [...byKey.values()];
  return {
    outcomes: entries.map((e) => e.x),
    probabilities: Float64Array.from(entries, (e) => e.p),
    probabilityGradients: entries.map((e) => e.dp),
  };
}

/**
 * The exact distribution of the SMT sample argmax_{x∈𝒳} ⟨θ + G, x⟩ with its θ-gradient:
 * closed-form softmax for one-hot, Plackett–Luce greedy-order enumeration otherwise.
 */
export function gumbelArgmaxDistribution(
  structure: DiagnosticStructure,
  theta: Float64Array | readonly number[],
): ExactDistribution {
  const s = checkStructure(structure);
  const t = checkTheta(theta, structureDimension(s));
  return s.kind === 'one-hot' ? oneHotDistribution(t) : enumerateGreedyOrders(s, t);
}

/** E_θ[loss(X)] and its exact gradient Σ_x (loss(x) − E) ∂P(x)/∂θ (centred to limit cancellation). */
export function exactExpectedLossGradient(
  structure: DiagnosticStructure,
  theta: Float64Array | readonly number[],
  loss: (x: Float64Array) => number,
): ExactGradient {
  const dist = gumbelArgmaxDistribution(structure, theta);
  const losses = dist.outcomes.map((x) => {
    const value = loss(new Float64Array(x));
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new RangeError(
        `loss must return a finite number, got ${value} for x = [${x.join(', ')}]`,
      );
    return value;
  });
  let value = 0;
  for (let i = 0; i < losses.length; i++) value += dist.probabilities[i] * losses[i];
  const d = structureDimension(structure);
  const gradient = new Float64Array(d);
  for (let i = 0; i < losses.length; i++) {
    const centred = losses[i] - value;
    const dp = dist.probabilityGradients[i];
    for (let a = 0; a < d; a++) gradient[a] += centred * dp[a];
  }
  return {
    value,
    gradient,
    method: structure.kind === 'one-hot' ? 'closed-form softmax' : 'Plackett–Luce enumeration',
  };
}
