// The convolution gradients the wasm backend lacks, in plain JS: the filter gradient of conv2d
// (and so of conv1d), and both gradients of depthwiseConv2d. Each walks every (output position,
// filter tap) pair once — the cost of the forward convolution — and accumulates in float64.
// The conv2d filter gradient (the one models hit) has a fast path on a backend with a native
// BatchMatMul: dW = colsᵀ · dy, with colsᵀ (the transposed im2col of x) built in JS so the product
// is a plain, untransposed matMul — the case wasm runs in XNNPACK (~35× the JS loop).
import * as tf from '@tensorflow/tfjs-core';
import type { JsKernelBackend } from './js-kernel-backend.js';

type KernelArgs = {
  inputs: tf.NamedTensorInfoMap;
  backend: JsKernelBackend;
  attrs?: tf.NamedAttrMap;
};
type Shape4 = [number, number, number, number];
type Strides = number | [number, number];
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

// Element strides of an image tensor in either layout, so one loop serves NHWC and NCHW.
interface Layout {
  batch: number;
  row: number;
  col: number;
  channel: number;
}

function layout(height: number, width: number, channels: number, channelsLast: boolean): Layout {
  return channelsLast
    ? { batch: height * width * channels, row: width * channels, col: channels, channel: 1 }
    : { batch: height * width * channels, row: width, col: 1, channel: height * width };
}

function required(args: KernelArgs, name: string): tf.TensorInfo {
  const info = args.inputs[name];
  if (info === undefined) throw new TypeError(`missing kernel input '${name}'`);
  return info;
}

function read(args: KernelArgs, info: tf.TensorInfo): ArrayLike<number> {
  return args.backend.readSync(info.dataId) as Float32Array;
}

function output(args: KernelArgs, shape: number[], values: Float64Array): tf.TensorInfo {
  return args.backend.makeOutput(shape, 'float32', undefined, Float32Array.from(values));
}

function attr<T>(args: KernelArgs, name: string): T {
  return args.attrs?.[name] as T;
}

/** Conv2DBackpropFilter: dW[r, c, i, o] = Σ x[b, y·s + r − pad, …, i] · dy[b, y, …, o]. */
export function conv2DBackpropFilterKernel(args: KernelArgs): tf.TensorInfo {
  const x = required(args, 'x');
  const dy = required(args, 'dy');
  const dataFormat = attr<'NHWC' | 'NCHW'>(args, 'dataFormat') ?? 'NHWC';
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    attr<Shape4>(args, 'filterShape'),
    attr<Strides>(args, 'strides'),
    1,
    attr<Pad>(args, 'pad'),
    attr<Rounding>(args, 'dimRoundingMode'),
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  const last = info.dataFormat === 'channelsLast';
  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  if (last && matMul != null) return conv2DBackpropFilterByMatMul(args, info, x, dy, matMul);
  const xl = layout(info.inHeight, info.inWidth, info.inChannels, last);
  const yl = layout(info.outHeight, info.outWidth, info.outChannels, last);
  const { inChannels: cin, outChannels: cout, filterWidth: fw } = info;
  const xv = read(args, x);
  const dyv = read(args, dy);
  const dw = new Float64Array(info.filterHeight * fw * cin * cout);
  forEachTap(info, (b, yr, yc, wr, wc, xr, xc) => {
    const xBase = b * xl.batch + xr * xl.row + xc * xl.col;
    const yBase = b * yl.batch + yr * yl.row + yc * yl.col;
    const wBase = (wr * fw + wc) * cin * cout;
    for (let i = 0; i < cin; i++) {
      const xi = xv[xBase + i * xl.channel];
      if (xi === 0) continue;
      const w = wBase + i * cout;
      for (let o = 0; o < cout; o++) dw[w + o] += xi * dyv[yBase + o * yl.channel];
    }
  });
  return output(args, info.filterShape, dw);
}

// NHWC only: dy [b, outH, outW, cout] is then already the [N, cout] right operand.
function conv2DBackpropFilterByMatMul(
  args: KernelArgs,
  info: tf.backend_util.Conv2DInfo,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  matMul: tf.KernelConfig,
): tf.TensorInfo {
  const { inChannels: cin, outChannels: cout, filterWidth: fw, outHeight, outWidth } = info;
  const rows = info.filterHeight * fw * cin;
  const cols = info.batchSize * outHeight * outWidth;
  const xl = layout(info.inHeight, info.inWidth, cin, true);
  const xv = read(args, x);
  // colsT[(tap·cin + i), n] = x at the pixel that tap `tap` of output position n reads (0 in the
  // padding, which the zero fill already holds).
  const colsT = new Float32Array(rows * cols);
  forEachTap(info, (b, yr, yc, wr, wc, xr, xc) => {
    const n = (b * outHeight + yr) * outWidth + yc;
    const xBase = b * xl.batch + xr * xl.row + xc * xl.col;
    let row = (wr * fw + wc) * cin;
    for (let i = 0; i < cin; i++, row++) colsT[row * cols + n] = xv[xBase + i];
  });
  const a = args.backend.makeOutput([1, rows, cols], 'float32', undefined, colsT);
  try {
    // dy viewed as [1, N, cout]: same data, so no copy (as the wasm Reshape kernel does).
    const b: tf.TensorInfo = { dataId: dy.dataId, shape: [1, cols, cout], dtype: dy.dtype };
    const product = matMul.kernelFunc({
      inputs: { a, b },
      backend: args.backend,
      attrs: { transposeA: false, transposeB: false },
    }) as tf.TensorInfo;
    return { dataId: product.dataId, shape: info.filterShape, dtype: 'float32' };
  } finally {
    args.backend.disposeData(a.dataId);
  }
}

