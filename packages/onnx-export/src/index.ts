// @sst-tricks/onnx-export: a typed, validating ONNX graph builder, exporters of the trained
// encoders (NRI, ListOps and L2X), their metadata, and the hard structures to
// read their outputs with. The parity runner (needs onnxruntime-node) is in `/parity`.

export { checkModel } from './builder/check-model.js';
export type { DType } from './builder/dtype.js';
export { OnnxExportError } from './builder/errors.js';
export type { ModelOptions, OnnxValue } from './builder/graph-builder.js';
export { GraphBuilder } from './builder/graph-builder.js';
export type { ValueType } from './builder/ops.js';
export { SLICE_TO_END } from './builder/ops-sequence.js';
export type { Dim, Shape } from './builder/shape.js';
export type { ExportedModel, ModelExporter } from './exporter.js';
export {
  buildL2xExplainerGraph,
  L2X_INPUT,
  L2X_PAIR_OUTPUT,
  L2X_WORD_OUTPUT,
} from './l2x/explainer-graph.js';
export type { L2xExportOptions } from './l2x/export-l2x.js';
export {
  exportL2x,
  exportL2xCheckpoint,
  exportL2xPredictor,
  exportL2xPredictorCheckpoint,
  l2xExporter,
  l2xStructure,
} from './l2x/export-l2x.js';
export type { L2xExportConfig } from './l2x/l2x-config.js';
export { l2xConfigFromMetadata } from './l2x/l2x-config.js';
export { convFilter } from './l2x/layers.js';
export {
  buildL2xPredictorGraph,
  L2X_RATING_OUTPUT,
  L2X_SELECTION_INPUT,
} from './l2x/predictor-graph.js';
export {
  buildListOpsArcScorerGraph,
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_OUTPUT,
  LISTOPS_PADDED_SCORE,
  LISTOPS_TOKENS_INPUT,
} from './listops/arc-scorer-graph.js';
export type { ListOpsExportOptions } from './listops/export-listops.js';
export {
  exportListOps,
  exportListOpsCheckpoint,
  exportListOpsValue,
  exportListOpsValueCheckpoint,
  LISTOPS_STRUCTURE,
  listOpsExporter,
} from './listops/export-listops.js';
export type { ListOpsExportConfig } from './listops/listops-config.js';
export {
  listOpsConfigFromMetadata,
  listOpsValueConfigFromMetadata,
} from './listops/listops-config.js';
export type { ListOpsValueConfig } from './listops/value-graph.js';
export {
  buildListOpsValueGraph,
  LISTOPS_HEADS_INPUT,
  LISTOPS_VALUE_OUTPUT,
  LISTOPS_VALUES,
} from './listops/value-graph.js';
export type { ExportMetadata } from './metadata.js';
export {
  decodeMetadata,
  decodeModel,
  encodeMetadata,
  METADATA_FORMAT,
  METADATA_KEYS,
  readModelMetadata,
} from './metadata.js';
export type { NriGraphOptions } from './nri/encoder-graph.js';
export {
  BATCH_NORM_EPSILON,
  buildNriEncoderGraph,
  NRI_EDGE_TYPES,
  NRI_INPUT,
  NRI_OUTPUT,
} from './nri/encoder-graph.js';
export type { NriExportOptions } from './nri/export-nri.js';
export { exportNri, exportNriCheckpoint, nriExporter, nriStructure } from './nri/export-nri.js';
export type { NriExportConfig } from './nri/nri-config.js';
export { nriConfigFromMetadata } from './nri/nri-config.js';
export { IR_VERSION, OPSET_VERSION } from './proto.js';
export { exporterKinds, getExporter } from './registry.js';
export type { Edge, HardStructure, StructureInputs } from './structure/apply-structure.js';
export {
  applyStructure,
  directedEdges,
  structureWidth,
  undirectedEdges,
} from './structure/apply-structure.js';
export type { StructureName, StructureSpec } from './structure/structure-spec.js';
export { parseStructure } from './structure/structure-spec.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
export type { Weight, WeightSource } from './weights.js';
export { requireWeight, weightsFromCheckpoint, weightsFromVariables } from './weights.js';
