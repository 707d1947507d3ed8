/**
 * The viewer's entry point: opens the log `swarmsim view` serves (`log.ndjson` next to the page)
 * or the one `?log=URL` names; without one, waits for a file to be dropped or picked, so the
 * built viewer also works as plain static files.
 */
import { hashMatches } from './data/log.js';
import { openLog } from './data/viewer-data.js';
import { App } from './view/app.js';
import { byId, showMessage } from './view/dom.js';

let app: App | null = null;
/** The viewer's markup before any log, to start afresh when another log is opened. */
let pristine = '';

/** Opens a log's text, or shows why it cannot be opened. */
async function open(text: string, name: string): Promise<void> {
  let data;
  try {
    data = openLog(text);
  } catch (error) {
    showMessage(`${name}: ${(error as Error).message}`);
    return;
  }
  if (app) {
    // Fresh markup drops the old log's element listeners; dispose drops the document ones.
    app.dispose();
    byId('viewer').innerHTML = pristine;
  }
  showMessage('');
  byId('welcome').hidden = true;
  byId('viewer').hidden = false;
  const { header, footer } = data.log;
  byId('log-name').textContent = `${name}: ${header.scenario}, seed ${header.seed}, ` +
    `${footer.events} events, swarmsim ${header.swarmsimVersion}`;
  app = new App(data);
  const badge = byId('hash');
  const verified = await hashMatches(data.log).catch(() => null);
  const words = { null: 'hash not checked', true: 'hash verified', false: 'hash mismatch' };
  badge.textContent = words[String(verified) as keyof typeof words];
  badge.className = `badge ${verified === false ? 'bad' : 'good'}`;
  if (verified !== false) return;
  const why = `the lines do not hash to the footer's ${footer.hash}`;
  showMessage(`${name}: ${why}: the log was edited or corrupted; it is shown as it is`, 'info');
}

function wireFileInputs(): void {
  const read = (file: File) => void file.text().then((text) => open(text, file.name));
  const input = byId<HTMLInputElement>('file');
  input.addEventListener('change', () => input.files?.[0] && read(input.files[0]));
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) read(file);
  });
}

async function start(): Promise<void> {
  pristine = byId('viewer').innerHTML;
  wireFileInputs();
  const url = new URLSearchParams(location.search).get('log') ?? 'log.ndjson';
  const response = await fetch(url).catch(() => null);
  // A dev server answers a missing file with its index.html: that is no log either.
  const html = response?.headers.get('content-type')?.startsWith('text/html') ?? false;
  if (response?.ok && !html) {
    // `swarmsim view` names the file it serves; otherwise the URL's last part does.
    const header = response.headers.get('x-swarmsim-log');
    const name = header ? decodeURIComponent(header) : (url.split('/').at(-1) ?? url);
    return open(await response.text(), name);
  }
  byId('welcome').hidden = false;
}

void start();
