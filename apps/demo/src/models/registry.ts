// The model pages. Each exported encoder (ONNX, run by onnxruntime-web) plugs in here: set
// `load` to a function returning the page's interactive part, and the page mounts it. Until its
// exporter has landed an entry has no `load`, and its page says what will appear instead of failing.

export type ModelId = 'nri' | 'listops' | 'l2x';

/** What a model page mounts once its exported model exists. */
export interface ModelDemo {
  /** Builds the interactive part into `root`; rejects with a readable error if the model fails to load. */
  mount(root: HTMLElement): Promise<void>;
}

export interface ModelEntry {
  id: ModelId;
  title: string;
  /** One sentence: what the model does. */
  summary: string;
  /** What the page will show once the model is available. */
  willShow: string;
  /** Why it is not here yet, when it is not. */
  missing: string;
  load?: () => Promise<ModelDemo>;
}

export const MODELS: readonly ModelEntry[] = [
  {
    id: 'nri',
    title: 'Neural relational inference (NRI)',
    summary:
      'An encoder reads the trajectories of 10 interacting particles and infers the spanning tree of springs that moved them (the SST paper’s graph-layout experiment).',
    willShow:
      'A generated trajectory animates, and the tree the exported encoder infers (Kruskal on its edge logits) is drawn against the true one, with its edge precision.',
    missing:
      'The ONNX exporter for the NRI encoder (`sst export`, the issue “ONNX export of trained encoders”) has not landed yet, so there is no model file to run.',
  },
  {
    id: 'listops',
    title: 'ListOps: unsupervised parsing',
    summary:
      'A model computes the value of a prefix expression such as [MAX 2 [MIN 4 7 ] 0 ] through a latent arborescence over its tokens, learning to parse without parse supervision.',
    willShow: 'Type an expression and see the predicted value and the parse tree the model infers.',
    missing: 'The ListOps model (packages/listops-parser) and its exporter do not exist yet.',
  },
  {
    id: 'l2x',
    title: 'L2X: learning to explain',
    summary:
      'An explainer picks the k words of a review that a rating predictor may see, through a latent (correlated) k-subset.',
    willShow:
      'Type or paste a review and see the selected words highlighted and the predicted rating.',
    missing: 'The L2X model (packages/l2x) and its exporter do not exist yet.',
  },
];

export function modelEntry(id: string): ModelEntry {
  const entry = MODELS.find((m) => m.id === id);
  if (entry === undefined)
    throw new RangeError(
      `model must be one of ${MODELS.map((m) => m.id).join(', ')}, got ${JSON.stringify(id)}`,
    );
  return entry;
}
