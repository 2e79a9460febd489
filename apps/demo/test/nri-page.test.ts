// The NRI page's parts in Node: its trajectory is the CLI's dataset sample, its tree is the
// maximum spanning tree (brute-force enumeration), the layout keeps the geometry, and the
// committed model is the file its card describes, with the precision the card claims.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDatasetBatches, writeDataset } from '@sst-tricks/nri';
import { decodeModel, readModelMetadata } from '@sst-tricks/onnx-export';
import { openSession } from '@sst-tricks/onnx-export/parity';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { enumerateSpanningTrees } from '@sst-tricks/sst-solvers/testing';
import { describe, expect, it } from 'vitest';
import card from '../model-files/nri-spanning-tree.json';
import { layoutPoints } from '../src/models/nri/layout-box';
import { DEFAULT_CHOICE, nriSample, sampleChoiceFromQuery } from '../src/models/nri/sample';
import { edgePrecision, inferTree, treeEdges } from '../src/models/nri/tree-result';

const modelBytes = new Uint8Array(
  readFileSync(join(import.meta.dirname, '..', 'model-files', card.file)),
);

describe('nriSample', () => {
  it('is sample i of the test split that `sst data nri` writes (read back from the file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-nri-'));
    try {
      const { path } = await writeDataset(join(dir, 'test.bin'), {
        kind: 'graph-layout',
        split: 'test',
        seed: 11,
        count: 4,
        params: { nodes: 10, frames: 10 },
      });
      let index = 0;
      for await (const batch of readDatasetBatches(path, 4)) {
        for (let b = 0; b < batch.count; b++, index++) {
          const sample = nriSample(11, index, 10, 10);
          const size = 10 * 10 * 2;
          expect(sample.trajectories).toEqual(
            batch.trajectories.subarray(b * size, (b + 1) * size),
          );
          expect(Array.from(sample.trueTree)).toEqual(
            Array.from(batch.edges.subarray(b * 45, (b + 1) * 45)),
          );
        }
      }
      expect(index).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads seed and sample from the query, naming a bad value', () => {
    expect(sampleChoiceFromQuery('')).toEqual(DEFAULT_CHOICE);
    expect(sampleChoiceFromQuery('?seed=42&sample=7')).toEqual({ seed: 42, index: 7 });
    expect(() => sampleChoiceFromQuery('seed=-1')).toThrow(/seed parameter .* got "-1"/);
    expect(() => sampleChoiceFromQuery('sample=1.5')).toThrow(/sample parameter .* got "1.5"/);
    expect(() => sampleChoiceFromQuery('seed=')).toThrow(RangeError);
  });
});

describe('inferTree', () => {
  it('is the maximum spanning tree by brute-force enumeration (n = 5, random logits)', () => {
    const random = new RandomGenerator(5);
    for (let round = 0; round < 20; round++) {
      const logits = Float32Array.from(random.uniforms(10), (u) => 4 * u - 2);
      const { tree, edges } = inferTree(logits, 5);
      expect(Array.from(tree)).toEqual(
        Array.from(enumerateSpanningTrees(Float64Array.from(logits), 5).argmax),
      );
      expect(edges).toEqual(treeEdges(tree, 5));
      expect(edges).toHaveLength(4);
    }
  });

  it('rejects a wrong count or a non-finite logit, naming it', () => {
    expect(() => inferTree(new Float32Array(9), 5)).toThrow(/10 edge scores for n = 5, got 9/);
    expect(() => inferTree([0, 1, 2, Number.NaN, 0, 0, 0, 0, 0, 0], 5)).toThrow(
      /logits\[3\] .* NaN/,
    );
  });
});

describe('edgePrecision', () => {
  it('is the share of inferred edges that are true', () => {
    expect(edgePrecision([1, 1, 0, 1, 0, 0], [1, 0, 1, 1, 0, 0])).toBeCloseTo(2 / 3, 15);
    expect(edgePrecision([1, 1, 1], [1, 1, 1])).toBe(1);
    expect(() => edgePrecision([1, 0], [1])).toThrow(/same edge count, got 2 and 1/);
    expect(() => edgePrecision([0, 0], [1, 0])).toThrow(/no edges/);
  });
});

describe('layoutPoints', () => {
  it('fits every frame in the box, keeps distance ratios and flips y', () => {
    const { trajectories } = nriSample(2, 0, 10, 10);
    const points = layoutPoints(trajectories, 10, 10, 300, 20);
    const flat = points.flat();
    for (const p of flat) {
      expect(p.x).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(p.x).toBeLessThanOrEqual(280 + 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(p.y).toBeLessThanOrEqual(280 + 1e-9);
    }
    const data = (t: number, i: number) => [
      trajectories[(t * 10 + i) * 2],
      trajectories[(t * 10 + i) * 2 + 1],
    ];
    const [a, b, c] = [data(0, 0), data(9, 3), data(4, 7)];
    const [pa, pb, pc] = [points[0][0], points[9][3], points[4][7]];
    const ratio = (pb.x - pa.x) / (b[0] - a[0]);
    expect((pc.x - pa.x) / (c[0] - a[0])).toBeCloseTo(ratio, 6);
    expect((pc.y - pa.y) / (c[1] - a[1])).toBeCloseTo(-ratio, 6);
    expect(() => layoutPoints(trajectories, 10, 9, 300, 20)).toThrow(/10×9×2 coordinates, got 200/);
  });
});

describe('the committed NRI model', () => {
  it('is the file its card describes: size, SHA-256, metadata, input and output', () => {
    expect(modelBytes.length).toBe(card.bytes);
    expect(createHash('sha256').update(modelBytes).digest('hex')).toBe(card.sha256);
    expect(modelBytes.length).toBeLessThan(1 << 20);
    const metadata = readModelMetadata(modelBytes, card.file);
    expect(metadata.modelKind).toBe(card.model.kind);
    expect(metadata.latent).toBe(card.model.latent);
    expect(metadata.structure).toEqual(card.model.structure);
    const graph = decodeModel(modelBytes, card.file).graph;
    expect(graph?.input?.map((v) => v.name)).toEqual([card.input.name]);
    expect(graph?.output?.map((v) => v.name)).toEqual([card.output.name]);
    const dims = graph?.input?.[0].type?.tensorType?.shape?.dim?.map((d) => Number(d.dimValue));
    expect(dims?.slice(1)).toEqual([card.input.frames, card.input.nodes, card.input.features]);
  });

  it('has the test precision its card claims (onnxruntime-node, the page’s own tree reader)', async () => {
    const session = await openSession('node', modelBytes);
    try {
      const { frames, nodes, features } = card.input;
      let right = 0;
      const items = card.precision.test.items;
      const size = frames * nodes * features;
      const samples = Array.from({ length: items }, (_, i) => nriSample(1, i, nodes, frames));
      const data = new Float32Array(items * size);
      samples.forEach((s, i) => {
        data.set(s.trajectories, i * size);
      });
      const out = await session.run({
        [card.input.name]: { data, dims: [items, frames, nodes, features] },
      });
      const logits = out[card.output.name].data;
      samples.forEach((s, i) => {
        const { tree } = inferTree(logits.subarray(i * 45, (i + 1) * 45), nodes);
        right += edgePrecision(tree, s.trueTree) * (nodes - 1);
      });
      expect(right / (items * (nodes - 1))).toBeCloseTo(card.precision.test.value, 12);
      expect(card.precision.test.value).toBeGreaterThan(0.8);
    } finally {
      await session.release();
    }
  });
});
