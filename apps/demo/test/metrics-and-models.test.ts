// The curves page's reader of `sst train` metrics logs, the line-plot geometry, and the model
// registry's entries.
import { describe, expect, it } from 'vitest';
import { parseMetricsLog } from '../src/curves/parse-metrics';
import { MODELS, modelEntry } from '../src/models/registry';
import { plotGeometry } from '../src/shared/line-plot';

const LOG = [
  '{"kind":"step","step":1,"elapsed":0.1,"loss":3.5}',
  '{"kind":"step","step":2,"elapsed":0.2,"loss":2.5}',
  '{"kind":"eval","step":2,"elapsed":0.3,"metrics":{"precision":0.4,"elbo":-900}}',
  '{"kind":"step","step":3,"elapsed":0.4,"loss":2}',
  '{"kind":"eval","step":3,"elapsed":0.5,"metrics":{"precision":0.6,"elbo":-800}}',
].join('\n');

describe('parseMetricsLog', () => {
  it('gives the loss series then one series per evaluation metric, by name', () => {
    const parsed = parseMetricsLog(`${LOG}\n`);
    expect(parsed.steps).toBe(3);
    expect(parsed.evaluations).toBe(2);
    expect(parsed.series.map((s) => s.name)).toEqual(['loss', 'eval: elbo', 'eval: precision']);
    expect(parsed.series[0]).toMatchObject({ x: [1, 2, 3], y: [3.5, 2.5, 2] });
    expect(parsed.series[2]).toMatchObject({ x: [2, 3], y: [0.4, 0.6] });
  });

  it('skips a torn last line, as the training package does, but not a torn middle line', () => {
    expect(parseMetricsLog(`${LOG}\n{"kind":"st`).tornLastLine).toBe(true);
    const lines = LOG.split('\n');
    lines[1] = '{"kind":';
    expect(() => parseMetricsLog(lines.join('\n'))).toThrow(/line 2 is not JSON/);
  });

  it('names the line and the value of a bad record', () => {
    expect(() => parseMetricsLog('{"kind":"step","step":"x","loss":1}')).toThrow(
      /line 1: step .* "x"/,
    );
    expect(() => parseMetricsLog('{"kind":"oops","step":1}')).toThrow(/kind .* "oops"/);
    expect(() => parseMetricsLog('\n\n')).toThrow(/no records/);
  });
});

describe('plotGeometry', () => {
  it('maps the data ranges onto the plot box and breaks lines at non-finite points', () => {
    const g = plotGeometry([{ name: 's', x: [0, 1, 2, 3], y: [4, Number.NaN, 2, 0] }], 100, 100);
    expect(g.xRange).toEqual([0, 3]);
    expect(g.yRange).toEqual([0, 4]);
    // Two pieces: the point at x = 0 alone, then x = 2..3.
    expect(g.paths[0].match(/M/g)?.length).toBe(2);
    expect(g.paths[0].startsWith('M44.0,8.0')).toBe(true);
  });
  it('rejects series whose x and y lengths differ', () => {
    expect(() => plotGeometry([{ name: 'bad', x: [1, 2], y: [1] }])).toThrow(/bad: .* 2 and 1/);
  });
});

describe('model registry', () => {
  it('has a page with a model for each of NRI, ListOps and L2X', () => {
    expect(MODELS.map((m) => m.id)).toEqual(['nri', 'listops', 'l2x']);
    expect(typeof modelEntry('nri').load).toBe('function');
    expect(typeof modelEntry('listops').load).toBe('function');
    expect(typeof modelEntry('l2x').load).toBe('function');
    expect(() => modelEntry('gpt')).toThrow(/got "gpt"/);
  });
});
