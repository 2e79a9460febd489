// The graph builder: a graph using every supported operator, run by onnxruntime-node and
// onnxruntime-web (wasm), equals a plain-JS evaluation of the same maths at two batch sizes
// (the batch dimension is symbolic); symbolic shapes and doc strings survive the round trip;
// every check fails with a message naming the offending value.
import { describe, expect, it } from 'vitest';
import { checkModel, decodeModel, GraphBuilder, OnnxExportError } from '../src/index.js';
import { openSession } from '../src/parity/index.js';

const MODEL = { producerName: 'test', producerVersion: '0', docString: 'test model', metadata: {} };

/** x [batch, 3, 2] → transpose [batch, 2, 3] → gather rows [1, 0, 1] on axis 1 → concat with
 *  itself on axis 2 → [batch, 3, 6] · W [6, 2] + b → elu → reshape [batch, 6] → − c, · c. */
function buildGraph(w: Float32Array, b: Float32Array, c: Float32Array) {
  const g = new GraphBuilder('all_ops');
  const x = g.input('x', 'float32', ['batch', 3, 2], 'x');
  const t = g.transpose(x, [0, 2, 1]);
  const picked = g.gather(t, [1, 0, 1], 1);
  const wide = g.concat([picked, picked], 2);
  const dense = g.add(g.matMul(wide, g.initializer('w', w, [6, 2])), g.initializer('b', b, [2]));
  const flat = g.reshape(g.elu(dense, 0.5), ['batch', 6]);
  const cc = g.initializer('c', c, [6]);
  const y = g.mul(g.sub(flat, cc), cc, 'y');
  g.output(y, 'y [batch, 6]');
  return g;
}

function oracle(x: Float32Array, batch: number, w: Float32Array, b: Float32Array, c: Float32Array) {
  const out = new Float64Array(batch * 6);
  for (let n = 0; n < batch; n++) {
    const t = (i: number, j: number) => x[n * 6 + j * 2 + i]; // t[i][j] = x[j][i], i < 2, j < 3
    const rows = [1, 0, 1];
    for (let r = 0; r < 3; r++) {
      const feat = [0, 1, 2, 0, 1, 2].map((j) => t(rows[r], j));
      for (let o = 0; o < 2; o++) {
        let s = b[o];
        for (let k = 0; k < 6; k++) s += feat[k] * w[k * 2 + o];
        const e = s > 0 ? s : 0.5 * (Math.exp(s) - 1);
        const idx = r * 2 + o;
        out[n * 6 + idx] = (e - c[idx]) * c[idx];
      }
    }
  }
  return out;
}

const values = (count: number, seed: number) =>
  Float32Array.from({ length: count }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * 1.5);

