// The NRI page's model file and its card (written by build/make-nri-model.mjs next to it). Both
// are build assets: Vite hashes the .onnx into dist/assets/ (so the offline service worker
// precaches it) and inlines the card.
import cardJson from '../../../model-files/nri-spanning-tree.json';
import modelUrl from '../../../model-files/nri-spanning-tree.onnx?url';

export interface NriModelCard {
  file: string;
  bytes: number;
  sha256: string;
  model: { kind: string; latent: string; structure: { name: string; nodes: number } };
  input: { name: string; frames: number; nodes: number; features: number };
  output: { name: string };
  commands: string[];
  precision: {
    validation: { value: number; what: string };
    test: { value: number; what: string; items: number };
  };
}

export const NRI_MODEL_URL: string = modelUrl;
export const NRI_MODEL_CARD: NriModelCard = cardJson;
