// Messages between the training page and its worker.
export type TrainRequest = { type: 'start'; steps: number; seed: number } | { type: 'stop' };

export type TrainReply =
  | { type: 'ready'; backend: string; nodes: number; hidden: number[] }
  | {
      type: 'step';
      step: number;
      loss: number;
      tree: number[];
      correctEdges: number;
      stepsPerSecond: number;
    }
  | { type: 'done'; step: number }
  | { type: 'error'; message: string };
