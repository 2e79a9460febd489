// The playground page: structure, size, k, logits, temperature and noise controls; the hard (SMT)
// and relaxed (SST) samples side by side; and the gradient diagnostics panel.
import '../shared/style.css';
import { mountGradientPanel } from '../gradients/panel';
import { registerOfflineSupport } from '../offline/register';
import { byId, htmlElement } from '../shared/svg';
import { gumbelNoise, LOGIT_PRESETS, type LogitPreset, presetLogits } from './noise';
import { StructurePicture } from './picture';
import { logitSlots, STRUCTURES, type StructureId, structureSpec } from './structures';
import { formatTemperature, sliderFromTemperature, temperatureFromSlider } from './temperature';
import { measureUpdateRate } from './update-rate';
import { type PlaygroundState, type PlaygroundView, playgroundView } from './view-model';

registerOfflineSupport();

const structureSelect = byId<HTMLSelectElement>('structure');
const sizeInput = byId<HTMLInputElement>('size');
const sizeLabel = byId<HTMLElement>('size-label');
const kInput = byId<HTMLInputElement>('k');
const kField = byId<HTMLElement>('k-field');
const temperatureInput = byId<HTMLInputElement>('temperature');
const temperatureOutput = byId<HTMLOutputElement>('temperature-value');
const presetSelect = byId<HTMLSelectElement>('preset');
const logitsList = byId<HTMLElement>('logits');
const hardFigure = byId<HTMLElement>('hard');
const relaxedFigure = byId<HTMLElement>('relaxed');
const summary = byId<HTMLElement>('summary');
const rateOutput = byId<HTMLOutputElement>('rate');

let noiseSeed = 1;
let presetSeed = 1;
let state: PlaygroundState = initialState('spanning-tree', 0.5);
let pictures: { hard: StructurePicture; relaxed: StructurePicture } | null = null;

for (const s of STRUCTURES) structureSelect.append(htmlElement('option', { value: s.id }, s.label));
for (const p of LOGIT_PRESETS) presetSelect.append(htmlElement('option', { value: p }, p));
structureSelect.value = state.structure;
presetSelect.value = 'random'; // the preset the initial logits come from
temperatureInput.value = String(sliderFromTemperature(state.temperature));

function initialState(
  structure: StructureId,
  temperature: number,
  size?: number,
  k?: number,
): PlaygroundState {
  const spec = structureSpec(structure);
  const n = size ?? spec.defaultSize;
  const count = logitSlots(structure, n).length;
  return {
    structure,
    size: n,
    k: Math.min(k ?? Math.max(1, Math.floor(n / 3)), n - 1),
    logits: presetLogits('random', count, presetSeed),
    noise: gumbelNoise(count, noiseSeed),
    temperature,
  };
}

function render(): PlaygroundView {
  const view = playgroundView(state);
  if (pictures === null || !pictures.hard.fits(view)) {
    pictures = {
      hard: new StructurePicture(view, 'hard sample (SMT)'),
      relaxed: new StructurePicture(view, 'relaxed sample (SST)'),
    };
    hardFigure.replaceChildren(pictures.hard.svg);
    relaxedFigure.replaceChildren(pictures.relaxed.svg);
  }
  pictures.hard.update(view.hard);
  pictures.relaxed.update(view.relaxed);
  temperatureOutput.value = `t = ${formatTemperature(state.temperature)}`;
  summary.textContent = describe(view);
  return view;
}

function describe(view: PlaygroundView): string {
  const sum = (values: Float64Array, from = 0, to = values.length) =>
    values.subarray(from, to).reduce((a, b) => a + b, 0);
  const items = view.spec.id === 'correlated-k-subset' ? view.size : view.slots.length;
  return `Σ hard = ${sum(view.hard, 0, items).toFixed(0)}, Σ relaxed = ${sum(view.relaxed, 0, items).toFixed(4)} over ${items} ${view.spec.drawing === 'graph' ? 'edges' : 'entries'}`;
}

function rebuildControls(): void {
  const spec = structureSpec(state.structure);
  sizeInput.min = String(spec.minSize);
  sizeInput.max = String(spec.maxSize);
  sizeInput.value = String(state.size);
  sizeLabel.textContent = `Size (${spec.sizeName})`;
  kField.hidden = !spec.hasK;
  kInput.max = String(state.size - 1);
  kInput.value = String(state.k);
  const slots = logitSlots(state.structure, state.size);
  logitsList.replaceChildren(
    ...slots.map((slot, i) => {
      const id = `logit-${i}`;
      const row = htmlElement('div', { class: 'logit' });
      const input = htmlElement('input', {
        id,
        type: 'range',
        min: '-5',
        max: '5',
        step: '0.1',
        value: String(state.logits[i]),
      });
      const label = htmlElement('label', { for: id }, slot.label);
      const output = htmlElement('output', { for: id }, state.logits[i].toFixed(1));
      input.addEventListener('input', () => {
        state.logits[i] = Number(input.value);
        output.textContent = state.logits[i].toFixed(1);
        render();
      });
      row.append(label, input, output);
      return row;
    }),
  );
}

structureSelect.addEventListener('change', () => {
  state = initialState(structureSelect.value as StructureId, state.temperature);
  rebuildControls();
  render();
});
sizeInput.addEventListener('change', () => {
  const spec = structureSpec(state.structure);
  const size = Math.round(Math.min(spec.maxSize, Math.max(spec.minSize, Number(sizeInput.value))));
  state = initialState(state.structure, state.temperature, size, state.k);
  rebuildControls();
  render();
});
kInput.addEventListener('change', () => {
  state.k = Math.round(Math.min(state.size - 1, Math.max(1, Number(kInput.value))));
  kInput.value = String(state.k);
  render();
});
temperatureInput.addEventListener('input', () => {
  state.temperature = temperatureFromSlider(Number(temperatureInput.value));
  render();
});
byId('resample').addEventListener('click', () => {
  noiseSeed++;
  state.noise = gumbelNoise(state.noise.length, noiseSeed);
  render();
});
byId('apply-preset').addEventListener('click', () => {
  presetSeed++;
  state.logits = presetLogits(presetSelect.value as LogitPreset, state.logits.length, presetSeed);
  rebuildControls();
  render();
});
byId('measure-rate').addEventListener('click', () => {
  const saved = state.temperature;
  const result = measureUpdateRate((i) => {
    state.temperature = temperatureFromSlider((i * 7) % 101);
    render();
    hardFigure.getBoundingClientRect(); // include style and layout, not just the solve
  });
  state.temperature = saved;
  render();
  rateOutput.value = `${result.updatesPerSecond.toFixed(0)} updates/s (median ${result.medianMs.toFixed(2)} ms per update, ${state.structure} of size ${state.size})`;
  rateOutput.dataset.updatesPerSecond = result.updatesPerSecond.toFixed(1);
});

rebuildControls();
render();
mountGradientPanel(byId('gradients'), () => state.temperature);
