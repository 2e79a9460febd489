// renderProgress: a pure function from an event to one line of text.
import { describe, expect, it } from 'vitest';
import { formatDuration, renderProgress, type TrainingEvent } from '../src/index.js';

describe('renderProgress', () => {
  const step: TrainingEvent = {
    type: 'step',
    step: 250,
    totalSteps: 1000,
    loss: 0.123456,
    stepsPerSecond: 4.5,
    etaSeconds: 750 / 4.5,
    elapsedSeconds: 55.5,
  };

  it('draws a bar with the step, loss, metrics, rate and ETA', () => {
    expect(renderProgress(step, { width: 20 })).toBe(
      '[#####...............] 250/1000 25% · loss 0.1235 · 4.50 steps/s · ETA 2m47s',
    );
    expect(
      renderProgress(step, {
        width: 10,
        metrics: { elbo: -1370.25, precision: 0.9134 },
        digits: 3,
      }),
    ).toBe(
      '[###.......] 250/1000 25% · loss 0.123 · elbo -1370 · precision 0.913 · 4.50 steps/s · ETA 2m47s',
    );
    const first = {
      ...step,
      step: 0,
      loss: 2.5e-7,
      stepsPerSecond: 0,
      etaSeconds: Number.POSITIVE_INFINITY,
    };
    expect(renderProgress(first, { width: 4 })).toBe(
      '[....] 0/1000 0% · loss 2.500e-7 · 0.00 steps/s · ETA --',
    );
    expect(renderProgress({ ...step, step: 1000, stepsPerSecond: 120 }, { width: 4 })).toMatch(
      /^\[####\] 1000\/1000 100% · loss 0\.1235 · 120\.0 steps\/s/,
    );
  });

  it('renders start, eval, checkpoint and done events', () => {
    expect(renderProgress({ type: 'start', step: 0, totalSteps: 500, resumedFrom: null })).toBe(
      'training: 500 steps',
    );
    expect(
      renderProgress({
        type: 'start',
        step: 200,
        totalSteps: 500,
        resumedFrom: 'ckpt/step-000000200.json',
      }),
    ).toBe('resuming at step 200/500 from ckpt/step-000000200.json');
    expect(
      renderProgress({
        type: 'eval',
        step: 200,
        totalSteps: 500,
        metrics: { elbo: -1080.5, precision: 0.91 },
        seconds: 3.2,
      }),
    ).toBe('eval @ 200/500: elbo -1081 · precision 0.91 (3s)');
    expect(
      renderProgress({
        type: 'checkpoint',
        step: 200,
        totalSteps: 500,
        path: 'ckpt/step-000000200.json',
        seconds: 0.01,
      }),
    ).toBe('checkpoint @ 200/500: ckpt/step-000000200.json');
    expect(
      renderProgress({
        type: 'done',
        step: 500,
        totalSteps: 500,
        loss: 0.5,
        metrics: { precision: 0.9 },
        elapsedSeconds: 3725,
        stopped: false,
        checkpoint: null,
      }),
    ).toBe('done at 500/500 in 1h02m · loss 0.5 · precision 0.9');
    expect(
      renderProgress({
        type: 'done',
        step: 7,
        totalSteps: 500,
        loss: null,
        metrics: null,
        elapsedSeconds: 2,
        stopped: true,
        checkpoint: null,
      }),
    ).toBe('stopped at 7/500 in 2s');
  });

  it('formats durations and rejects bad options', () => {
    expect([0, 59.4, 60, 3599, 3600, 86399].map(formatDuration)).toEqual([
      '0s',
      '59s',
      '1m00s',
      '59m59s',
      '1h00m',
      '23h59m',
    ]);
    expect(formatDuration(Number.NaN)).toBe('--');
    expect(() => renderProgress(step, { width: 0 })).toThrow(
      new RangeError('renderProgress: options.width must be a positive integer, got 0'),
    );
    expect(() => renderProgress(step, { digits: 30 })).toThrow(RangeError);
    expect(() => renderProgress({ type: 'nope' } as unknown as TrainingEvent)).toThrow(
      /unknown event type "nope"/,
    );
  });
});
