// Shapes with symbolic dimensions: a dimension is a positive integer or a name ("batch"), and two
// named dimensions are equal only when their names are. These are the rules the builder and the
// checker infer output shapes with.
import { OnnxExportError } from './errors.js';

export type Dim = number | string;
export type Shape = readonly Dim[];

const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function checkDim(dim: Dim, what: string): void {
  if (typeof dim === 'number') {
    if (!Number.isInteger(dim) || dim < 1)
      throw new OnnxExportError(`${what}: a dimension must be an integer ≥ 1, got ${dim}`);
  } else if (typeof dim !== 'string' || !SYMBOL.test(dim)) {
    throw new OnnxExportError(
      `${what}: a symbolic dimension must be an identifier, got ${JSON.stringify(dim)}`,
    );
  }
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Numpy broadcasting of two shapes (ONNX's multidirectional broadcasting). */
export function broadcastShapes(a: Shape, b: Shape, what: string): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da === db || db === 1) out.push(da);
    else if (da === 1) out.push(db);
    else
      throw new OnnxExportError(
        `${what}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast`,
      );
  }
  return out;
}

/** Numpy matmul: [..., m, k] × [..., k, n] → [..., m, n] with broadcast leading dimensions. */
export function matMulShape(a: Shape, b: Shape, what: string): Dim[] {
  if (a.length < 2 || b.length < 2)
    throw new OnnxExportError(
      `${what}: MatMul needs rank ≥ 2 operands here, got ${formatShape(a)} and ${formatShape(b)}`,
    );
  const k = a[a.length - 1];
  if (k !== b[b.length - 2])
    throw new OnnxExportError(
      `${what}: MatMul inner dimensions differ: ${formatShape(a)} × ${formatShape(b)}`,
    );
  const lead = broadcastShapes(a.slice(0, -2), b.slice(0, -2), what);
  return [...lead, a[a.length - 2], b[b.length - 1]];
}

/** Splits a shape into the product of its numeric dims and the sorted list of its symbols. */
export function shapeFactors(shape: Shape): { known: number; symbols: string[] } {
  let known = 1;
  const symbols: string[] = [];
  for (const d of shape) {
    if (typeof d === 'number') known *= d;
    else symbols.push(d);
  }
  return { known, symbols: symbols.sort() };
}

export function normaliseAxis(axis: number, rank: number, what: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
    throw new OnnxExportError(`${what}: axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}
