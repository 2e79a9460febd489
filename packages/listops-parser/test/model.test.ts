// The model's shapes, its padding invariance (an item's output and latent graph do not depend on
// what it is batched with), and finite gradients that reach the arc scorer through every latent.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  encodeBatch,
  evaluate,
  type GraphLatent,
  LATENTS,
  type ListOpsExample,
  ListOpsModel,
  latentGraph,
  parseTokens,
} from '../src/index.js';
import { FoldCache } from '../src/model/latent.js';

const example = (s: string): ListOpsExample => {
  const tokens = s.split(' ');
  return { label: evaluate(parseTokens(tokens)), tokens };
};
const SHORT = example('[MAX 2 [MIN 3 4 ] ]');
const LONG = example('[MED 1 [SM 4 5 [MAX 0 9 ] ] 7 [MIN 1 2 ] ]');
const TINY = example('[MIN 5 ]');
const GRAPH_LATENTS = LATENTS.filter((l) => l !== 'lstm') as GraphLatent[];

/** Constant uniforms: every noise entry the same, so noise cannot differ between batch shapes. */
class ConstantGenerator extends RandomGenerator {
  override uniforms(count: number): Float64Array {
    return new Float64Array(count).fill(0.3);
  }
}

const small = { embedding: 8, hidden: 8, width: 8, rounds: 3, seed: 4 };

describeEachBackend('ListOpsModel', () => {
  for (const latent of LATENTS) {
    it(`${latent}: logits [B, 10], graph [B, T, T] zero off the real arcs, no tensor leaks`, () => {
      const model = new ListOpsModel({ latent, ...small });
      const batch = encodeBatch([SHORT, LONG, TINY]);
      const mode = { training: true as const, generator: new RandomGenerator(1), temperature: 0.5 };
      // A first pass fills the model's constant caches (the spanning tree's fold matrices).
      const warm = model.forward(batch, mode);
      tf.dispose([warm.logits, warm.graph]);
      const before = tf.memory().numTensors;
      const out = model.forward(batch, mode);
      expect(out.logits.shape).toEqual([3, 10]);
      if (latent === 'lstm') expect(out.graph).toBeUndefined();
      else {
        const graph = out.graph as tf.Tensor3D;
        expect(graph.shape).toEqual([3, batch.steps, batch.steps]);
        const g = graph.arraySync();
        for (let b = 0; b < 3; b++) {
          const len = batch.lengths[b];
          for (let h = 0; h < batch.steps; h++)
            for (let c = 0; c < batch.steps; c++) {
              const real = h < len && c < len && h !== c && (c >= 1 || latent === 'spanning-tree');
              if (!real) expect(g[b][h][c]).toBe(0);
              expect(Number.isFinite(g[b][h][c])).toBe(true);
            }
          if (latent === 'arborescence') {
            // Each real child's incoming weights sum to 1 (a relaxed arborescence).
            for (let c = 1; c < len; c++) {
              const sum = g[b].reduce((s, row) => s + row[c], 0);
              expect(sum).toBeCloseTo(1, 4);
            }
          }
        }
      }
      tf.dispose([out.logits, out.graph]);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });

    it(`${latent}: padding does not change an item's output`, () => {
      const model = new ListOpsModel({ latent, ...small });
      for (const mode of [
        { training: false as const },
        { training: true as const, generator: new ConstantGenerator(0), temperature: 0.7 },
      ]) {
        const alone = model.forward(encodeBatch([SHORT]), mode);
        const padded = model.forward(encodeBatch([LONG, SHORT, TINY]), mode);
        const a = alone.logits.arraySync()[0];
        const p = padded.logits.arraySync()[1];
        for (let k = 0; k < 10; k++) expect(p[k]).toBeCloseTo(a[k], 4);
        if (alone.graph && padded.graph) {
          const ga = alone.graph.arraySync()[0];
          const gp = padded.graph.arraySync()[1];
          const n = SHORT.tokens.length;
          for (let h = 0; h < n; h++)
            for (let c = 0; c < n; c++) expect(gp[h][c]).toBeCloseTo(ga[h][c], 4);
        }
        tf.dispose([alone.logits, alone.graph, padded.logits, padded.graph]);
      }
      model.dispose();
    });

    it(`${latent}: gradients are finite and reach the ${latent === 'lstm' ? 'encoder' : 'arc scorer'}`, () => {
      const model = new ListOpsModel({ latent, ...small });
      const batch = encodeBatch([SHORT, LONG, TINY]);
      const context = {
        step: 0,
        totalSteps: 1,
        generator: new RandomGenerator(2),
        training: true as const,
      };
      const { value, grads } = tf.variableGrads(
        () => model.loss(batch, context) as tf.Scalar,
        model.params.trainable(),
      );
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      const names = Object.entries(model.variables);
      for (const [key, variable] of names) {
        const g = grads[variable.name];
        expect(g, key).toBeDefined();
        expect(
          g.dataSync().every((x) => Number.isFinite(x)),
          key,
        ).toBe(true);
      }
      const probe = latent === 'lstm' ? 'baseline.lstm.forward.weightsInput' : 'arcs.bilinear';
      const norm = tf.norm(grads[model.variables[probe].name]).dataSync()[0];
      expect(norm).toBeGreaterThan(0);
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
    });
  }

  it('the latent graphs ignore the scores of padded tokens exactly', () => {
    const folds = new FoldCache();
    const steps = 7;
    const len = 4;
    const random = new RandomGenerator(3);
    const full = Array.from({ length: steps * steps }, () => 4 * random.nextUniform() - 2);
    const cut = [];
    for (let h = 0; h < len; h++) for (let c = 0; c < len; c++) cut.push(full[h * steps + c]);
    for (const latent of GRAPH_LATENTS) {
      const mode = {
        training: true as const,
        generator: new ConstantGenerator(0),
        temperature: 0.5,
      };
      const padded = latentGraph(
        latent,
        tf.tensor3d(full, [1, steps, steps]),
        Int32Array.of(len),
        mode,
        folds,
      ).arraySync()[0];
      const alone = latentGraph(
        latent,
        tf.tensor3d(cut, [1, len, len]),
        Int32Array.of(len),
        mode,
        folds,
      ).arraySync()[0];
      for (let h = 0; h < steps; h++)
        for (let c = 0; c < steps; c++) {
          const expected = h < len && c < len ? alone[h][c] : 0;
          expect(padded[h][c], `${latent} ${h}→${c}`).toBeCloseTo(expected, 5);
        }
      if (latent === 'top-k') {
        // n − 1 arcs in total.
        expect(alone.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(len - 1, 4);
      }
    }
    folds.dispose();
  });

  it('rejects bad options', () => {
    expect(() => new ListOpsModel({ latent: 'tree' as never })).toThrow(/latent must be one of/);
    expect(() => new ListOpsModel({ latent: 'lstm', hidden: 0 })).toThrow(/hidden must be/);
    expect(() => new ListOpsModel({ latent: 'lstm', temperature: 0 })).toThrow(/temperature/);
    expect(() => encodeBatch([{ label: 3, tokens: ['3'] }])).toThrow(/≥ 2 tokens/);
  });
});
