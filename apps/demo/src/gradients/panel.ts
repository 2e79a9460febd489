// The gradient bias / variance panel: asks the worker for sst-core's exact diagnostics at the
// playground's temperature and draws each estimator's total variance and bias (log scale).
import { STRUCTURE_KINDS, type StructureKind } from '@sst-tricks/sst-core';
import { htmlElement, svgElement } from '../shared/svg';
import { logBars } from './bars';
import type { DiagnoseReply, DiagnoseRequest, EstimatorSummary } from './protocol';

const SAMPLES = 2000;

export function mountGradientPanel(root: HTMLElement, temperature: () => number): void {
  const select = htmlElement('select', { id: 'gradient-structure' });
  for (const kind of STRUCTURE_KINDS) select.append(htmlElement('option', { value: kind }, kind));
  select.value = 'spanning-tree';
  const label = htmlElement('label', { for: 'gradient-structure' }, 'Problem ');
  const button = htmlElement(
    'button',
    { id: 'run-gradients', type: 'button' },
    'Compute at the current temperature',
  );
  const status = htmlElement('p', { id: 'gradient-status', role: 'status' });
  const charts = htmlElement('div', { class: 'gradient-charts' });
  const table = htmlElement('table', { id: 'gradient-table' });
  root.append(htmlElement('div', { class: 'controls' }), status, charts, table);
  root.firstElementChild?.append(label, select, button);

  let worker: Worker | null = null;
  button.addEventListener('click', () => {
    worker ??= new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    const request: DiagnoseRequest = {
      type: 'diagnose',
      structure: select.value as StructureKind,
      temperature: temperature(),
      samples: SAMPLES,
      seed: 1,
    };
    button.disabled = true;
    status.textContent = `Computing ${SAMPLES} estimates per estimator…`;
    worker.onerror = (event) => {
      button.disabled = false;
      status.textContent = `Failed: the diagnostics worker stopped (${event.message ?? 'unknown error'})`;
      console.error('gradient worker:', event.message);
    };
    worker.onmessage = (event: MessageEvent<DiagnoseReply>) => {
      button.disabled = false;
      const reply = event.data;
      if (reply.type === 'error') {
        status.textContent = `Failed: ${reply.message}`;
        return;
      }
      status.textContent = `${reply.structure}, loss ${reply.loss}, t = ${reply.temperature.toPrecision(3)}: ${reply.samples} estimates of 4 samples each against the exact gradient (${reply.exactMethod}), ${reply.backend}, ${(reply.milliseconds / 1000).toFixed(1)} s.`;
      charts.replaceChildren(
        chart('Total variance (log scale)', reply.estimators, (e) => e.totalVariance),
        chart('Bias norm ‖E[ĝ] − ∇‖ (log scale)', reply.estimators, (e) => e.biasNorm),
      );
      fillTable(table, reply.estimators);
      root.dataset.ready = 'true';
    };
    worker.postMessage(request);
  });
}

function chart(
  title: string,
  rows: EstimatorSummary[],
  value: (e: EstimatorSummary) => number,
): HTMLElement {
  const figure = htmlElement('figure');
  figure.append(htmlElement('figcaption', {}, title));
  const height = rows.length * 22;
  const svg = svgElement('svg', { viewBox: `0 0 300 ${height}`, role: 'img', 'aria-label': title });
  logBars(rows.map((e) => ({ label: e.estimator, value: value(e) }))).forEach((bar, i) => {
    svg.append(
      svgElement(
        'text',
        { x: 0, y: i * 22 + 15, class: 'bar-label' },
        bar.label.replace('reinforce-', 'REINFORCE ').replace('reinforce', 'REINFORCE'),
      ),
      svgElement('rect', {
        x: 160,
        y: i * 22 + 4,
        width: Math.max(1, 135 * bar.fraction),
        height: 14,
        class: `bar estimator-${bar.label}`,
      }),
    );
  });
  figure.append(svg);
  return figure;
}

function fillTable(table: HTMLTableElement, rows: EstimatorSummary[]): void {
  const head = htmlElement('tr');
  for (const h of ['estimator', 'total variance', 'bias norm (s.e.)', 'cosine to exact'])
    head.append(htmlElement('th', { scope: 'col' }, h));
  table.replaceChildren(head);
  for (const e of rows) {
    const tr = htmlElement('tr');
    tr.append(
      htmlElement('th', { scope: 'row' }, e.estimator),
      htmlElement('td', {}, e.totalVariance.toPrecision(3)),
      htmlElement('td', {}, `${e.biasNorm.toPrecision(3)} (${e.biasStandardError.toPrecision(2)})`),
      htmlElement('td', {}, e.cosine.toFixed(4)),
    );
    table.append(tr);
  }
}
