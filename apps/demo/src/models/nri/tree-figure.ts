// The inferred tree against the true one, drawn on the trajectory's last frame: inferred edges
// green when true, red dashed when not; true edges the encoder missed thin grey dotted.
import { edgeEndpoints } from '@sst-tricks/sst-solvers';
import { svgElement } from '../../shared/svg';
import type { Point } from './layout-box';

export function treeFigure(
  points: Point[],
  inferred: ArrayLike<number>,
  truth: ArrayLike<number>,
  size: number,
): SVGSVGElement {
  const svg = svgElement('svg', {
    viewBox: `0 0 ${size} ${size}`,
    role: 'img',
    'aria-label': 'inferred tree against the true tree, on the last frame',
  });
  const { i, j } = edgeEndpoints(points.length);
  const line = (e: number, kind: string) =>
    svgElement('line', {
      x1: points[i[e]].x,
      y1: points[i[e]].y,
      x2: points[j[e]].x,
      y2: points[j[e]].y,
      class: kind,
      'data-edge': `${i[e]}-${j[e]}`,
    });
  for (let e = 0; e < truth.length; e++)
    if (truth[e] === 1 && inferred[e] !== 1) svg.append(line(e, 'missed-edge'));
  for (let e = 0; e < inferred.length; e++)
    if (inferred[e] === 1) svg.append(line(e, truth[e] === 1 ? 'true-edge' : 'wrong-edge'));
  points.forEach((p, n) => {
    const g = svgElement('g', { class: 'node' });
    g.append(
      svgElement('circle', { cx: p.x, cy: p.y, r: 10 }),
      svgElement('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle' }, String(n)),
    );
    svg.append(g);
  });
  return svg;
}
