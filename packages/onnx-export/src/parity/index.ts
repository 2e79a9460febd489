// @sst-tricks/onnx-export/parity: run exported models with onnxruntime (node, or web's wasm
// backend) and compare them with the tfjs model on the same random inputs. Needs the optional
// peer dependencies onnxruntime-node and/or onnxruntime-web.
export type { L2xLogits } from './l2x-reference.js';
export { l2xExplainerLogits } from './l2x-reference.js';
export type { L2xSession } from './l2x-session.js';
export { openL2xSession } from './l2x-session.js';

export type { ListOpsParityOptions, ListOpsTokens } from './listops-parity.js';
export { randomListOpsTokens, runListOpsParity } from './listops-parity.js';
export { listOpsArcScores } from './listops-reference.js';
export { nriEncoderLogits } from './nri-reference.js';
export type { ParityOptions, ParityResult } from './parity-runner.js';
export { randomInput, runParity } from './parity-runner.js';
export type { ModelSession, Runtime, RuntimeFeed, RuntimeTensor } from './runtime.js';
export { openSession, ortModule } from './runtime.js';
