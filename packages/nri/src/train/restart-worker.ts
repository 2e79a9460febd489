// A restart candidate in its own worker thread (see restarts.ts): trains it with trainNri, no
// restarts, exactly as the sequential selection would in the main thread.
import { serveRestartCandidate } from '@sst-tricks/training';
import { candidateOptions } from './restarts.js';
import type { TrainNriOptions } from './train-nri.js';
import { trainNri } from './train-nri.js';

serveRestartCandidate<TrainNriOptions>(async (data, run, hooks) => {
  const { model, result } = await trainNri({
    ...candidateOptions(data, run),
    onEvent: hooks.onEvent,
    signal: hooks.signal,
  });
  model.dispose();
  return result;
});