describe('GraphBuilder', () => {
  const w = values(12, 1);
  const b = values(2, 2);
  const c = values(6, 3);

  it.each(['node', 'web'] as const)(
    'every operator matches a plain-JS evaluation in onnxruntime-%s at batch 1 and 5',
    async (runtime) => {
      const bytes = buildGraph(w, b, c).toBytes(MODEL);
      const session = await openSession(runtime, bytes);
      try {
        for (const batch of [1, 5]) {
          const x = values(batch * 6, 10 + batch);
          const out = await session.run({ x: { data: x, dims: [batch, 3, 2] } });
          expect(out.y.dims).toEqual([batch, 6]);
          const want = oracle(x, batch, w, b, c);
          for (let i = 0; i < want.length; i++) expect(out.y.data[i]).toBeCloseTo(want[i], 5);
        }
      } finally {
        await session.release();
      }
    },
  );

  it('writes IR 8 / opset 17 with symbolic dims, doc strings and metadata', () => {
    const g = buildGraph(w, b, c);
    const model = decodeModel(g.toBytes({ ...MODEL, metadata: { 'sst.k': 'v' } }), 'x');
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    const input = model.graph?.input?.[0];
    expect(input?.docString).toBe('x');
    expect(
      input?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)),
    ).toEqual(['batch', 3, 2]);
    const output = model.graph?.output?.[0];
    expect(
      output?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)),
    ).toEqual(['batch', 6]);
    expect(model.metadataProps.map((p) => [p.key, p.value])).toEqual([['sst.k', 'v']]);
    expect(() => checkModel(model)).not.toThrow();
  });

  it('rejects wrong shapes and dtypes at the op that made them, naming the node', () => {
    const g = new GraphBuilder('bad');
    const x = g.input('x', 'float32', ['batch', 3], 'x');
    const w = g.initializer('w', new Float32Array(8), [4, 2]);
    expect(() => g.matMul(x, w, 'fc')).toThrow(
      /MatMul node 'fc': MatMul inner dimensions differ: \[batch, 3\] × \[4, 2\]/,
    );
    const v = g.initializer('v', new Float32Array(4), [4]);
    expect(() => g.add(x, v, 'plus')).toThrow(
      /Add node 'plus': shapes \[batch, 3\] and \[4\] do not broadcast/,
    );
    const ids = g.int64s('ids', [0, 1, 2]);
    expect(() => g.add(x, ids, 'mixed')).toThrow(/input 1 is int64, input 0 is float32/);
    expect(() => g.elu(ids as never, 1, 'e')).toThrow(
      /Elu node 'e': input 0 must be float32, got int64/,
    );
    expect(() => g.gather(x, [0, 3], 1, 'pick')).toThrow(/index 3 is out of range for dimension 3/);
    expect(() => g.transpose(x, [0, 0], 'tt')).toThrow(
      /perm \[0, 0\] is not a permutation of rank 2/,
    );
    expect(() => g.reshape(x, ['batch', 4], 'rs')).toThrow(
      /cannot reshape \[batch, 3\] to \[-1, 4\]/,
    );
    expect(() => g.reshape(x, [3, 'batch'])).not.toThrow();
    expect(() => g.concat([x, w], 1, 'cat')).toThrow(
      /input 1 \[4, 2\] does not match input 0 \[batch, 3\] off axis 1/,
    );
    expect(() => g.concat([x, x], 0, 'cat0')).toThrow(
      /cannot concatenate along symbolic dimension batch/,
    );
  });

  it('rejects bad names, sizes, values and foreign values', () => {
    const g = new GraphBuilder('names');
    const x = g.input('x', 'float32', [2], 'x');
    expect(() => g.input('x', 'float32', [2], 'again')).toThrow(/name x is already used/);
    expect(() => g.input('has space', 'float32', [2], 'd')).toThrow(/name must match/);
    expect(() => g.input('y', 'float32', [0], 'd')).toThrow(
      /dimension 0: a dimension must be an integer ≥ 1, got 0/,
    );
    expect(() => g.input('z', 'float32', ['1b'], 'd')).toThrow(
      /symbolic dimension must be an identifier, got "1b"/,
    );
    expect(() => g.input('u', 'float32', [2], ' ')).toThrow(/input 'u': needs a doc string/);
    expect(() => g.initializer('w', new Float32Array(3), [2, 2])).toThrow(
      /3 values do not fill shape \[2, 2\] \(4\)/,
    );
    expect(() => g.initializer('nan', new Float32Array([1, Number.NaN]), [2])).toThrow(
      /initializer 'nan': value 1 is NaN, not finite/,
    );
    const other = new GraphBuilder('other');
    const foreign = other.input('f', 'float32', [2], 'f');
    expect(() => g.add(x, foreign, 'sum')).toThrow(
      /input 1: the value is not one of this builder's/,
    );
    expect(() => g.output(x, '')).toThrow(/output 'x': needs a doc string/);
  });

  it('refuses to write a graph with no output or an unused value', () => {
    const g = new GraphBuilder('empty');
    const x = g.input('x', 'float32', [2], 'x');
    expect(() => g.toBytes(MODEL)).toThrow(/the graph has no outputs/);
    g.initializer('unused', new Float32Array(2), [2]);
    g.output(g.elu(x, 1, 'y'), 'y');
    expect(() => g.toBytes(MODEL)).toThrow(/defined but never used: unused/);
  });

  it('checkModel catches tampering: wrong declared shape, undefined inputs, bad raw data', () => {
    const fresh = () => decodeModel(buildGraph(w, b, c).toBytes(MODEL), 'm');
    const shape = fresh();
    const dims = shape.graph?.output?.[0].type?.tensorType?.shape?.dim ?? [];
    dims[1].dimValue = 7;
    expect(() => checkModel(shape)).toThrow(
      /output 'y': declared float32 \[batch, 7\], computed float32 \[batch, 6\]/,
    );
    const order = fresh();
    order.graph?.node?.reverse();
    expect(() => checkModel(order)).toThrow(/is not defined before the node/);
    const raw = fresh();
    const init = raw.graph?.initializer?.find((t) => t.name === 'w');
    if (init) init.rawData = (init.rawData as Uint8Array).subarray(0, 8);
    expect(() => checkModel(raw)).toThrow(
      /initializer 'w': raw data has 8 bytes, shape \[6, 2\] needs 48/,
    );
    const opset = fresh();
    opset.opsetImport[0].version = 13;
    expect(() => checkModel(opset)).toThrow(/opset must be ≥ 17, got 13/);
    expect(() => decodeModel(new TextEncoder().encode('not a model at all'), 'file.txt')).toThrow(
      OnnxExportError,
    );
  });
});
