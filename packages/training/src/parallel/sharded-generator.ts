// The noise of one replica's share of a batch. One process draws the whole batch's noise in one
// call (e.g. Gumbel noise [B, U]); a replica holding items [start, start + count) must see exactly
// those items' part of that draw, and leave the generator where the one process leaves it. So
// each `uniforms(k)` asks the shared stream for the whole batch's k · total / count values and
// keeps this shard's items: viewed as [lead, total, rest], the middle axis [start, start + count).
import { RandomGenerator } from '@sst-tricks/sst-core';

export class ShardedGenerator extends RandomGenerator {
  constructor(
    private readonly stream: RandomGenerator,
    private readonly shard: { start: number; count: number; total: number },
    private readonly lead = 1,
  ) {
    super(0);
    if (!Number.isSafeInteger(lead) || lead < 1) {
      throw new RangeError(`ShardedGenerator: lead must be a positive integer, got ${lead}`);
    }
  }

  override uniforms(count: number): Float64Array {
    const { start, count: items, total } = this.shard;
    const perItem = count / items;
    const rest = perItem / this.lead;
    if (!Number.isInteger(rest) || rest < 0) {
      throw new RangeError(
        `ShardedGenerator: a draw of ${count} values is not [${this.lead}, ${items} items, rest] (the shard's items); draw whole items`,
      );
    }
    const all = this.stream.uniforms(perItem * total);
    const out = new Float64Array(count);
    for (let l = 0; l < this.lead; l++) {
      const from = (l * total + start) * rest;
      out.set(all.subarray(from, from + items * rest), l * items * rest);
    }
    return out;
  }

  // Single draws cannot be split by item: a model that needs them must draw them identically in
  // every replica from the underlying stream itself.
  override nextUint32(): number {
    throw new TypeError(
      'ShardedGenerator: only uniforms(count) over whole items can be sharded (nextUint32/nextUniform were called)',
    );
  }

  override getState() {
    return this.stream.getState();
  }

  override setState(state: Parameters<RandomGenerator['setState']>[0]): void {
    this.stream.setState(state);
  }
}
