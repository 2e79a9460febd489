// The model pages. Each exported encoder (ONNX, run by onnxruntime-web) plugs in here: `load`
// returns the page's interactive part, and the page mounts it. Until its model and exporter have
// landed an entry has no `load`, and its page says what will appear instead of failing.

export type ModelId = 'nri' | 'listops' | 'l2x';

import type { ModelDemo } from './model-demo';

export type { ModelDemo } from './model-demo';

interface ModelEntryBase {
  id: ModelId;
  title: string;
  /** One sentence: what the model does. */
  summary: string;
}

/** A model whose exported file the page runs. */
export interface AvailableModel extends ModelEntryBase {
  /** Loads the model (rejects with a readable error) and returns the page's interactive part. */
  load: () => Promise<ModelDemo>;
}

/** A model that does not exist yet: its page says why and what it will show. */
export interface MissingModel extends ModelEntryBase {
  /** What the page will show once the model is available. */
  willShow: string;
  /** Why it is not here yet. */
  missing: string;
  load?: undefined;
}

export type ModelEntry = AvailableModel | MissingModel;

export const MODELS: readonly ModelEntry[] = [
  {
    id: 'nri',
    title: 'Neural relational inference (NRI)',
    summary:
      'An encoder watches 10 nodes move as a force-directed layout (Fruchterman–Reingold) pulls them along the edges of a hidden spanning tree, and infers that tree (the SST paper’s graph-layout experiment).',
    // A separate chunk: onnxruntime-web is fetched only by this page.
    load: () => import('./nri/nri-demo').then((m) => m.loadNriDemo()),
  },
  {
    id: 'listops',
    title: 'ListOps: unsupervised parsing',
    summary:
      'A model computes the value of a prefix expression such as [MAX 2 [MIN 4 7 ] 0 ] through a latent arborescence over its tokens, learning to parse without parse supervision.',
    // A separate chunk: onnxruntime-web is fetched only by the model pages.
    load: () => import('./listops/listops-demo').then((m) => m.loadListOpsDemo()),
  },
  {
    id: 'l2x',
    title: 'L2X: learning to explain',
    summary:
      'An explainer picks the k words of a review that a rating predictor may see, through a latent (correlated) k-subset.',
    // A separate chunk: onnxruntime-web is fetched only by this page.
    load: () => import('./l2x/l2x-demo').then((m) => m.loadL2xDemo()),
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
