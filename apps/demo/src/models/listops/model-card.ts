// The ListOps page's two model files and their card (written by build/make-listops-model.mjs
// next to them): build assets, as the NRI page's (Vite hashes the .onnx files into dist/assets/,
// so the offline service worker precaches them, and inlines the card).
import cardJson from '../../../model-files/listops-arborescence.json';
import scorerUrl from '../../../model-files/listops-arborescence.onnx?url';
import valueUrl from '../../../model-files/listops-arborescence-value.onnx?url';

interface ModelFileCard {
  file: string;
  bytes: number;
  sha256: string;
  inputs: string[];
  output: string;
}

export interface ListOpsModelCard {
  scorer: ModelFileCard & { structure: { name: string; root: number; rootMode: string } };
  value: ModelFileCard;
  /** Token of each id (id 0 = padding). */
  vocabulary: string[];
  commands: string[];
  test: {
    step: number;
    metrics: { accuracy: number; arcPrecision: number; arcRecall: number; exactParse: number };
    items: number;
    what: string;
  };
}

export const LISTOPS_SCORER_URL: string = scorerUrl;
export const LISTOPS_VALUE_URL: string = valueUrl;
export const LISTOPS_MODEL_CARD: ListOpsModelCard = cardJson;
