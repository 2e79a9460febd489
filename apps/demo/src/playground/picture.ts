// One SVG picture of a structure sample. The elements are built once per (structure, size) and
// each update only rewrites opacities / heights, which keeps live updates well above 30 per second.
import { svgElement } from '../shared/svg';
import { circleLayout, isPairSlot, marks } from './drawing-model';
import type { PlaygroundView } from './view-model';

const SIZE = 300;

export class StructurePicture {
  readonly svg: SVGSVGElement;
  private readonly shapes: SVGElement[] = [];
  private readonly kind: 'graph' | 'bars' | 'matrix';
  private readonly key: string;

  constructor(view: PlaygroundView, title: string) {
    this.kind = view.spec.drawing;
    this.key = pictureKey(view);
    this.svg = svgElement('svg', {
      viewBox: `0 0 ${SIZE} ${SIZE}`,
      role: 'img',
      'aria-label': title,
    });
    if (this.kind === 'graph') this.buildGraph(view);
    else if (this.kind === 'bars') this.buildBars(view);
    else this.buildMatrix(view);
  }

  /** True when this picture's elements fit the view (same structure and size). */
  fits(view: PlaygroundView): boolean {
    return this.key === pictureKey(view);
  }

  update(values: Float64Array): void {
    for (const mark of marks(values)) {
      const shape = this.shapes[mark.slot];
      if (this.kind === 'bars') {
        const full = Number(shape.dataset.full);
        const base = Number(shape.dataset.base);
        const h = full * mark.strength;
        shape.setAttribute('y', String(base - h));
        shape.setAttribute('height', String(h));
      } else {
        shape.setAttribute('opacity', mark.strength.toFixed(3));
      }
      shape.dataset.value = mark.strength.toFixed(6);
    }
  }

  private buildGraph(view: PlaygroundView): void {
    const directed = view.spec.id === 'arborescence';
    const points = circleLayout(view.size).map((p) => ({ x: p.x * SIZE, y: p.y * SIZE }));
    if (directed) {
      const defs = svgElement('defs', {});
      const marker = svgElement('marker', {
        id: `arrow-${uid}`,
        viewBox: '0 0 10 10',
        refX: '10',
        refY: '5',
        markerWidth: '6',
        markerHeight: '6',
        orient: 'auto-start-reverse',
      });
      marker.append(svgElement('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'edge-head' }));
      defs.append(marker);
      this.svg.append(defs);
    }
    const edges = svgElement('g', { class: 'edges' });
    for (const slot of view.slots) {
      const a = points[slot.row];
      const b = points[slot.column];
      // Arcs h→m and m→h would overlap: bend each to its own side, and stop short of the node.
      const line = directed
        ? curvedArc(a, b)
        : svgElement('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y });
      line.setAttribute('class', 'edge');
      if (directed) line.setAttribute('marker-end', `url(#arrow-${uid})`);
      line.append(svgElement('title', {}, slot.label));
      edges.append(line);
      this.shapes.push(line);
    }
    uid++;
    this.svg.append(edges);
    points.forEach((p, i) => {
      const g = svgElement('g', { class: i === 0 && directed ? 'node root' : 'node' });
      g.append(svgElement('circle', { cx: p.x, cy: p.y, r: 11 }));
      g.append(svgElement('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle' }, String(i)));
      this.svg.append(g);
    });
  }

  private buildBars(view: PlaygroundView): void {
    const m = view.size;
    const hasPairs = view.spec.id === 'correlated-k-subset';
    const width = SIZE / m;
    const itemBase = hasPairs ? 200 : 280;
    for (const slot of view.slots) {
      const pair = isPairSlot(view.spec, slot);
      const x = pair ? (slot.row + 0.75) * width : (slot.row + 0.1) * width;
      const w = pair ? width * 0.5 : width * 0.8;
      const base = pair ? 290 : itemBase;
      const full = pair ? 70 : itemBase - 10;
      const frame = svgElement('rect', {
        x,
        y: base - full,
        width: w,
        height: full,
        class: 'bar-frame',
      });
      const bar = svgElement('rect', {
        x,
        y: base,
        width: w,
        height: 0,
        class: pair ? 'bar pair' : 'bar',
      });
      bar.dataset.full = String(full);
      bar.dataset.base = String(base);
      bar.append(svgElement('title', {}, slot.label));
      this.svg.append(frame, bar);
      this.shapes.push(bar);
    }
  }

  private buildMatrix(view: PlaygroundView): void {
    const cell = SIZE / view.size;
    for (const slot of view.slots) {
      const rect = svgElement('rect', {
        x: slot.column * cell + 1,
        y: slot.row * cell + 1,
        width: cell - 2,
        height: cell - 2,
        class: 'cell',
      });
      rect.append(svgElement('title', {}, slot.label));
      this.svg.append(
        svgElement('rect', {
          x: slot.column * cell + 1,
          y: slot.row * cell + 1,
          width: cell - 2,
          height: cell - 2,
          class: 'cell-frame',
        }),
        rect,
      );
      this.shapes.push(rect);
    }
  }
}

let uid = 0;

function pictureKey(view: PlaygroundView): string {
  return `${view.spec.id}:${view.size}`;
}

function curvedArc(a: { x: number; y: number }, b: { x: number; y: number }): SVGElement {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  const stop = 13 / length; // end at the node's rim
  const ex = b.x - dx * stop;
  const ey = b.y - dy * stop;
  const cx = (a.x + b.x) / 2 - dy * 0.12;
  const cy = (a.y + b.y) / 2 + dx * 0.12;
  return svgElement('path', { d: `M ${a.x} ${a.y} Q ${cx} ${cy} ${ex} ${ey}`, fill: 'none' });
}
