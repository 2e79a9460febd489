// The ListOps model page's interactive part: type an expression, and the exported arc scorer
// (onnxruntime-web) scores every arc, the maximum arborescence rooted at the first token is the
// parse (drawn as a tree), and the value graph reads the value off that parse. The result
// element carries what was computed in data attributes (the browser test compares them with
// `sst infer` on the same file and expression).
import { htmlElement } from '../../shared/svg';
import type { ModelDemo } from '../model-demo';
import { tokenize } from './expression';
import {
  LISTOPS_MODEL_CARD,
  LISTOPS_SCORER_URL,
  LISTOPS_VALUE_URL,
  type ListOpsModelCard,
} from './model-card';
import { type ListOpsModels, openListOpsModels } from './onnx-sessions';
import { parseHeads, treeLines } from './parse-tree';

export const DEFAULT_EXPRESSION = '[MAX 2 [MIN 3 4 ] 0 ]';

export async function loadListOpsDemo(): Promise<ModelDemo> {
  const expression = new URLSearchParams(window.location.search).get('expr') ?? DEFAULT_EXPRESSION;
  const models = await openListOpsModels(LISTOPS_SCORER_URL, LISTOPS_VALUE_URL, LISTOPS_MODEL_CARD);
  return { mount: (root) => mountListOpsDemo(root, models, LISTOPS_MODEL_CARD, expression) };
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

function modelDescription(card: ListOpsModelCard): HTMLElement {
  const section = htmlElement('section', { id: 'listops-model' });
  const kb = (card.scorer.bytes + card.value.bytes) / 1024;
  const m = card.test.metrics;
  section.append(
    htmlElement(
      'p',
      {},
      `Two ONNX files of ${kb.toFixed(0)} KB together, run by onnxruntime-web (wasm, one thread): the arc scorer (tokens → a score for every head → child arc; the maximum arborescence rooted at the first token is the parse) and the rest of the model (the parse → a message-passing network → the value). ` +
        `On ${card.test.items} held-out expressions: ${percent(m.accuracy)} right values, arc precision ${percent(m.arcPrecision)}, ${percent(m.exactParse)} exact parses. It never saw a parse while training — only values.`,
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

async function mountListOpsDemo(
  root: HTMLElement,
  models: ListOpsModels,
  card: ListOpsModelCard,
  initial: string,
): Promise<void> {
  const controls = htmlElement('form', {
    class: 'controls',
    id: 'listops-controls',
    novalidate: '',
  });
  const field = htmlElement('label', { class: 'field', for: 'listops-expression' }, 'Expression');
  const input = htmlElement('input', {
    id: 'listops-expression',
    type: 'text',
    spellcheck: 'false',
    value: initial,
  });
  field.append(input);
  const runButton = htmlElement(
    'button',
    { type: 'submit', id: 'listops-run' },
    'Parse and evaluate',
  );
  controls.append(field, runButton);
  const help = htmlElement(
    'p',
    {},
    `Tokens separated by spaces: operators ${card.vocabulary.filter((t) => t.startsWith('[')).join(' ')}, each closed by "]", and the digits 0–9; e.g. ${DEFAULT_EXPRESSION}.`,
  );
  const result = htmlElement('output', { id: 'listops-result', 'aria-live': 'polite' });
  const tree = htmlElement('pre', { id: 'listops-tree', class: 'picture' });
  root.append(modelDescription(card), help, controls, result, tree);

  let latest = 0;
  async function run(text: string): Promise<void> {
    const ticket = ++latest;
    delete result.dataset.ready;
    delete result.dataset.error;
    const { tokens, ids } = tokenize(text, card.vocabulary);
    const started = performance.now();
    const scores = await models.arcScores(ids);
    const heads = parseHeads(scores, ids.length);
    const logits = await models.valueLogits(ids, heads);
    const milliseconds = performance.now() - started;
    if (ticket !== latest) return;
    const max = Math.max(...logits);
    const exps = Array.from(logits, (v) => Math.exp(v - max));
    const total = exps.reduce((a, b) => a + b, 0);
    const value = exps.indexOf(Math.max(...exps));
    result.textContent = `Predicted value ${value} (p = ${(exps[value] / total).toFixed(3)}); the two models took ${milliseconds.toFixed(1)} ms.`;
    tree.textContent = `${treeLines(tokens, heads).join('\n')}\n`;
    Object.assign(result.dataset, {
      tokens: JSON.stringify(tokens),
      heads: JSON.stringify(heads),
      value: String(value),
      scores: JSON.stringify(Array.from(scores)),
      ready: 'true',
    });
    const url = new URL(window.location.href);
    url.searchParams.set('expr', text.trim());
    window.history.replaceState(null, '', url);
  }

  const report = (error: unknown) => {
    result.textContent = `Could not run the model: ${error instanceof Error ? error.message : String(error)}`;
    tree.textContent = '';
    result.dataset.error = 'true';
  };
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(input.value).catch(report);
  });
  await run(initial).catch(report);
}
