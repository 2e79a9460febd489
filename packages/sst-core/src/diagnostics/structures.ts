// The small structures the gradient diagnostics handle, described as matroids: each structure's
// SMT sample argmax_{x∈𝒳} ⟨U, x⟩ is the greedy basis of its matroid, so it depends only on the
// order of the coordinates of U. That is what makes an exact reference gradient possible
// (see exact-gradient.ts).

/** One choice among m items (rank-1 uniform matroid). */
export interface OneHotStructure {
  kind: 'one-hot';
  m: number;
}

/** k of m items (rank-k uniform matroid). */
export interface KSubsetStructure {
  kind: 'k-subset';
  m: number;
  k: number;
}

/** A spanning tree of K_n, edges in (i<j) row-major order (graphic matroid). */
export interface SpanningTreeStructure {
  kind: 'spanning-tree';
  n: number;
}

export type DiagnosticStructure = OneHotStructure | KSubsetStructure | SpanningTreeStructure;
export type StructureKind = DiagnosticStructure['kind'];

export const STRUCTURE_KINDS: readonly StructureKind[] = ['one-hot', 'k-subset', 'spanning-tree'];

/**
 * Size limits: the exact reference enumerates every greedy order of a basis, so it grows like
 * (number of bases) × rank!; these bounds keep it well under a second.
 */
const MAX_ITEMS = 12;
const MAX_TREE_NODES = 6;

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  return typeof value;
}

function checkInt(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${name} must be an integer, got ${describe(value)}`);
  if (value < min || value > max)
    throw new RangeError(`${name} must be in ${min}..${max}, got ${value}`);
  return value;
}

/** Validates a structure description; throws TypeError/RangeError naming the field. */
export function checkStructure(structure: unknown): DiagnosticStructure {
  if (typeof structure !== 'object' || structure === null)
    throw new TypeError(`structure must be an object, got ${describe(structure)}`);
  const s = structure as Record<string, unknown>;
  switch (s.kind) {
    case 'one-hot':
      return { kind: 'one-hot', m: checkInt('structure.m', s.m, 2, MAX_ITEMS) };
    case 'k-subset': {
      const m = checkInt('structure.m', s.m, 2, MAX_ITEMS);
      return { kind: 'k-subset', m, k: checkInt('structure.k', s.k, 1, m - 1) };
    }
    case 'spanning-tree':
      return { kind: 'spanning-tree', n: checkInt('structure.n', s.n, 3, MAX_TREE_NODES) };
    default:
      throw new RangeError(
        `structure.kind must be one of ${STRUCTURE_KINDS.join(', ')}, got ${describe(s.kind)}`,
      );
  }
}

/** Length d of the utility / sample vector. */
export function structureDimension(structure: DiagnosticStructure): number {
  return structure.kind === 'spanning-tree' ? (structure.n * (structure.n - 1)) / 2 : structure.m;
}

/** Size of every basis (the matroid's rank): 1, k, or n − 1. */
export function structureRank(structure: DiagnosticStructure): number {
  if (structure.kind === 'one-hot') return 1;
  if (structure.kind === 'k-subset') return structure.k;
  return structure.n - 1;
}

/** Human-readable name, e.g. "k-subset (m = 5, k = 2)". */
export function structureLabel(structure: DiagnosticStructure): string {
  if (structure.kind === 'one-hot') return `one-hot (m = ${structure.m})`;
  if (structure.kind === 'k-subset') return `k-subset (m = ${structure.m}, k = ${structure.k})`;
  return `spanning-tree (n = ${structure.n})`;
}

/**
 * Returns `spanned(accepted)`: given the items accepted so far (greedy order), which items can no
 * longer be added (they are accepted already, or would break independence). Uniform matroids span
 * nothing until full; the graphic matroid spans every edge inside a connected component.
 */
export function spanOracle(
  structure: DiagnosticStructure,
): (accepted: readonly number[]) => Uint8Array {
  const d = structureDimension(structure);
  const rank = structureRank(structure);
  if (structure.kind !== 'spanning-tree') {
    return (accepted) => {
      const out = new Uint8Array(d);
      if (accepted.length >= rank) out.fill(1);
      else for (const e of accepted) out[e] = 1;
      return out;
    };
  }
  const n = structure.n;
  const ends: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) ends.push([i, j]);
  return (accepted) => {
    const component = Array.from({ length: n }, (_, i) => i);
    const find = (v: number): number => {
      while (component[v] !== v) v = component[v];
      return v;
    };
    for (const e of accepted) component[find(ends[e][0])] = find(ends[e][1]);
    const out = new Uint8Array(d);
    for (let e = 0; e < d; e++) out[e] = find(ends[e][0]) === find(ends[e][1]) ? 1 : 0;
    return out;
  };
}
