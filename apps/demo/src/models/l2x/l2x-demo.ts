// The L2X page's interactive part: paste a review, and the exported explainer (onnxruntime-web)
// scores its words, the correlated chain argmax picks k of them, and the exported predictor rates
// the aspect from those words alone. The review runs at its own length, as `sst explain` does.
// The result element carries what was computed in data attributes (the browser test compares
// them with `sst infer` and with the card's `sst explain` example).
import { htmlElement } from '../../shared/svg';
import type { ModelDemo } from '../model-demo';
import {
  L2X_EXPLAINER_URL,
  L2X_MODEL_CARD,
  L2X_PREDICTOR_URL,
  type L2xModelCard,
} from './model-card';
import { type L2xModels, openL2xModels } from './onnx-sessions';
import { selectionMask } from './selection';
import { tokenIds, tokenize } from './tokenize';

export async function loadL2xDemo(): Promise<ModelDemo> {
  const models = await openL2xModels(L2X_EXPLAINER_URL, L2X_PREDICTOR_URL, L2X_MODEL_CARD);
  return { mount: (root) => mountL2xDemo(root, models, L2X_MODEL_CARD) };
}

function modelDescription(card: L2xModelCard): HTMLElement {
  const kb = (card.explainer.bytes + card.predictor.bytes) / 1024;
  const section = htmlElement('section', { id: 'l2x-model' });
  section.append(
    htmlElement(
      'p',
      {},
      `Two ONNX files of ${kb.toFixed(0)} KB together, run by onnxruntime-web (wasm, one thread): the explainer scores every word, the ${card.model.structure.name} selection keeps k = ${card.k}, and the predictor rates ${card.aspect} from those words alone. ` +
        `Trained on synthetic reviews (vocabulary of ${card.vocabulary.length} words; others count as unknown): test MSE ${card.metrics.mse.toFixed(4)}, subset precision ${(100 * card.metrics.precision).toFixed(1)} %.`,
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

async function mountL2xDemo(root: HTMLElement, models: L2xModels, card: L2xModelCard) {
  const query = new URLSearchParams(window.location.search).get('review');
  const controls = htmlElement('form', { class: 'controls', id: 'l2x-controls', novalidate: '' });
  const field = htmlElement('label', { class: 'field wide', for: 'l2x-review' }, 'Review');
  const review = htmlElement('textarea', { id: 'l2x-review', rows: '5' });
  review.value = query ?? card.example.text;
  field.append(review);
  const runButton = htmlElement('button', { type: 'submit', id: 'l2x-run' }, 'Explain the rating');
  controls.append(field, runButton);
  const result = htmlElement('output', { id: 'l2x-result', 'aria-live': 'polite' });
  const words = htmlElement('p', { id: 'l2x-words', class: 'l2x-words' });
  root.append(modelDescription(card), controls, result, words);

  async function run(text: string): Promise<void> {
    delete result.dataset.ready;
    delete result.dataset.error;
    const tokens = tokenize(text);
    if (tokens.length === 0) throw new Error('type or paste a review first');
    const ids = tokenIds(tokens, card.vocabulary);
    // As `sst explain`: the review at its own length, padded (id 0) to at least max(k, 2).
    const padded = [...ids, ...new Array(Math.max(0, card.k - ids.length, 2 - ids.length)).fill(0)];
    const started = performance.now();
    const logits = await models.logits(padded);
    const mask = selectionMask(card.model.structure, logits.word, logits.pair);
    const rating = await models.rating(padded, mask);
    const milliseconds = performance.now() - started;
    const selected = tokens.map((_, i) => i).filter((i) => mask[i] === 1);
    words.replaceChildren(
      ...tokens.flatMap((t, i) => [
        mask[i] === 1 ? htmlElement('mark', {}, t) : document.createTextNode(t),
        document.createTextNode(' '),
      ]),
    );
    result.textContent = `Predicted ${card.aspect} rating ${rating.toFixed(2)} (0–1) from the ${selected.length} highlighted words; both models took ${milliseconds.toFixed(1)} ms.`;
    Object.assign(result.dataset, {
      tokens: JSON.stringify(tokens),
      selected: JSON.stringify(selected),
      words: JSON.stringify(selected.map((i) => tokens[i])),
      rating: String(rating),
      ready: 'true',
    });
  }

  const report = (error: unknown) => {
    result.textContent = `Could not explain: ${error instanceof Error ? error.message : String(error)}`;
    result.dataset.error = 'true';
  };
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(review.value).catch(report);
  });
  await run(review.value).catch(report);
}
