// The NRI MLP encoder (packages/nri/src/model/encoder.ts) rebuilt op by op as an ONNX graph, in
// evaluation form: batch norm on its running statistics (folded into the next dense layer unless
// `foldBatchNorm: false`), no dropout or noise (the encoder has neither at inference).
//   trajectories [batch, T, n, D] → node features [batch, n, T·D]
//   → MLP1 → node→edge (gather senders, receivers; concat) → MLP2 (= skip)
//   → edge→node (mean of incoming edges, a constant [n, E] matmul) → MLP3 → node→edge
//   → concat [·, skip] → MLP4 → dense → directed logits [batch, E, types]
//   undirected latents: the average of both directions, [batch, n(n−1)/2] in (i<j) order.
// Activations are batch-major here (the tfjs model keeps node-major 2-D rows for wasm's matMul);
// the parity tests hold the two to 1e-4.
import { undirectedIndex } from '@sst-tricks/nri';
import type { GraphBuilder, OnnxValue } from '../builder/graph-builder.js';
import { GraphBuilder as Builder } from '../builder/graph-builder.js';
import { directedEdges } from '../structure/apply-structure.js';
import type { Weight, WeightSource } from '../weights.js';
import { requireWeight } from '../weights.js';
import type { Affine } from './affine.js';
import { batchNormAffine, concatAffine, foldIntoDense, identityAffine } from './affine.js';
import type { NriExportConfig } from './nri-config.js';

/** nri's MLP batch norm ε (PyTorch BatchNorm1d's default, as the reference). */
export const BATCH_NORM_EPSILON = 1e-5;
/** Logits per directed edge of the independent latent (NriModel uses 2: "no edge", "edge"). */
export const NRI_EDGE_TYPES = 2;
export const NRI_INPUT = 'trajectories';
export const NRI_OUTPUT = 'edge_logits';

export interface NriGraphOptions {
  /** Fold each batch norm into the following dense layer (default true; exact, see affine.ts). */
  foldBatchNorm?: boolean;
}

/** Features with a pending affine map (a batch norm not yet applied: value·scale + shift). */
interface Features {
  readonly value: OnnxValue;
  readonly affine: Affine | null;
}

/** Receivers and senders of the directed edges, receiver-major (NRI's order). */
function directedEdgeOrder(n: number): { receivers: number[]; senders: number[] } {
  const edges = directedEdges(n);
  return { receivers: edges.map((e) => e[0]), senders: edges.map((e) => e[1]) };
}

class NriEncoderGraph {
  readonly g: GraphBuilder = new Builder('nri_encoder');
  readonly edges: number;
  private readonly order: { receivers: number[]; senders: number[] };

  constructor(
    private readonly weights: WeightSource,
    private readonly config: NriExportConfig,
    private readonly fold: boolean,
  ) {
    this.edges = config.nodes * (config.nodes - 1);
    this.order = directedEdgeOrder(config.nodes);
  }

  build(): GraphBuilder {
    const { nodes: n, frames: t, features: d, hidden: h, latent } = this.config;
    const g = this.g;
    const x = g.input(
      NRI_INPUT,
      'float32',
      ['batch', t, n, d],
      `Trajectories [batch, frames=${t}, nodes=${n}, features=${d}] (float32), the NRI dataset layout: frame-major, then node, then (x, y).`,
    );
    const perNode = g.reshape(
      g.transpose(x, [0, 2, 1, 3], 'node_major'),
      ['batch', n, t * d],
      'node_features',
    );
    let f = this.mlp('encoder.mlp1', { value: perNode, affine: null }, t * d);
    f = this.mlp('encoder.mlp2', this.nodeToEdge(f, 'edges1'), 2 * h);
    const skip = f;
    f = this.mlp('encoder.mlp3', this.edgeToNode(f), h);
    const edges2 = this.nodeToEdge(f, 'edges2');
    f = this.mlp('encoder.mlp4', this.concat([edges2, skip], 'edges_skip'), 3 * h);
    const types = latent === 'independent' ? NRI_EDGE_TYPES : 1;
    const logits = this.dense('encoder.out', f, types);
    const e = this.edges;
    if (latent === 'independent') {
      const out = g.reshape(logits, ['batch', e, types], NRI_OUTPUT);
      g.output(
        out,
        `Edge-type logits [batch, ${e}, ${types}] per DIRECTED edge, receiver-major: edge k = (receiver i, sender j), i ≠ j, row-major; type 0 = no edge.`,
      );
    } else {
      const u = e / 2;
      const sym = new Float32Array(e * u);
      this.order.receivers.forEach((i, k) => {
        sym[k * u + undirectedIndex(i, this.order.senders[k], n)] = 0.5;
      });
      const flat = g.reshape(logits, ['batch', e], 'directed_logits');
      const out = g.matMul(flat, g.initializer('symmetrise', sym, [e, u]), NRI_OUTPUT);
      g.output(
        out,
        `Edge logits [batch, ${u}] per UNDIRECTED edge {i, j}, i < j row-major: (0,1), (0,2), …, (${n - 2},${n - 1}); the average of both directions' scores.`,
      );
    }
    return g;
  }

