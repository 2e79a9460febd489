// The six structures of the playground: their sizes, how many logits each takes, and how each is
// drawn. Pure data, no DOM: the view model and the controls both read it.

export type StructureId =
  | 'one-hot'
  | 'k-subset'
  | 'correlated-k-subset'
  | 'spanning-tree'
  | 'arborescence'
  | 'permutation';

/** How a structure is drawn: node-link diagram, bars over items, or an n×n matrix. */
export type Drawing = 'graph' | 'bars' | 'matrix';

export interface StructureSpec {
  id: StructureId;
  label: string;
  drawing: Drawing;
  /** What `size` counts ("items", "nodes"), with its range and default. */
  sizeName: string;
  minSize: number;
  maxSize: number;
  defaultSize: number;
  /** Only the subset structures take k (1..size−1). */
  hasK: boolean;
}

export const STRUCTURES: readonly StructureSpec[] = [
  {
    id: 'one-hot',
    label: 'One-hot',
    drawing: 'bars',
    sizeName: 'items',
    minSize: 2,
    maxSize: 16,
    defaultSize: 6,
    hasK: false,
  },
  {
    id: 'k-subset',
    label: 'k-subset',
    drawing: 'bars',
    sizeName: 'items',
    minSize: 2,
    maxSize: 16,
    defaultSize: 8,
    hasK: true,
  },
  {
    id: 'correlated-k-subset',
    label: 'Correlated k-subset',
    drawing: 'bars',
    sizeName: 'items',
    minSize: 2,
    maxSize: 16,
    defaultSize: 10,
    hasK: true,
  },
  {
    id: 'spanning-tree',
    label: 'Spanning tree',
    drawing: 'graph',
    sizeName: 'nodes',
    minSize: 3,
    maxSize: 12,
    defaultSize: 10,
    hasK: false,
  },
  {
    id: 'arborescence',
    label: 'Arborescence (root 0)',
    drawing: 'graph',
    sizeName: 'nodes',
    minSize: 3,
    maxSize: 10,
    defaultSize: 6,
    hasK: false,
  },
  {
    id: 'permutation',
    label: 'Permutation',
    drawing: 'matrix',
    sizeName: 'items',
    minSize: 2,
    maxSize: 10,
    defaultSize: 5,
    hasK: false,
  },
];

export function structureSpec(id: StructureId): StructureSpec {
  const spec = STRUCTURES.find((s) => s.id === id);
  if (spec === undefined)
    throw new RangeError(
      `structure must be one of ${STRUCTURES.map((s) => s.id).join(', ')}, got ${JSON.stringify(id)}`,
    );
  return spec;
}

/** One editable logit: its label and where it sits in the structure's flat logits vector. */
export interface LogitSlot {
  label: string;
  /** For graphs and matrices: the (row, column) or (i, j) it belongs to; −1 otherwise. */
  row: number;
  column: number;
}

/**
 * The logits a structure of this size takes, in the solvers' layouts: m items; correlated
 * k-subsets m word logits then m−1 pair logits; trees the edges (i<j) row-major; arborescences
 * the arcs h→m (m ≥ 1, h ≠ m) of the n×n score matrix; permutations all n×n entries.
 */
export function logitSlots(id: StructureId, size: number): LogitSlot[] {
  const slots: LogitSlot[] = [];
  if (id === 'one-hot' || id === 'k-subset') {
    for (let i = 0; i < size; i++) slots.push({ label: `item ${i}`, row: i, column: -1 });
  } else if (id === 'correlated-k-subset') {
    for (let i = 0; i < size; i++) slots.push({ label: `item ${i}`, row: i, column: -1 });
    for (let i = 0; i + 1 < size; i++)
      slots.push({ label: `pair ${i}–${i + 1}`, row: i, column: i + 1 });
  } else if (id === 'spanning-tree') {
    for (let i = 0; i < size; i++)
      for (let j = i + 1; j < size; j++) slots.push({ label: `edge ${i}–${j}`, row: i, column: j });
  } else if (id === 'arborescence') {
    for (let h = 0; h < size; h++)
      for (let m = 1; m < size; m++)
        if (h !== m) slots.push({ label: `arc ${h}→${m}`, row: h, column: m });
  } else {
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) slots.push({ label: `${r}→${c}`, row: r, column: c });
  }
  return slots;
}

export function checkSize(spec: StructureSpec, size: number): void {
  if (!Number.isInteger(size) || size < spec.minSize || size > spec.maxSize)
    throw new RangeError(
      `size of a ${spec.id} must be an integer in ${spec.minSize}..${spec.maxSize}, got ${size}`,
    );
}

export function checkK(spec: StructureSpec, size: number, k: number): void {
  if (!spec.hasK) return;
  if (!Number.isInteger(k) || k < 1 || k > size - 1)
    throw new RangeError(
      `k of a ${spec.id} over ${size} items must be an integer in 1..${size - 1}, got ${k}`,
    );
}
