// What the playground shows for one state: the utilities U = θ + G, the hard sample (SMT,
// argmax over the structure at U) and the relaxed sample (SST, the E.F.-entropy marginals at
// U / t), each as one number per logit slot. Computed with the float64 solvers of sst-solvers
// directly — no tensors — which is what makes live updates cheap.
import {
  arborescenceMarginals,
  chuLiuEdmondsArgmax,
  correlatedKSubsetArgmax,
  correlatedKSubsetMarginals,
  hungarianArgmax,
  kruskalArgmax,
  kSubsetMarginals,
  oneHotArgmax,
  oneHotMarginals,
  sinkhorn,
  spanningTreeMarginals,
  topKArgmax,
} from '@sst-tricks/sst-solvers';
import {
  checkK,
  checkSize,
  type LogitSlot,
  logitSlots,
  type StructureId,
  type StructureSpec,
  structureSpec,
} from './structures';

export interface PlaygroundState {
  structure: StructureId;
  size: number;
  /** Subset size (k-subset, correlated k-subset only; ignored otherwise). */
  k: number;
  /** θ, one per logit slot. */
  logits: Float64Array;
  /** G, standard Gumbel, one per logit slot. */
  noise: Float64Array;
  temperature: number;
}

export interface PlaygroundView {
  spec: StructureSpec;
  size: number;
  k: number;
  slots: LogitSlot[];
  utilities: Float64Array;
  /** The SMT sample: 0/1 per slot. */
  hard: Float64Array;
  /** The SST sample: marginals in [0, 1] per slot. */
  relaxed: Float64Array;
}

export function playgroundView(state: PlaygroundState): PlaygroundView {
  const spec = structureSpec(state.structure);
  checkSize(spec, state.size);
  checkK(spec, state.size, state.k);
  const t = state.temperature;
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0)
    throw new RangeError(`temperature must be a finite number > 0, got ${t}`);
  const slots = logitSlots(spec.id, state.size);
  for (const [name, values] of [
    ['logits', state.logits],
    ['noise', state.noise],
  ] as const) {
    if (values.length !== slots.length)
      throw new RangeError(
        `${name} must have ${slots.length} entries for a ${spec.id} of size ${state.size}, got ${values.length}`,
      );
  }
  const utilities = new Float64Array(slots.length);
  for (let i = 0; i < slots.length; i++) utilities[i] = state.logits[i] + state.noise[i];
  const { hard, relaxed } = solve(spec.id, state.size, state.k, utilities, slots, t);
  return { spec, size: state.size, k: state.k, slots, utilities, hard, relaxed };
}

function solve(
  id: StructureId,
  n: number,
  k: number,
  u: Float64Array,
  slots: LogitSlot[],
  temperature: number,
): { hard: Float64Array; relaxed: Float64Array } {
  if (id === 'one-hot')
    return { hard: oneHotArgmax(u, n), relaxed: oneHotMarginals(u, n, { temperature }).marginals };
  if (id === 'k-subset')
    return {
      hard: topKArgmax(u, n, k),
      relaxed: kSubsetMarginals(u, n, k, { temperature }).marginals,
    };
  if (id === 'correlated-k-subset') {
    const word = u.subarray(0, n);
    const pair = u.subarray(n);
    const hard = correlatedKSubsetArgmax(word, pair, n, k);
    const relaxed = correlatedKSubsetMarginals(word, pair, n, k, { temperature });
    return { hard: concat(hard.word, hard.pair), relaxed: concat(relaxed.word, relaxed.pair) };
  }
  if (id === 'spanning-tree')
    return {
      hard: kruskalArgmax(u, n),
      relaxed: spanningTreeMarginals(u, n, { temperature }).marginals,
    };
  // Arborescences and permutations take n×n matrices; the slots say which entries are logits.
  const scores = new Float64Array(n * n);
  slots.forEach((slot, i) => {
    scores[slot.row * n + slot.column] = u[i];
  });
  const pick = (matrix: Float64Array) =>
    Float64Array.from(slots, (s) => matrix[s.row * n + s.column]);
  if (id === 'arborescence')
    return {
      hard: pick(chuLiuEdmondsArgmax(scores, n)),
      relaxed: pick(arborescenceMarginals(scores, n, { temperature }).marginals),
    };
  return {
    hard: pick(hungarianArgmax(scores, n)),
    relaxed: pick(sinkhorn(scores, n, { temperature }).marginals),
  };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
