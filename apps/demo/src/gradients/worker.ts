// Web worker: runs sst-core's gradientDiagnostics (exact reference gradient, N sampled estimates
// per estimator) on the wasm backend, off the page's thread.
import { benchmarkProblem, gradientDiagnostics, structureLabel } from '@sst-tricks/sst-core';
import { startWasmBackend } from '../tfjs/wasm-backend';
import type { DiagnoseReply, DiagnoseRequest } from './protocol';

const post = (reply: DiagnoseReply) => (self as unknown as Worker).postMessage(reply);

self.addEventListener('message', async (event: MessageEvent<DiagnoseRequest>) => {
  try {
    const request = event.data;
    const backend = await startWasmBackend();
    const problem = benchmarkProblem(request.structure);
    const start = performance.now();
    const result = gradientDiagnostics({
      ...problem,
      samples: request.samples,
      temperature: request.temperature,
      seed: request.seed,
    });
    post({
      type: 'result',
      backend,
      structure: structureLabel(problem.structure),
      loss: problem.description,
      temperature: result.temperature,
      samples: result.samples,
      exactMethod: result.exact.method,
      milliseconds: performance.now() - start,
      estimators: result.estimators.map((e) => ({
        estimator: e.estimator,
        totalVariance: e.totalVariance,
        biasNorm: e.biasNorm,
        biasStandardError: e.biasStandardError,
        cosine: e.cosine,
      })),
    });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
