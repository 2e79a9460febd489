// Public entry points of the regularised k-subset relaxations (DESIGN.md §3.1, "Other top-k
// regularisers"): x = argmax_{x ∈ [0,1]^m, Σx = k} ⟨a, x⟩ − f(x) at a = scores / t, and its VJP.
import type { RelaxOptions } from '../validate.js';
import { assertIntInRange, resolveTemperature } from '../validate.js';
import type { KSubsetRegularizer } from './args.js';
import { assertKSubsetRegularizer, checkCotangent, checkScores, scaledScores } from './args.js';
import { implicitVjpItem } from './implicit-vjp.js';
import { binaryEntropyItem, binaryEntropySlopes } from './k-subset-binary-entropy.js';
import {
  categoricalEntropyItem,
  categoricalEntropySlopes,
} from './k-subset-categorical-entropy.js';
import { euclideanItem, euclideanSlopes } from './k-subset-euclidean.js';

/** Validates everything but g; returns the batch size. */
function checkArgs(scores: unknown, m: unknown, k: unknown, regularizer: unknown): number {
  const batch = checkScores(scores, m);
  assertIntInRange('k', k, 0, m as number);
  assertKSubsetRegularizer(regularizer);
  return batch;
}

/** Solves item `off` for 0 < k < m: x into `out`, ν into `nu`. */
function solveItem(
  regularizer: KSubsetRegularizer,
  a: Float64Array,
  off: number,
  m: number,
  k: number,
  out: Float64Array,
  work: Float64Array,
  nu: Float64Array,
): void {
  if (regularizer === 'euclidean') euclideanItem(a, off, m, k, out, work, nu);
  else if (regularizer === 'categorical-entropy')
    categoricalEntropyItem(a, off, m, k, out, work, nu);
  else binaryEntropyItem(a, off, m, k, out, nu);
}

/**
 * The regularised k-subset relaxation per batch item, at a = scores / t:
 * - 'euclidean': f = ½‖x‖², x = clip(a − ν, 0, 1) (exact ν by sorting);
 * - 'categorical-entropy': f = Σ x log x − x, x = min(1, exp(a − ν)) (log-space ν by sorting);
 * - 'binary-entropy': f = Σ x log x + (1 − x) log(1 − x), x = σ(a − ν) (safeguarded Newton).
 * ν is the scalar making Σx = k, to full float64 accuracy (a final Newton polish keeps
 * |Σx − k| ≲ 1e-14·k even at |a| ≈ 1e7). k = 0 gives all zeros, k = m all ones.
 * O(m log m) per item; no per-item allocation.
 */
export function kSubsetRegularized(
  scores: Float64Array,
  m: number,
  k: number,
  regularizer: KSubsetRegularizer,
  options?: RelaxOptions,
): Float64Array {
  const batch = checkArgs(scores, m, k, regularizer);
  const a = scaledScores(scores, options);
  const out = new Float64Array(scores.length);
  if (k === 0) return out;
  if (k === m) return out.fill(1);
  const work = new Float64Array(m);
  const nu = new Float64Array(2);
  for (let b = 0; b < batch; b++) solveItem(regularizer, a, b * m, m, k, out, work, nu);
  return out;
}

/**
 * ∂(g·kSubsetRegularized(scores))/∂scores, exact, by implicit differentiation of Σx = k:
 * with d_i = h'(a_i − ν), the Jacobian w.r.t. a is diag(d) − d dᵀ/Σd (symmetric), so the VJP is
 * d ⊙ (g − ⟨d, g⟩/Σd) / t. O(m) beyond the forward solve; zero for k = 0 and k = m.
 *
 * Kinks ('euclidean' where a_i − ν ∈ {0, 1}, 'categorical-entropy' where a_i − ν = 0): a
 * coordinate sitting exactly on its bound counts as clamped (d_i = 0). That is the Jacobian of
 * the piece on which the coordinate stays clamped, i.e. the one-sided derivative for moving a_i
 * away from the free range (down at x_i = 0, up at x_i = 1); it is also the choice of
 * Martins & Astudillo's sparsemax (support = {x > 0}). Elsewhere the map is smooth.
 */
export function kSubsetRegularizedVjp(
  scores: Float64Array,
  m: number,
  k: number,
  regularizer: KSubsetRegularizer,
  g: Float64Array,
  options?: RelaxOptions,
): Float64Array {
  const batch = checkArgs(scores, m, k, regularizer);
  checkCotangent(g, scores.length);
  const t = resolveTemperature(options);
  const a = scaledScores(scores, options);
  const out = new Float64Array(scores.length);
  if (k === 0 || k === m) return out;
  const slopes = new Float64Array(scores.length);
  const work = new Float64Array(m);
  const nu = new Float64Array(2);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    solveItem(regularizer, a, off, m, k, slopes, work, nu);
    if (regularizer === 'euclidean') euclideanSlopes(slopes, off, m);
    else if (regularizer === 'categorical-entropy') categoricalEntropySlopes(slopes, off, m);
    else binaryEntropySlopes(a, off, m, nu, slopes);
    implicitVjpItem(slopes, g, off, m, t, out);
  }
  return out;
}
