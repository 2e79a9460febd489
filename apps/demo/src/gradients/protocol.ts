// Messages between the gradient panel and its worker.
import type { EstimatorName, StructureKind } from '@sst-tricks/sst-core';

export interface DiagnoseRequest {
  type: 'diagnose';
  structure: StructureKind;
  temperature: number;
  samples: number;
  seed: number;
}

export interface EstimatorSummary {
  estimator: EstimatorName;
  totalVariance: number;
  biasNorm: number;
  biasStandardError: number;
  cosine: number;
}

export type DiagnoseReply =
  | {
      type: 'result';
      backend: string;
      structure: string;
      loss: string;
      temperature: number;
      samples: number;
      exactMethod: string;
      estimators: EstimatorSummary[];
      milliseconds: number;
    }
  | { type: 'error'; message: string };
