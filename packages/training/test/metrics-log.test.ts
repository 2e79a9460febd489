// The JSONL metrics log: appended lines, truncation to a resumed step, torn last lines.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetricsLog } from '../src/index.js';
import { MetricsLog } from '../src/metrics-log.js';
import { temporaryDirectories } from './helpers.js';

const directory = temporaryDirectories();

describe('metrics log', () => {
  it('writes one JSON line per record, creating the directory', () => {
    const file = join(directory(), 'nested', 'metrics.jsonl');
    const log = new MetricsLog(file, null);
    log.append({ kind: 'step', step: 1, elapsed: 0.5, loss: 0.25 });
    log.append({ kind: 'eval', step: 1, elapsed: 0.75, metrics: { mse: 0.125, precision: 1 } });
    log.close();
    expect(readFileSync(file, 'utf8')).toBe(
      '{"kind":"step","step":1,"elapsed":0.5,"loss":0.25}\n' +
        '{"kind":"eval","step":1,"elapsed":0.75,"metrics":{"mse":0.125,"precision":1}}\n',
    );
  });

  it('starts empty for a fresh run and keeps the lines through the resumed step otherwise', () => {
    const file = join(directory(), 'metrics.jsonl');
    const lines = [1, 2, 3, 4].map(
      (step) => `{"kind":"step","step":${step},"elapsed":0,"loss":1}\n`,
    );
    writeFileSync(file, `${lines.join('')}{"kind":"eval","step":4,"elapsed":0,"metrics":{}}\n`);
    new MetricsLog(file, 4).close();
    expect(readMetricsLog(file)).toHaveLength(5);
    new MetricsLog(file, 2).close();
    expect(readMetricsLog(file).map((record) => record.step)).toEqual([1, 2]);
    const log = new MetricsLog(file, 2);
    log.append({ kind: 'step', step: 3, elapsed: 1, loss: 0.5 });
    log.close();
    expect(readMetricsLog(file).map((record) => record.step)).toEqual([1, 2, 3]);
    new MetricsLog(file, null).close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('drops a torn last line (a write cut short by a kill)', () => {
    const file = join(directory(), 'metrics.jsonl');
    const log = new MetricsLog(file, null);
    log.append({ kind: 'step', step: 1, elapsed: 0, loss: 1 });
    log.close();
    appendFileSync(file, '{"kind":"step","step":2,"ela');
    expect(readMetricsLog(file)).toHaveLength(1);
    new MetricsLog(file, 10).close();
    expect(readFileSync(file, 'utf8')).toBe('{"kind":"step","step":1,"elapsed":0,"loss":1}\n');
    expect(readMetricsLog(join(directory(), 'absent.jsonl'))).toEqual([]);
  });
});
