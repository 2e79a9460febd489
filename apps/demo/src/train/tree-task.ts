// The task trained in the page: recover a hidden spanning tree of K_n from one noisy observation
// of its edge indicators by fitting edge logits θ so that the mean of S relaxed SST samples
// matches the observation (sst-core's README example, as a step-by-step object a worker can drive).
// Gradients reach θ through the matrix-tree marginals' exact VJP.
import {
  hardSpanningTree,
  RandomGenerator,
  SpanningTreeDistribution,
  sampleGumbel,
} from '@sst-tricks/sst-core';
import { edgeCount } from '@sst-tricks/sst-solvers';
import * as tf from '@tensorflow/tfjs-core';

export interface TreeTaskOptions {
  nodes: number;
  samplesPerStep: number;
  temperature: number;
  learningRate: number;
  /** Standard deviation of the Gaussian observation noise. */
  noise: number;
  seed: number;
}

export const DEFAULT_TREE_TASK: TreeTaskOptions = {
  nodes: 7,
  samplesPerStep: 8,
  temperature: 0.5,
  learningRate: 0.1,
  noise: 0.2,
  seed: 7,
};

export interface TreeTaskStep {
  step: number;
  loss: number;
  /** Kruskal's tree on the current θ, 0/1 per edge (i<j) row-major. */
  tree: Float64Array;
  /** How many of its n − 1 edges are edges of the hidden tree. */
  correctEdges: number;
}

export class TreeTask {
  readonly options: TreeTaskOptions;
  readonly hidden: Float64Array;
  private readonly observed: tf.Tensor;
  private readonly theta: tf.Variable;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly generator: RandomGenerator;
  private steps = 0;

  constructor(options: Partial<TreeTaskOptions> = {}) {
    const o = { ...DEFAULT_TREE_TASK, ...options };
    if (!Number.isInteger(o.nodes) || o.nodes < 3 || o.nodes > 12)
      throw new RangeError(`TreeTask: nodes must be an integer in 3..12, got ${o.nodes}`);
    if (!Number.isInteger(o.samplesPerStep) || o.samplesPerStep < 1)
      throw new RangeError(
        `TreeTask: samplesPerStep must be a positive integer, got ${o.samplesPerStep}`,
      );
    for (const name of ['temperature', 'learningRate'] as const)
      if (!(o[name] > 0) || !Number.isFinite(o[name]))
        throw new RangeError(`TreeTask: ${name} must be a finite number > 0, got ${o[name]}`);
    if (!(o.noise >= 0) || !Number.isFinite(o.noise))
      throw new RangeError(`TreeTask: noise must be a finite number ≥ 0, got ${o.noise}`);
    this.options = o;
    this.generator = new RandomGenerator(o.seed);
    const edges = edgeCount(o.nodes);
    const tree = tf.tidy(() =>
      hardSpanningTree(sampleGumbel([1, edges], this.generator), { n: o.nodes }),
    );
    this.hidden = Float64Array.from(tree.dataSync());
    // Observation noise from the same seeded generator (Box–Muller on its uniforms).
    const u = this.generator.uniforms(2 * edges);
    const gauss = Float32Array.from(
      { length: edges },
      (_, i) =>
        Math.sqrt(-2 * Math.log(Math.max(u[2 * i], 1e-300))) * Math.cos(2 * Math.PI * u[2 * i + 1]),
    );
    this.observed = tf.tidy(() => tf.add(tree, tf.mul(tf.tensor2d(gauss, [1, edges]), o.noise)));
    tree.dispose();
    const start = tf.zeros([1, edges]);
    this.theta = tf.variable(start); // the variable keeps its own reference to the data
    start.dispose();
    this.optimizer = tf.train.adam(o.learningRate);
  }

  /** One Adam step on the SST loss; returns the loss and Kruskal's tree on θ after the step. */
  step(): TreeTaskStep {
    const { nodes, samplesPerStep, temperature } = this.options;
    const edges = edgeCount(nodes);
    const cost = this.optimizer.minimize(() => {
      const logits = tf.broadcastTo(this.theta, [samplesPerStep, edges]);
      const { relaxed } = new SpanningTreeDistribution(logits, { n: nodes, temperature }).sample(
        this.generator,
      );
      return tf.sum(tf.squaredDifference(tf.mean(relaxed, 0, true), this.observed)) as tf.Scalar;
    }, true) as tf.Scalar;
    const loss = cost.dataSync()[0];
    cost.dispose();
    const hard = tf.tidy(() => hardSpanningTree(this.theta, { n: nodes }));
    const tree = Float64Array.from(hard.dataSync());
    hard.dispose();
    let correctEdges = 0;
    for (let e = 0; e < edges; e++) if (tree[e] === 1 && this.hidden[e] === 1) correctEdges++;
    this.steps++;
    return { step: this.steps, loss, tree, correctEdges };
  }

  dispose(): void {
    this.observed.dispose();
    this.theta.dispose();
    this.optimizer.dispose();
  }
}
