import { selectBackend } from '@sst-tricks/sst-core';
import { trainListOps } from '../src/index.js';

await selectBackend('wasm');
for (const latent of ['arborescence', 'spanning-tree', 'top-k', 'independent', 'lstm'] as const) {
  const t0 = performance.now();
  const losses: number[] = [];
  const { result } = await trainListOps({
    latent,
    steps: 20,
    batchSize: 32,
    data: { train: 500, valid: 64, test: 64 },
    onEvent: (e) => {
      if (e.type === 'step') losses.push(e.loss);
    },
  });
  console.log(
    latent,
    ((performance.now() - t0) / 20).toFixed(0),
    'ms/step',
    losses[0].toFixed(3),
    losses.at(-1)?.toFixed(3),
    JSON.stringify(result.evaluations?.at?.(-1) ?? ''),
  );
}
