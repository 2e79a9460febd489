// The L2X page's two model files and their card (written by build/make-l2x-model.mjs next to
// them). Build assets: Vite hashes the .onnx files into dist/assets/ (precached offline) and
// inlines the card.
import cardJson from '../../../model-files/l2x-aroma.json';
import explainerUrl from '../../../model-files/l2x-aroma.onnx?url';
import predictorUrl from '../../../model-files/l2x-aroma-predictor.onnx?url';

interface ModelFile {
  file: string;
  bytes: number;
  sha256: string;
}

export interface L2xModelCard {
  explainer: ModelFile;
  predictor: ModelFile;
  model: { kind: string; latent: string; structure: { name: string; k: number } };
  aspect: string;
  k: number;
  maxLength: number;
  /** The words of the token ids, in id order (0 <pad>, 1 <unk>). */
  vocabulary: string[];
  commands: string[];
  metrics: { mse: number; precision: number; what: string };
  example: { text: string; tokens: string[]; selected: number[]; rating: number; what: string };
}

export const L2X_EXPLAINER_URL: string = explainerUrl;
export const L2X_PREDICTOR_URL: string = predictorUrl;
export const L2X_MODEL_CARD: L2xModelCard = cardJson;
