// Dense linear algebra: residual and identity checks, determinants against the Leibniz formula,
// Cholesky against LU, every error path, and fast-check laws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplyInto, multiplySymmetricResultInto } from '../src/linalg/kernels.js';
import {
  cholesky,
  choleskyInverse,
  choleskyLogDet,
  inverse,
  logAbsDet,
  luFactor,
  luInverse,
  luSolve,
} from '../src/linalg.js';
import { randomScores } from '../src/testing/random.js';

function randomMatrix(n: number, seed: number): Float64Array {
  return randomScores(n * n, seed);
}

/** A Aᵀ + n I: symmetric positive definite and well conditioned. */
function randomSpd(n: number, seed: number): Float64Array {
  const a = randomMatrix(n, seed);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Textbook triple loop: the oracle for the kernels and for A·A⁻¹. */
function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      out[i * n + j] = s;
    }
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** det A by the Leibniz formula (sum over all permutations): independent of any elimination. */
function leibnizDet(a: Float64Array, n: number): number {
  let total = 0;
  const perm = Array.from({ length: n }, (_, i) => i);
  const visit = (k: number, sign: number) => {
    if (k === n) {
      let p = sign;
      for (let i = 0; i < n; i++) p *= a[i * n + perm[i]];
      total += p;
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i], perm[k]];
      visit(k + 1, i === k ? sign : -sign);
      [perm[k], perm[i]] = [perm[i], perm[k]];
    }
  };
  visit(0, 1);
  return total;
}

// Sizes cover every remainder of the kernels' four-row blocking.
const SIZES = [1, 2, 3, 4, 5, 7, 9, 13, 37];

describe('luFactor / luSolve', () => {
  it('solves A x = b to a small residual and leaves A untouched', () => {
    for (const n of SIZES) {
      const a = randomMatrix(n, n);
      const copy = Float64Array.from(a);
      const b = randomScores(n, 100 + n);
      const x = luSolve(luFactor(a, n), b);
      expect(a).toEqual(copy);
      const ax = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) ax[i] += a[i * n + k] * x[k];
      expect(maxAbsDiff(ax, b)).toBeLessThan(1e-10);
    }
  });

  it('pivots: a matrix with a zero leading entry still factorises, with det sign −1', () => {
    const a = new Float64Array([0, 1, 1, 0]);
    const lu = luFactor(a, 2);
    expect(lu.sign).toBe(-1);
    expect(Array.from(luSolve(lu, new Float64Array([2, 3])))).toEqual([3, 2]);
  });
});

describe('inverse', () => {
  it('A · A⁻¹ = I', () => {
    for (const n of SIZES) {
      const a = randomMatrix(n, 7 * n);
      expect(maxAbsDiff(matmul(a, inverse(a, n), n), identity(n))).toBeLessThan(1e-9);
      expect(luInverse(luFactor(a, n))).toEqual(inverse(a, n));
    }
  });

  it('choleskyInverse equals the LU inverse on SPD matrices', () => {
    for (const n of SIZES) {
      const a = randomSpd(n, 3 * n);
      expect(maxAbsDiff(choleskyInverse(a, n), inverse(a, n))).toBeLessThan(1e-12);
    }
  });
});

describe('determinants', () => {
  it('logAbsDet and its sign equal the Leibniz determinant (n ≤ 6)', () => {
    for (let n = 1; n <= 6; n++) {
      for (let seed = 0; seed < 4; seed++) {
        const a = randomMatrix(n, 50 * n + seed);
        const det = leibnizDet(a, n);
        const { logAbsDet: log, sign } = logAbsDet(a, n);
        expect(sign).toBe(Math.sign(det));
        expect(log).toBeCloseTo(Math.log(Math.abs(det)), 10);
      }
    }
  });

  it('does not overflow: det(1e3 · I_200) = 10^600', () => {
    const a = identity(200).map((v) => v * 1e3);
    const { logAbsDet: log, sign } = logAbsDet(a, 200);
    expect(sign).toBe(1);
    expect(log).toBeCloseTo(600 * Math.log(10), 9);
  });

  it('a singular matrix has log|det| = −∞ and sign 0 (like numpy slogdet)', () => {
    expect(logAbsDet(new Float64Array([1, 2, 2, 4]), 2)).toEqual({ logAbsDet: -Infinity, sign: 0 });
  });

  it('choleskyLogDet equals logAbsDet on SPD matrices', () => {
    for (const n of SIZES) {
      const a = randomSpd(n, 9 * n);
      expect(choleskyLogDet(a, n)).toBeCloseTo(logAbsDet(a, n).logAbsDet, 10);
    }
  });
});

