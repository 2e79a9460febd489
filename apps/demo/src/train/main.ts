// The training page: starts the worker, plots the running loss and draws the recovered tree
// against the hidden one.
import '../shared/style.css';
import { edgeEndpoints } from '@sst-tricks/sst-solvers';
import { registerOfflineSupport } from '../offline/register';
import { circleLayout } from '../playground/drawing-model';
import { drawLinePlot } from '../shared/line-plot';
import { byId, svgElement } from '../shared/svg';
import type { TrainReply, TrainRequest } from './protocol';

registerOfflineSupport();

const STEPS = 300;
const startButton = byId<HTMLButtonElement>('start');
const stopButton = byId<HTMLButtonElement>('stop');
const status = byId<HTMLOutputElement>('train-status');
const lossPlot = byId('loss-plot');
const treeFigure = byId('tree');

let worker: Worker | null = null;
let hidden: number[] = [];
let nodes = 0;
const steps: number[] = [];
const losses: number[] = [];
let lastDraw = 0;

function send(request: TrainRequest): void {
  worker?.postMessage(request);
}

startButton.addEventListener('click', () => {
  if (worker === null) {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<TrainReply>) => receive(event.data);
    worker.onerror = (event) => {
      status.value = `The training worker stopped: ${event.message}`;
      console.error('training worker:', event.message);
    };
  }
  steps.length = 0;
  losses.length = 0;
  delete document.body.dataset.trained;
  startButton.disabled = true;
  stopButton.disabled = false;
  status.value = 'Starting tfjs (wasm) in a worker…';
  send({ type: 'start', steps: STEPS, seed: 7 });
});

stopButton.addEventListener('click', () => send({ type: 'stop' }));

function receive(reply: TrainReply): void {
  if (reply.type === 'error') {
    status.value = `Training failed: ${reply.message}`;
    startButton.disabled = false;
    stopButton.disabled = true;
    return;
  }
  if (reply.type === 'ready') {
    hidden = reply.hidden;
    nodes = reply.nodes;
    status.value = `Training on ${reply.backend}…`;
    return;
  }
  if (reply.type === 'done') {
    startButton.disabled = false;
    stopButton.disabled = true;
    startButton.textContent = 'Train again';
    draw(true);
    document.body.dataset.trained = String(reply.step);
    return;
  }
  steps.push(reply.step);
  losses.push(reply.loss);
  status.value = `step ${reply.step}/${STEPS}: loss ${reply.loss.toFixed(4)}, ${reply.correctEdges}/${nodes - 1} edges right, ${reply.stepsPerSecond.toFixed(0)} steps/s`;
  lossPlot.dataset.first = String(losses[0]);
  lossPlot.dataset.last = String(reply.loss);
  treeFigure.dataset.correct = String(reply.correctEdges);
  latestTree = reply.tree;
  draw(false);
}

let latestTree: number[] = [];

/** Redraws at most ~20 times a second; the last state is always drawn. */
function draw(force: boolean): void {
  const now = performance.now();
  if (!force && now - lastDraw < 50) return;
  lastDraw = now;
  lossPlot.replaceChildren(
    drawLinePlot([{ name: 'loss', x: steps, y: losses }], 'training loss per step', 'step'),
  );
  treeFigure.replaceChildren(drawTree(latestTree));
}

function drawTree(tree: number[]): SVGSVGElement {
  const size = 300;
  const svg = svgElement('svg', {
    viewBox: `0 0 ${size} ${size}`,
    role: 'img',
    'aria-label': 'recovered tree against the hidden tree',
  });
  const ends = edgeEndpoints(nodes);
  const points = circleLayout(nodes).map((p) => ({ x: p.x * size, y: p.y * size }));
  for (let e = 0; e < tree.length; e++) {
    if (tree[e] !== 1) continue;
    const i = ends.i[e];
    const j = ends.j[e];
    const right = hidden[e] === 1;
    svg.append(
      svgElement('line', {
        x1: points[i].x,
        y1: points[i].y,
        x2: points[j].x,
        y2: points[j].y,
        class: right ? 'true-edge' : 'wrong-edge',
      }),
    );
  }
  points.forEach((p, i) => {
    const g = svgElement('g', { class: 'node' });
    g.append(
      svgElement('circle', { cx: p.x, cy: p.y, r: 11 }),
      svgElement('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle' }, String(i)),
    );
    svg.append(g);
  });
  return svg;
}
