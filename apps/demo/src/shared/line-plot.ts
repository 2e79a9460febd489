// A minimal SVG line plot (one or more series over a shared x axis) used by the training and the
// curves pages. Geometry is computed by `plotGeometry` (tested); `drawLinePlot` only renders it.
import { svgElement } from './svg';

export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

export interface PlotGeometry {
  xRange: [number, number];
  yRange: [number, number];
  /** One SVG path per series, in plot coordinates (width × height). */
  paths: string[];
}

const WIDTH = 320;
const HEIGHT = 200;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

/** Ranges and paths; non-finite points are skipped (a gap), never drawn at 0. */
export function plotGeometry(
  series: readonly Series[],
  width = WIDTH,
  height = HEIGHT,
): PlotGeometry {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    if (s.x.length !== s.y.length)
      throw new RangeError(
        `series ${s.name}: x and y must have the same length, got ${s.x.length} and ${s.y.length}`,
      );
    s.x.forEach((x, i) => {
      if (Number.isFinite(x) && Number.isFinite(s.y[i])) {
        xs.push(x);
        ys.push(s.y[i]);
      }
    });
  }
  const range = (v: number[]): [number, number] => {
    if (v.length === 0) return [0, 1];
    let lo = Math.min(...v);
    let hi = Math.max(...v);
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    return [lo, hi];
  };
  const xRange = range(xs);
  const yRange = range(ys);
  const px = (x: number) =>
    PAD.left + ((x - xRange[0]) / (xRange[1] - xRange[0])) * (width - PAD.left - PAD.right);
  const py = (y: number) =>
    height -
    PAD.bottom -
    ((y - yRange[0]) / (yRange[1] - yRange[0])) * (height - PAD.top - PAD.bottom);
  const paths = series.map((s) => {
    let d = '';
    let pen = 'M';
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = 'M';
        return;
      }
      d += `${pen}${px(x).toFixed(1)},${py(y).toFixed(1)} `;
      pen = 'L';
    });
    return d.trim();
  });
  return { xRange, yRange, paths };
}

export function drawLinePlot(
  series: readonly Series[],
  title: string,
  xLabel: string,
): SVGSVGElement {
  const g = plotGeometry(series);
  const svg = svgElement('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': title,
    class: 'line-plot',
  });
  const bottom = HEIGHT - PAD.bottom;
  svg.append(
    svgElement('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom, class: 'plot-axis' }),
    svgElement('line', {
      x1: PAD.left,
      y1: bottom,
      x2: WIDTH - PAD.right,
      y2: bottom,
      class: 'plot-axis',
    }),
    svgElement(
      'text',
      { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end', class: 'plot-text' },
      short(g.yRange[1]),
    ),
    svgElement(
      'text',
      { x: PAD.left - 4, y: bottom, 'text-anchor': 'end', class: 'plot-text' },
      short(g.yRange[0]),
    ),
    svgElement('text', { x: PAD.left, y: HEIGHT - 6, class: 'plot-text' }, short(g.xRange[0])),
    svgElement(
      'text',
      { x: WIDTH - PAD.right, y: HEIGHT - 6, 'text-anchor': 'end', class: 'plot-text' },
      `${xLabel} ${short(g.xRange[1])}`,
    ),
  );
  g.paths.forEach((d, i) => {
    const path = svgElement('path', { d, class: `plot-line series-${i}` });
    path.append(svgElement('title', {}, series[i].name));
    svg.append(path);
  });
  return svg;
}

function short(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0)
    ? v.toExponential(1)
    : String(Number(v.toPrecision(3)));
}
