// The NRI model page's interactive part: pick a trajectory (seed and sample of the test split),
// watch it animate, and see the tree the exported encoder infers from it (onnxruntime-web, then
// Kruskal on the edge logits) against the true one, with its edge precision. The result element
// carries what was computed in data attributes (the browser test compares them with `sst infer`).
import { htmlElement } from '../../shared/svg';
import type { ModelDemo } from '../model-demo';
import { layoutPoints } from './layout-box';
import { NRI_MODEL_CARD, NRI_MODEL_URL, type NriModelCard } from './model-card';
import { type NriEncoder, openNriEncoder } from './onnx-session';
import { nriSample, type SampleChoice, sampleChoiceFromQuery } from './sample';
import { trajectoryAnimation } from './trajectory-canvas';
import { treeFigure } from './tree-figure';
import { edgePrecision, inferTree, treeEdges } from './tree-result';

const SIZE = 320;
const MARGIN = 16;

export async function loadNriDemo(): Promise<ModelDemo> {
  const choice = sampleChoiceFromQuery(window.location.search);
  const encoder = await openNriEncoder(NRI_MODEL_URL, NRI_MODEL_CARD);
  return { mount: (root) => mountNriDemo(root, encoder, NRI_MODEL_CARD, choice) };
}

function numberField(id: string, label: string, value: number): [HTMLElement, HTMLInputElement] {
  const field = htmlElement('label', { class: 'field', for: id }, label);
  const input = htmlElement('input', {
    id,
    type: 'number',
    min: '0',
    step: '1',
    value: String(value),
  });
  field.append(input);
  return [field, input];
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

function modelDescription(card: NriModelCard): HTMLElement {
  const section = htmlElement('section', { id: 'nri-model' });
  section.append(
    htmlElement(
      'p',
      {},
      `The encoder is an ONNX file of ${(card.bytes / 1024).toFixed(0)} KB (${card.model.latent} latent, ${card.input.nodes} nodes, ${card.input.frames} frames), run by onnxruntime-web on its wasm backend with one thread. ` +
        `Held-out edge precision of its noise-free trees: ${percent(card.precision.test.value)} on ${card.precision.test.items} test trajectories.`,
    ),
  );
  const details = htmlElement('details');
  const list = htmlElement('ul');
  for (const command of card.commands) {
    const item = htmlElement('li');
    item.append(htmlElement('code', {}, command));
    list.append(item);
  }
  details.append(htmlElement('summary', {}, 'How it was made'), list);
  section.append(details);
  return section;
}

async function mountNriDemo(
  root: HTMLElement,
  encoder: NriEncoder,
  card: NriModelCard,
  initial: SampleChoice,
): Promise<void> {
  const { frames, nodes } = card.input;
  // novalidate: a bad seed gets the page's own message naming the value, not the browser's bubble.
  const controls = htmlElement('form', { class: 'controls', id: 'nri-controls', novalidate: '' });
  const [seedField, seedInput] = numberField('nri-seed', 'Seed', initial.seed);
  const [sampleField, sampleInput] = numberField('nri-sample', 'Sample', initial.index);
  const runButton = htmlElement('button', { type: 'submit', id: 'nri-run' }, 'Infer the tree');
  const nextButton = htmlElement('button', { type: 'button', id: 'nri-next' }, 'Next trajectory');
  const pauseButton = htmlElement('button', { type: 'button', id: 'nri-pause' });
  controls.append(seedField, sampleField, runButton, nextButton, pauseButton);

  const animation = trajectoryAnimation(SIZE);
  const trajectoryFigure = htmlElement('figure', { class: 'picture' });
  trajectoryFigure.append(
    animation.canvas,
    htmlElement('figcaption', {}, `What the encoder reads: ${frames} frames of ${nodes} nodes.`),
  );
  const tree = htmlElement('div', { id: 'nri-tree' });
  const treeBox = htmlElement('figure', { class: 'picture' });
  treeBox.append(
    tree,
    htmlElement(
      'figcaption',
      {},
      'Inferred tree on the last frame: green = true edge, red dashed = wrong edge, grey dotted = true edge it missed.',
    ),
  );
  const pair = htmlElement('div', { class: 'pair' });
  pair.append(trajectoryFigure, treeBox);
  const result = htmlElement('output', { id: 'nri-result', 'aria-live': 'polite' });
  root.append(modelDescription(card), controls, result, pair);

  const showPlaying = () => {
    pauseButton.textContent = animation.playing ? 'Pause animation' : 'Play animation';
  };
  showPlaying();
  pauseButton.addEventListener('click', () => {
    animation.setPlaying(!animation.playing);
    showPlaying();
  });

  let latest = 0;
  async function run(choice: SampleChoice): Promise<void> {
    const ticket = ++latest;
    delete result.dataset.ready;
    const sample = nriSample(choice.seed, choice.index, nodes, frames);
    const started = performance.now();
    const logits = await encoder.edgeLogits(sample.trajectories);
    const milliseconds = performance.now() - started;
    if (ticket !== latest) return;
    const inferred = inferTree(logits, nodes);
    const precision = edgePrecision(inferred.tree, sample.trueTree);
    const points = layoutPoints(sample.trajectories, frames, nodes, SIZE, MARGIN);
    animation.show(points);
    tree.replaceChildren(treeFigure(points[frames - 1], inferred.tree, sample.trueTree, SIZE));
    const right = Math.round(precision * (nodes - 1));
    result.textContent = `Seed ${choice.seed}, sample ${choice.index}: ${right} of ${nodes - 1} inferred edges are true edges (edge precision ${percent(precision)}); the encoder took ${milliseconds.toFixed(1)} ms.`;
    Object.assign(result.dataset, {
      seed: String(choice.seed),
      sample: String(choice.index),
      inferred: JSON.stringify(inferred.edges),
      truth: JSON.stringify(treeEdges(sample.trueTree, nodes)),
      precision: String(precision),
      logits: JSON.stringify(Array.from(logits)),
      ready: 'true',
    });
    const url = new URL(window.location.href);
    url.searchParams.set('seed', String(choice.seed));
    url.searchParams.set('sample', String(choice.index));
    window.history.replaceState(null, '', url);
  }

  const report = (error: unknown) => {
    result.textContent = `Could not run the encoder: ${error instanceof Error ? error.message : String(error)}`;
    result.dataset.error = 'true';
  };
  const readChoice = (): SampleChoice =>
    sampleChoiceFromQuery(`seed=${seedInput.value}&sample=${sampleInput.value}`);
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    delete result.dataset.error;
    try {
      void run(readChoice()).catch(report);
    } catch (error) {
      report(error);
    }
  });
  nextButton.addEventListener('click', () => {
    sampleInput.value = String(Number(sampleInput.value) + 1);
    controls.requestSubmit();
  });
  await run(initial);
}