  private weight(name: string, shape: number[]): Weight {
    return requireWeight(this.weights, name, shape);
  }

  /** x·W + b, folding `f`'s pending affine into W and b. */
  private dense(name: string, f: Features, outputs: number): OnnxValue {
    const inputs = f.value.shape[f.value.shape.length - 1] as number;
    const w = this.weight(`${name}.weights`, [inputs, outputs]);
    const b = this.weight(`${name}.bias`, [outputs]);
    const g = this.g;
    let wValues = w.values;
    let bValues = b.values;
    let suffix = '';
    if (f.affine !== null) {
      ({ weights: wValues, bias: bValues } = foldIntoDense(f.affine, w, b));
      suffix = '.folded';
    }
    const product = g.matMul(
      f.value,
      g.initializer(`${name}.weights${suffix}`, wValues, [inputs, outputs]),
      `${name}/matmul`,
    );
    return g.add(
      product,
      g.initializer(`${name}.bias${suffix}`, bValues, [outputs]),
      `${name}/out`,
    );
  }

  /** fc1 → ELU → fc2 → ELU → batch norm (pending when folding). */
  private mlp(name: string, f: Features, inputs: number): Features {
    const g = this.g;
    const h = this.config.hidden;
    if ((f.value.shape[f.value.shape.length - 1] as number) !== inputs)
      throw new Error(`${name}: expected ${inputs} input features`); // a bug of ours, not bad input
    const a1 = g.elu(this.dense(`${name}.fc1`, f, h), 1, `${name}.fc1/elu`);
    const a2 = g.elu(
      this.dense(`${name}.fc2`, { value: a1, affine: null }, h),
      1,
      `${name}.fc2/elu`,
    );
    const affine = batchNormAffine(
      this.weight(`${name}.bn.gamma`, [h]),
      this.weight(`${name}.bn.beta`, [h]),
      this.weight(`${name}.bn.runningMean`, [h]),
      this.weight(`${name}.bn.runningVariance`, [h]),
      BATCH_NORM_EPSILON,
    );
    if (this.fold) return { value: a2, affine };
    const scaled = g.mul(
      a2,
      g.initializer(`${name}.bn.scale`, Float32Array.from(affine.scale), [h]),
      `${name}.bn/scale`,
    );
    const shifted = g.add(
      scaled,
      g.initializer(`${name}.bn.shift`, Float32Array.from(affine.shift), [h]),
      `${name}.bn/out`,
    );
    return { value: shifted, affine: null };
  }

  /** Node features [batch, n, F] → edge features [batch, E, 2F]: [sender, receiver]. */
  private nodeToEdge(f: Features, name: string): Features {
    const g = this.g;
    const s = g.gather(f.value, this.order.senders, 1, `${name}/senders`);
    const r = g.gather(f.value, this.order.receivers, 1, `${name}/receivers`);
    return {
      value: g.concat([s, r], 2, `${name}/concat`),
      affine: f.affine && concatAffine([f.affine, f.affine]),
    };
  }

  /** Edge features [batch, E, F] → node features [batch, n, F]: the mean over incoming edges. */
  private edgeToNode(f: Features): Features {
    const n = this.config.nodes;
    const e = this.edges;
    const mean = new Float32Array(n * e);
    this.order.receivers.forEach((i, k) => {
      mean[i * e + k] = 1 / (n - 1);
    });
    const g = this.g;
    const value = g.matMul(g.initializer('incoming_mean', mean, [n, e]), f.value, 'edge_to_node');
    return { value, affine: f.affine };
  }

  private concat(parts: readonly Features[], name: string): Features {
    const value = this.g.concat(
      parts.map((p) => p.value),
      2,
      name,
    );
    if (parts.every((p) => p.affine === null)) return { value, affine: null };
    const width = (p: Features) => p.value.shape[p.value.shape.length - 1] as number;
    return { value, affine: concatAffine(parts.map((p) => p.affine ?? identityAffine(width(p)))) };
  }
}

/** The NRI encoder graph for `config` with weights from `weights` (by checkpoint name). */
export function buildNriEncoderGraph(
  weights: WeightSource,
  config: NriExportConfig,
  options: NriGraphOptions = {},
): GraphBuilder {
  return new NriEncoderGraph(weights, config, options.foldBatchNorm ?? true).build();
}
