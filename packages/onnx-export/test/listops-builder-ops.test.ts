// The builder's sequence operators (those the ListOps graphs use): each rejects a mis-shaped or
// mis-typed operand at the line that adds it, naming the node and the shapes; a graph of them
// survives the checker's re-inference of the written model (toBytes → decode → checkModel).
import { describe, expect, it } from 'vitest';
import { checkModel, decodeModel, GraphBuilder } from '../src/index.js';

const MODEL = { producerName: 'test', producerVersion: '0', docString: 'test model', metadata: {} };

function lstmOperands(g: GraphBuilder, wRows = 8) {
  return {
    x: g.input('x', 'float32', ['seq', 'batch', 3], 'x'),
    w: g.initializer('w', new Float32Array(wRows * 3), [1, wRows, 3]),
    r: g.initializer('r', new Float32Array(8 * 2), [1, 8, 2]),
    b: g.initializer('b', new Float32Array(16), [1, 16]),
    lengths: g.input('lengths', 'int32', ['batch'], 'lengths'),
  };
}

describe('sequence operators', () => {
  it('infer symbolic shapes through LSTM, Squeeze, CumSum, Less, And, Where, Equal, Cast, Relu', () => {
    const g = new GraphBuilder('ops');
    const operands = lstmOperands(g);
    const y = g.lstm(operands, 2, 'forward', 'lstm');
    expect(y.shape).toEqual(['seq', 1, 'batch', 2]);
    const h = g.relu(g.squeeze(y, [1]), 'h');
    expect(h.shape).toEqual(['seq', 'batch', 2]);
    const ids = g.input('ids', 'int32', ['batch', 'seq'], 'ids');
    const positions = g.cumSum(ids, 1, true);
    const real = g.less(positions, g.unsqueeze(operands.lengths, [1]));
    expect(real).toMatchObject({ dtype: 'bool', shape: ['batch', 'seq'] });
    const both = g.and(g.unsqueeze(real, [2]), g.unsqueeze(real, [1]));
    expect(both.shape).toEqual(['batch', 'seq', 'seq']);
    const eq = g.cast(g.equal(positions, ids), 'float32', 'eq');
    const out = g.where(
      both,
      g.unsqueeze(eq, [2]),
      g.initializer('c', Float32Array.of(-1), []),
      'out',
    );
    expect(out).toMatchObject({ dtype: 'float32', shape: ['batch', 'seq', 'seq'] });
    g.output(out, 'out');
    g.output(h, 'h');
    const decoded = decodeModel(g.toBytes(MODEL), 'ops');
    expect(() => checkModel(decoded)).not.toThrow();
    expect(
      decoded.graph?.node?.find((n) => n.opType === 'LSTM')?.attribute?.map((a) => a.name),
    ).toEqual(['hidden_size', 'direction']);
  });

  it('name the node and the offending operand', () => {
    const g = new GraphBuilder('bad');
    expect(() => g.lstm(lstmOperands(g, 6), 2, 'forward', 'lstm')).toThrow(
      /LSTM node 'lstm': W must be \[1, 8, 3\], got \[1, 6, 3\]/,
    );
    const h = new GraphBuilder('bad2');
    expect(() => h.lstm(lstmOperands(h), 2, 'bidirectional', 'lstm')).toThrow(
      /W must be \[2, 8, 3\]/,
    );
    const k = new GraphBuilder('bad3');
    const x = k.input('x', 'float32', ['batch', 3], 'x');
    expect(() => k.squeeze(x, [1], 'sq')).toThrow(
      /Squeeze node 'sq': axis 1 of \[batch, 3\] is not 1/,
    );
    expect(() => k.where(x, x, x, 'w')).toThrow(
      /Where node 'w': condition must be bool, got float32/,
    );
    expect(() => k.and(x, x, 'a')).toThrow(/And node 'a': input 0 must be bool/);
    const i = k.input('i', 'int32', ['batch'], 'i');
    expect(() => k.less(x, i, 'l')).toThrow(/Less node 'l': inputs are float32 and int32/);
    expect(() => k.relu(i, 'r')).toThrow(/Relu node 'r': input 0 must be float32, got int32/);
  });
});
