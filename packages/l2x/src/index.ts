// @sst-tricks/l2x: learning to explain aspect ratings by selecting k words (DESIGN §4, L2X).
// The data (a seeded synthetic review generator with exact aspect annotations, the BeerAdvocate
// file formats, vocabularies and text embedding files), the explainer/predictor model with its
// four k-subset relaxations, and training on the shared loop (workers included).
export { ASPECT_COUNT, ASPECTS, type Aspect, aspectIndex } from './data/aspects.js';
export {
  formatAnnotations,
  formatReviews,
  parseAnnotations,
  parseReviews,
} from './data/beer-format.js';
export {
  DATA_FILES,
  type ReviewData,
  readDataDirectory,
  writeDataDirectory,
} from './data/data-dir.js';
export { L2xDataError } from './data/data-error.js';
export { embeddingsFromText, type LoadedEmbeddings } from './data/embeddings-file.js';
export { inSpans, type Review, type Span } from './data/review.js';
export {
  MAX_SYNTHETIC_SEED,
  type SyntheticSplit,
  syntheticReview,
  syntheticReviews,
} from './data/synthetic/generate.js';
export { intensify, negate } from './data/synthetic/sentences.js';
export { tokenize } from './data/tokenize.js';
export { PAD, PAD_ID, UNK, UNK_ID, Vocabulary } from './data/vocabulary.js';
export { sliceBatch } from './model/batch.js';
export {
  type L2xBatch,
  type L2xEvalBatch,
  type L2xMetrics,
  L2xModel,
  type L2xModelOptions,
} from './model/l2x-model.js';
export { type PrecisionCounts, subsetPrecisionCounts } from './model/metrics.js';
export {
  checkRelaxation,
  hardSelection,
  maskPadding,
  PADDING_PENALTY,
  RELAXATIONS,
  type Relaxation,
  relaxedSelection,
  type SelectionLogits,
} from './model/selection.js';
export {
  type EncodedReviews,
  encodeReviews,
  evaluationBatches,
  trainingBatches,
} from './train/encoded.js';
export { type TrainL2xOptions, type TrainL2xResult, trainL2x } from './train/train-l2x.js';
