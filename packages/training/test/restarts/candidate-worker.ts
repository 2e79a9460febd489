// The worker script of the parallel restart tests: trains one toy candidate (toy-restarts.ts).
// `data` can make a candidate fail, to test how the pool reports it: `throw` raises an error from
// the loop's event handler at that step, `exit` ends the worker thread abruptly.
import { serveRestartCandidate } from '../../src/index.js';
import { trainToy } from './toy-restarts.js';

export interface ToyWorkerData {
  readonly fail?: { readonly seed: number; readonly step: number; readonly how: 'throw' | 'exit' };
}

serveRestartCandidate<ToyWorkerData>(async (data, run, hooks) => {
  const { model, result } = await trainToy(run, {
    signal: hooks.signal,
    onEvent: (event) => {
      hooks.onEvent(event);
      const fail = data.fail;
      if (fail?.seed === run.seed && event.type === 'step' && event.step === fail.step) {
        if (fail.how === 'exit') process.exit(3);
        throw new Error(`boom at step ${event.step}`);
      }
    },
  });
  model.dispose();
  return result;
});
