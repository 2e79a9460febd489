// The markdown table `sst bench gradients` prints: one header line, then one row per structure ×
// estimator × temperature (temperature-free REINFORCE rows once per structure).
import {
  type EstimatorDiagnostics,
  type GradientDiagnosticsResult,
  structureLabel,
  usesTemperature,
} from '@sst-tricks/sst-core';

function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(3) : v.toExponential(2);
}

export interface TableContext {
  lossDescription: string;
  samples: number;
  samplesPerEstimate: number;
  seed: number;
  backend: string;
}

export function headerLine(ctx: TableContext): string {
  return (
    `loss ${ctx.lossDescription} with fixed a and θ per structure; reference: the exact ` +
    '∇θ E[loss(argmax(θ + G))] (one-hot: closed-form softmax; k-subset, spanning tree: exact ' +
    `Plackett–Luce enumeration); ${ctx.samples} estimates × ${ctx.samplesPerEstimate} samples ` +
    `per estimator, seed ${ctx.seed}, backend ${ctx.backend}`
  );
}

/** `runs`: for each structure, its results in temperature order. */
export function formatTable(runs: readonly GradientDiagnosticsResult[][]): string {
  const lines = [
    '| structure | estimator | t | bias norm | bias s.e. | total variance | variance ÷ REINFORCE | cosine |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const results of runs) {
    if (results.length === 0) continue;
    const label = structureLabel(results[0].structure);
    const reinforce = results[0].estimators.find((e) => e.estimator === 'reinforce');
    const row = (t: string, e: EstimatorDiagnostics) =>
      `| ${label} | ${e.estimator} | ${t} | ${num(e.biasNorm)} | ${num(e.biasStandardError)} | ` +
      `${num(e.totalVariance)} | ${reinforce ? num(e.totalVariance / reinforce.totalVariance) : '—'} | ` +
      `${e.cosine.toFixed(4)} |`;
    for (const r of results)
      for (const e of r.estimators)
        if (usesTemperature(e.estimator)) lines.push(row(String(r.temperature), e));
    for (const e of results[0].estimators)
      if (!usesTemperature(e.estimator)) lines.push(row('—', e));
  }
  return lines.join('\n');
}
