// The metrics log: JSON Lines, appended as the run goes, one line per logged step or evaluation:
//   {"kind":"step","step":120,"elapsed":3.52,"loss":0.4312}
//   {"kind":"eval","step":200,"elapsed":6.1,"metrics":{"mse":0.12}}
// Lines are buffered and written at most every second (and before every checkpoint), so logging
// costs no syscall per step. On resume the lines after the checkpoint's step are cut off — they
// belong to steps the resumed run will redo — so the log reads like that of an uninterrupted run.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { Metrics } from './model.js';

export interface StepRecord {
  readonly kind: 'step';
  readonly step: number;
  /** Training wall time in seconds (summed over resumed runs). */
  readonly elapsed: number;
  readonly loss: number;
}

export interface EvalRecord {
  readonly kind: 'eval';
  readonly step: number;
  readonly elapsed: number;
  readonly metrics: Metrics;
}

export type LogRecord = StepRecord | EvalRecord;

const FLUSH_INTERVAL_MS = 1000;

/** The records of a log file; a torn last line (a write cut by a kill) is skipped. */
export function readMetricsLog(file: string): LogRecord[] {
  if (!existsSync(file)) return [];
  const records: LogRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as LogRecord);
    } catch {
      break; // only the last line can be torn: lines are written whole, in order
    }
  }
  return records;
}

export class MetricsLog {
  private buffer = '';
  private lastFlush = Date.now();
  private fd: number | null;

  /**
   * Opens `file` for appending. `keepThroughStep` null starts an empty log (a fresh run);
   * a step keeps exactly the records up to and including it (a resume).
   */
  constructor(
    readonly file: string,
    keepThroughStep: number | null,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    if (keepThroughStep === null) {
      writeFileAtomic(file, '');
    } else {
      const kept: string[] = [];
      for (const record of readMetricsLog(file)) {
        if (record.step > keepThroughStep) break;
        kept.push(`${JSON.stringify(record)}\n`);
      }
      writeFileAtomic(file, kept.join(''));
    }
    this.fd = openSync(file, 'a');
  }

  append(record: LogRecord): void {
    this.buffer += `${JSON.stringify(record)}\n`;
    if (Date.now() - this.lastFlush >= FLUSH_INTERVAL_MS) this.flush(false);
  }

  /** Writes the buffered lines; `durable` also fsyncs (before a checkpoint refers to them). */
  flush(durable: boolean): void {
    if (this.fd === null) return;
    if (this.buffer !== '') {
      const bytes = Buffer.from(this.buffer, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
      this.buffer = '';
    }
    if (durable) fsyncSync(this.fd);
    this.lastFlush = Date.now();
  }

  close(): void {
    if (this.fd === null) return;
    this.flush(true);
    closeSync(this.fd);
    this.fd = null;
  }
}
