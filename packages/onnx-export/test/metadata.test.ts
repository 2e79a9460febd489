// Model metadata round trip and its errors; the hard structures against brute force.
import { describe, expect, it } from 'vitest';
import {
  applyStructure,
  decodeMetadata,
  type ExportMetadata,
  encodeMetadata,
  METADATA_KEYS,
  undirectedEdges,
} from '../src/index.js';

const META: ExportMetadata = {
  packageVersion: '0.1.0',
  modelKind: 'nri',
  latent: 'spanning-tree',
  structure: { name: 'spanning-tree', nodes: 4 },
  training: { hidden: 8, step: 10 },
};

describe('metadata', () => {
  it('round-trips', () => {
    expect(decodeMetadata(encodeMetadata(META), 'm.onnx')).toEqual(META);
  });

  it('names what is wrong', () => {
    const props = encodeMetadata(META);
    expect(() => decodeMetadata({}, 'm.onnx')).toThrow(
      /m.onnx: not an sst-tricks export \(metadata sst.format is null/,
    );
    expect(() => decodeMetadata({ ...props, [METADATA_KEYS.training]: '{' }, 'm.onnx')).toThrow(
      /metadata sst.training is not valid JSON/,
    );
    expect(() => decodeMetadata({ ...props, [METADATA_KEYS.modelKind]: '' }, 'm.onnx')).toThrow(
      /metadata sst.model_kind is missing/,
    );
    const badK = JSON.stringify({ name: 'top-k', k: 7, items: 6 });
    expect(() => decodeMetadata({ ...props, [METADATA_KEYS.structure]: badK }, 'm.onnx')).toThrow(
      /structure.k must be an integer in 0..6, got 7/,
    );
    const unknown = JSON.stringify({ name: 'permutation' });
    expect(() =>
      decodeMetadata({ ...props, [METADATA_KEYS.structure]: unknown }, 'm.onnx'),
    ).toThrow(/structure.name must be/);
  });
});

/** Every 3-edge subset of K_4 that connects all nodes, by brute force. */
function bruteForceMaxTree(scores: number[]): number[][] {
  const edges = undirectedEdges(4);
  let best: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let mask = 0; mask < 64; mask++) {
    const chosen = edges.map((_, e) => e).filter((e) => mask & (1 << e));
    if (chosen.length !== 3) continue;
    const reach = new Set([0]);
    for (let round = 0; round < 3; round++)
      for (const e of chosen) {
        const [i, j] = edges[e];
        if (reach.has(i) || reach.has(j)) reach.add(i).add(j);
      }
    const score = chosen.reduce((s, e) => s + scores[e], 0);
    if (reach.size === 4 && score > bestScore) [best, bestScore] = [chosen, score];
  }
  return best.map((e) => edges[e]);
}

describe('applyStructure', () => {
  const rows = [
    [0.7601073, -0.20460297, -0.4689217, -0.5127163, -1.9022679, 1.1506207],
    [3, -1, 0.5, 2.5, -2, 0.1],
  ];
  const flat = Float32Array.from(rows.flat());

  it('spanning tree: the maximum tree of each item (brute force over K_4)', () => {
    const out = applyStructure({ name: 'spanning-tree', nodes: 4 }, flat);
    expect(out.map((o) => (o.structure === 'spanning-tree' ? o.edges : []))).toEqual(
      rows.map(bruteForceMaxTree).map((e) => e.sort((a, b) => a[0] - b[0] || a[1] - b[1])),
    );
  });

  it('top-k: the k highest scores, as items and edges', () => {
    const out = applyStructure({ name: 'top-k', k: 3, items: 6, nodes: 4 }, flat);
    const sorted = rows.map((r) =>
      r
        .map((v, i) => [v, i])
        .sort((a, b) => b[0] - a[0])
        .slice(0, 3)
        .map((p) => p[1])
        .sort(),
    );
    expect(out.map((o) => (o.structure === 'top-k' ? o.selected : []))).toEqual(sorted);
    expect(out[0].edges).toEqual(sorted[0].map((e) => undirectedEdges(4)[e]));
  });

  it('independent: the argmax type per directed edge; type ≥ 1 edges as [sender, receiver]', () => {
    // n = 2: directed edges (receiver 0, sender 1), (receiver 1, sender 0); 2 types.
    const out = applyStructure(
      { name: 'independent', nodes: 2, types: 2 },
      Float32Array.from([0.2, 0.9, 1, -1]),
    );
    expect(out).toEqual([{ structure: 'independent', types: [1, 0], edges: [[1, 0]] }]);
  });

  it('rejects a ragged batch and non-finite scores', () => {
    expect(() => applyStructure({ name: 'spanning-tree', nodes: 4 }, new Float32Array(7))).toThrow(
      /7 values are not a whole number of spanning-tree items of 6/,
    );
    expect(() =>
      applyStructure(
        { name: 'spanning-tree', nodes: 4 },
        Float32Array.from([0, 1, Number.NaN, 0, 0, 0]),
      ),
    ).toThrow(/value 2 is NaN/);
  });
});
