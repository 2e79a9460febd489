// A model page: the <body data-model="…"> attribute names the registry entry. An available model
// is mounted; a missing one gets a notice saying what will appear — never an error.
import '../shared/style.css';
import { registerOfflineSupport } from '../offline/register';
import { byId, htmlElement } from '../shared/svg';
import { type ModelEntry, modelEntry } from './registry';

registerOfflineSupport();

export async function renderModelPage(root: HTMLElement, entry: ModelEntry): Promise<void> {
  root.replaceChildren(htmlElement('h1', {}, entry.title), htmlElement('p', {}, entry.summary));
  if (entry.load === undefined) {
    const notice = htmlElement('section', {
      class: 'notice',
      id: 'model-status',
      'data-status': 'not-available',
    });
    notice.append(
      htmlElement('h2', {}, 'This model is not available yet'),
      htmlElement('p', {}, entry.missing),
      htmlElement('p', {}, `When it is, this page will show: ${entry.willShow}`),
    );
    root.append(notice);
    return;
  }
  const area = htmlElement(
    'section',
    { id: 'model-status', 'data-status': 'loading' },
    'Loading the model…',
  );
  root.append(area);
  try {
    const demo = await entry.load();
    area.replaceChildren();
    await demo.mount(area);
    area.dataset.status = 'ready';
  } catch (error) {
    area.dataset.status = 'failed';
    area.textContent = `The model could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void renderModelPage(byId('model'), modelEntry(document.body.dataset.model ?? ''));
