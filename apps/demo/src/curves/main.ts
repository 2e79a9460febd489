// The curves page: a metrics log from the file picker or dropped on the page, one plot per curve.
import '../shared/style.css';
import { registerOfflineSupport } from '../offline/register';
import { drawLinePlot } from '../shared/line-plot';
import { byId, htmlElement } from '../shared/svg';
import { parseMetricsLog } from './parse-metrics';

registerOfflineSupport();

const input = byId<HTMLInputElement>('metrics-file');
const drop = byId('drop');
const status = byId('curves-status');
const curves = byId('curves');

async function show(file: File): Promise<void> {
  try {
    const parsed = parseMetricsLog(await file.text());
    curves.replaceChildren(
      ...parsed.series.map((s) => {
        const figure = htmlElement('figure', { class: 'curve' });
        figure.dataset.name = s.name;
        figure.dataset.points = String(s.x.length);
        figure.append(
          htmlElement('figcaption', {}, `${s.name} (${s.x.length} points)`),
          drawLinePlot([s], s.name, 'step'),
        );
        return figure;
      }),
    );
    status.textContent = `${file.name}: ${parsed.steps} logged steps, ${parsed.evaluations} evaluations${parsed.tornLastLine ? ' (a torn last line was skipped)' : ''}.`;
  } catch (error) {
    curves.replaceChildren();
    status.textContent = `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file !== undefined) void show(file);
});
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const file = event.dataTransfer?.files[0];
  if (file !== undefined) void show(file);
});