describe('cholesky', () => {
  it('returns lower-triangular L with L Lᵀ = A', () => {
    for (const n of SIZES) {
      const a = randomSpd(n, 11 * n);
      const l = cholesky(a, n);
      const lt = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          lt[j * n + i] = l[i * n + j];
          if (j > i) expect(l[i * n + j]).toBe(0);
        }
      }
      expect(maxAbsDiff(matmul(l, lt, n), a)).toBeLessThan(1e-10 * n);
    }
  });

  it('rejects a matrix that is not positive definite, naming it', () => {
    expect(() => cholesky(new Float64Array([1, 2, 2, 1]), 2)).toThrow(
      new RangeError('matrix a is not symmetric positive definite (pivot 1 is not positive)'),
    );
  });
});

describe('kernels', () => {
  it('multiplyInto and multiplySymmetricResultInto (strided) match the triple loop', () => {
    for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 11]) {
      const stride = d + 2; // the kernels work on the leading d×d block of a larger buffer
      const m = randomSpd(d, d);
      const g = randomSpd(d, 2 * d);
      const pad = (x: Float64Array) => {
        const out = new Float64Array(stride * stride).fill(Number.NaN);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * stride + j] = x[i * d + j];
        return out;
      };
      const unpad = (x: Float64Array) =>
        Float64Array.from({ length: d * d }, (_, k) => x[Math.floor(k / d) * stride + (k % d)]);
      const p = new Float64Array(stride * stride);
      const k = new Float64Array(stride * stride);
      multiplyInto(pad(m), pad(g), p, d, stride);
      expect(maxAbsDiff(unpad(p), matmul(m, g, d))).toBeLessThan(1e-12 * d * d);
      multiplySymmetricResultInto(p, pad(m), k, d, stride);
      const want = matmul(matmul(m, g, d), m, d);
      expect(maxAbsDiff(unpad(k), want)).toBeLessThan(1e-11 * d ** 3);
    }
  });
});

describe('laws (fast-check)', () => {
  it('inverse(inverse(A)) = A and log|det(AB)| = log|det A| + log|det B|', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (n, seed) => {
        const a = randomSpd(n, seed);
        const b = randomMatrix(n, seed + 1);
        for (let i = 0; i < n; i++) b[i * n + i] += 2 * n; // keep B well conditioned
        expect(maxAbsDiff(inverse(inverse(a, n), n), a)).toBeLessThan(1e-9 * n);
        const ab = logAbsDet(matmul(a, b, n), n);
        const la = logAbsDet(a, n);
        const lb = logAbsDet(b, n);
        expect(ab.logAbsDet).toBeCloseTo(la.logAbsDet + lb.logAbsDet, 9);
        expect(ab.sign).toBe(la.sign * lb.sign);
      }),
      { numRuns: 60 },
    );
  });
});

describe('errors', () => {
  it('a singular matrix throws a RangeError naming the matrix', () => {
    const singular = new Float64Array([1, 2, 2, 4]);
    expect(() => luFactor(singular, 2)).toThrow(
      new RangeError('matrix a is singular (no nonzero pivot in column 1)'),
    );
    expect(() => inverse(new Float64Array(9), 3)).toThrow(/matrix a is singular/);
  });

  it('wrong kinds are TypeErrors, bad values RangeErrors, each naming the parameter', () => {
    const fns = [luFactor, inverse, logAbsDet, cholesky, choleskyInverse, choleskyLogDet];
    for (const fn of fns) {
      expect(() => fn([1] as unknown as Float64Array, 1)).toThrow(
        new TypeError('a must be a Float64Array, got array of length 1'),
      );
      expect(() => fn(new Float64Array([1, Number.NaN, 0, 1]), 2)).toThrow(
        new RangeError('a[1] must be finite, got NaN'),
      );
      expect(() => fn(new Float64Array(3), 2)).toThrow(
        new RangeError('a must hold n×n = 4 entries (row-major), got 3'),
      );
      expect(() => fn(new Float64Array(4), 1.5)).toThrow(TypeError);
      expect(() => fn(new Float64Array(4), 0)).toThrow(/n must be in 1\.\./);
    }
    const lu = luFactor(new Float64Array([2, 0, 0, 2]), 2);
    expect(() => luSolve(lu, new Float64Array(3))).toThrow(
      new RangeError('b must have length n = 2, got 3'),
    );
    expect(() => luSolve(lu, new Float64Array([1, Number.POSITIVE_INFINITY]))).toThrow(
      /b\[1\] must be finite/,
    );
    expect(() => luSolve({} as never, new Float64Array(2))).toThrow(TypeError);
  });
});
