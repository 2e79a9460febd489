// Web worker: trains the spanning-tree task on the wasm backend, one step per task so a 'stop'
// message is seen between steps, and reports every step to the page.
import { startWasmBackend } from '../tfjs/wasm-backend';
import type { TrainReply, TrainRequest } from './protocol';
import { TreeTask } from './tree-task';

const post = (reply: TrainReply) => (self as unknown as Worker).postMessage(reply);
let running = 0; // the id of the current run; a new start or a stop ends the old one

self.addEventListener('message', async (event: MessageEvent<TrainRequest>) => {
  const request = event.data;
  const run = ++running;
  if (request.type === 'stop') return;
  try {
    const backend = await startWasmBackend();
    const task = new TreeTask({ seed: request.seed });
    post({ type: 'ready', backend, nodes: task.options.nodes, hidden: Array.from(task.hidden) });
    const start = performance.now();
    let step = 0;
    while (step < request.steps && run === running) {
      const result = task.step();
      step = result.step;
      post({
        type: 'step',
        step,
        loss: result.loss,
        tree: Array.from(result.tree),
        correctEdges: result.correctEdges,
        stepsPerSecond: (1000 * step) / (performance.now() - start),
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    task.dispose();
    post({ type: 'done', step });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
