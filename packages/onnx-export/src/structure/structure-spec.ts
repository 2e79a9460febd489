// The structure an exported model's output is read as, stored in the model's metadata so that a
// consumer (`sst infer`, a server) applies the right hard solver without knowing the model.
import { OnnxExportError } from '../builder/errors.js';

export type StructureSpec =
  /** Output [batch, n(n−1)/2] undirected edge scores, (i<j) row-major → Kruskal's max tree. */
  | { readonly name: 'spanning-tree'; readonly nodes: number }
  /**
   * Output [batch, m] scores → the k highest (ties: lower index). With `nodes`, the items are
   * the undirected edges of K_nodes in (i<j) row-major order (m = n(n−1)/2). Without `items`,
   * m is the output's last dimension, which varies (L2X: the words of a review).
   */
  | { readonly name: 'top-k'; readonly k: number; readonly items?: number; readonly nodes?: number }
  /**
   * Word scores [batch, m] and adjacent-pair scores [batch, m − 1] (m varies) → the best chain
   * selection of exactly k words (Viterbi with a count; ties: the earliest words), L2X's
   * correlated top-k.
   */
  | { readonly name: 'correlated-top-k'; readonly k: number }
  /**
   * Output [batch, n(n−1), types] logits per directed edge (receiver-major: edge e = (i, j),
   * receiver i, sender j, i ≠ j row-major) → argmax type per edge; type ≥ 1 is an edge.
   */
  | { readonly name: 'independent'; readonly nodes: number; readonly types: number }
  /**
   * Output [batch, length, length] arc scores (row = head, column = child) → the maximum
   * arborescence rooted at `root` (token 0) over each item's first lengths[b] tokens, lengths
   * being the model input named `lengthsInput` (Chu–Liu/Edmonds; 'multi': the root may head
   * several tokens, 'single': exactly one).
   */
  | {
      readonly name: 'arborescence';
      readonly root: 0;
      readonly rootMode: 'multi' | 'single';
      readonly lengthsInput: string;
    };

export type StructureName = StructureSpec['name'];

function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new OnnxExportError(`${what} must be an integer ≥ 1, got ${JSON.stringify(value)}`);
  return value;
}

function nonNegativeInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new OnnxExportError(`${what} must be an integer ≥ 0, got ${JSON.stringify(value)}`);
  return value;
}

/** Validates a structure read from metadata (JSON). */
export function parseStructure(value: unknown): StructureSpec {
  const v = value as Record<string, unknown> | null;
  if (v === null || typeof v !== 'object')
    throw new OnnxExportError(`structure must be an object, got ${JSON.stringify(value)}`);
  switch (v.name) {
    case 'spanning-tree': {
      const nodes = positiveInteger(v.nodes, 'structure.nodes');
      if (nodes < 2) throw new OnnxExportError(`structure.nodes must be ≥ 2, got ${nodes}`);
      return { name: 'spanning-tree', nodes };
    }
    case 'top-k': {
      if (v.items === undefined && v.nodes === undefined)
        return { name: 'top-k', k: nonNegativeInteger(v.k, 'structure.k') };
      const items = positiveInteger(v.items, 'structure.items');
      const k = v.k;
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > items)
        throw new OnnxExportError(
          `structure.k must be an integer in 0..${items}, got ${JSON.stringify(k)}`,
        );
      if (v.nodes === undefined) return { name: 'top-k', k, items };
      const nodes = positiveInteger(v.nodes, 'structure.nodes');
      if ((nodes * (nodes - 1)) / 2 !== items)
        throw new OnnxExportError(
          `structure.items must be n(n−1)/2 = ${(nodes * (nodes - 1)) / 2} for nodes ${nodes}, got ${items}`,
        );
      return { name: 'top-k', k, items, nodes };
    }
    case 'independent':
      return {
        name: 'independent',
        nodes: positiveInteger(v.nodes, 'structure.nodes'),
        types: positiveInteger(v.types, 'structure.types'),
      };
    case 'correlated-top-k':
      return { name: 'correlated-top-k', k: nonNegativeInteger(v.k, 'structure.k') };
    case 'arborescence': {
      if (v.root !== 0)
        throw new OnnxExportError(`structure.root must be 0, got ${JSON.stringify(v.root)}`);
      if (v.rootMode !== 'multi' && v.rootMode !== 'single')
        throw new OnnxExportError(
          `structure.rootMode must be multi or single, got ${JSON.stringify(v.rootMode)}`,
        );
      if (typeof v.lengthsInput !== 'string' || v.lengthsInput === '')
        throw new OnnxExportError(
          `structure.lengthsInput must name the model's lengths input, got ${JSON.stringify(v.lengthsInput)}`,
        );
      return { name: 'arborescence', root: 0, rootMode: v.rootMode, lengthsInput: v.lengthsInput };
    }
    default:
      throw new OnnxExportError(
        `structure.name must be spanning-tree, top-k, independent, correlated-top-k or arborescence, got ${JSON.stringify(v.name)}`,
      );
  }
}