/** DepthwiseConv2dNativeBackpropFilter (NHWC): dW[r, c, i, m] = Σ x[…, i] · dy[…, i·M + m]. */
export function depthwiseBackpropFilterKernel(args: KernelArgs): tf.TensorInfo {
  const x = required(args, 'x');
  const dy = required(args, 'dy');
  const info = depthwiseInfo(args, x.shape as Shape4, attr<Shape4>(args, 'filterShape'));
  const { inChannels: cin, outChannels: cout, filterWidth: fw } = info;
  const xl = layout(info.inHeight, info.inWidth, cin, true);
  const yl = layout(info.outHeight, info.outWidth, cout, true);
  const xv = read(args, x);
  const dyv = read(args, dy);
  const per = cout / cin;
  const dw = new Float64Array(info.filterHeight * fw * cout);
  forEachTap(info, (b, yr, yc, wr, wc, xr, xc) => {
    const xBase = b * xl.batch + xr * xl.row + xc * xl.col;
    const yBase = b * yl.batch + yr * yl.row + yc * yl.col;
    const wBase = (wr * fw + wc) * cout;
    // A tap of the filter [fh, fw, cin, M] is laid out like dy's channels: index i·M + m.
    for (let i = 0; i < cin; i++) {
      const xi = xv[xBase + i];
      for (let m = i * per; m < (i + 1) * per; m++) dw[wBase + m] += xi * dyv[yBase + m];
    }
  });
  return output(args, info.filterShape, dw);
}

/** DepthwiseConv2dNativeBackpropInput (NHWC): dx[…, i] = Σ W[r, c, i, m] · dy[…, i·M + m]. */
export function depthwiseBackpropInputKernel(args: KernelArgs): tf.TensorInfo {
  const dy = required(args, 'dy');
  const filter = required(args, 'filter');
  const info = depthwiseInfo(args, attr<Shape4>(args, 'inputShape'), filter.shape as Shape4);
  const { inChannels: cin, outChannels: cout, filterWidth: fw } = info;
  const xl = layout(info.inHeight, info.inWidth, cin, true);
  const yl = layout(info.outHeight, info.outWidth, cout, true);
  const wv = read(args, filter);
  const dyv = read(args, dy);
  const per = cout / cin;
  const dx = new Float64Array(info.batchSize * xl.batch);
  forEachTap(info, (b, yr, yc, wr, wc, xr, xc) => {
    const xBase = b * xl.batch + xr * xl.row + xc * xl.col;
    const yBase = b * yl.batch + yr * yl.row + yc * yl.col;
    const wBase = (wr * fw + wc) * cout;
    for (let i = 0; i < cin; i++) {
      let sum = 0;
      for (let m = i * per; m < (i + 1) * per; m++) sum += wv[wBase + m] * dyv[yBase + m];
      dx[xBase + i] += sum;
    }
  });
  return output(args, info.inShape, dx);
}

function depthwiseInfo(args: KernelArgs, inShape: Shape4, filterShape: Shape4) {
  return tf.backend_util.computeConv2DInfo(
    inShape,
    filterShape,
    attr<Strides>(args, 'strides'),
    attr<Strides>(args, 'dilations') ?? 1,
    attr<Pad>(args, 'pad'),
    attr<Rounding>(args, 'dimRoundingMode'),
    true,
  );
}

// Calls `visit` for every output position (b, yr, yc) and filter tap (wr, wc) whose input pixel
// (xr, xc) lies inside the (unpadded) image.
function forEachTap(
  info: tf.backend_util.Conv2DInfo,
  visit: (
    b: number,
    yr: number,
    yc: number,
    wr: number,
    wc: number,
    xr: number,
    xc: number,
  ) => void,
): void {
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  for (let b = 0; b < info.batchSize; b++) {
    for (let yr = 0; yr < info.outHeight; yr++) {
      for (let wr = 0; wr < info.filterHeight; wr++) {
        const xr = yr * info.strideHeight - top + wr * info.dilationHeight;
        if (xr < 0 || xr >= info.inHeight) continue;
        for (let yc = 0; yc < info.outWidth; yc++) {
          for (let wc = 0; wc < info.filterWidth; wc++) {
            const xc = yc * info.strideWidth - left + wc * info.dilationWidth;
            if (xc < 0 || xc >= info.inWidth) continue;
            visit(b, yr, yc, wr, wc, xr, xc);
          }
        }
      }
    }
  }
}
